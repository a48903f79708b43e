package dev.lifecycle.edge.agent.cli;

import dev.lifecycle.edge.agent.boot.AgentUserData;
import dev.lifecycle.edge.agent.boot.BootSettings;
import dev.lifecycle.edge.agent.boot.GivenLinkToken;
import dev.lifecycle.edge.agent.boot.Management;
import dev.lifecycle.edge.agent.boot.SiteUserData;
import dev.lifecycle.edge.agent.boot.UserDataException;
import dev.lifecycle.edge.agent.client.GatewayClient;
import dev.lifecycle.edge.agent.client.PinnedCertificate;
import dev.lifecycle.edge.agent.client.TrustedCa;
import dev.lifecycle.edge.agent.exec.HookExecutor;
import dev.lifecycle.edge.agent.host.InventoryProbe;
import dev.lifecycle.edge.agent.host.LocalHost;
import dev.lifecycle.edge.agent.host.LocalSite;
import dev.lifecycle.edge.agent.link.NotLinkedException;
import dev.lifecycle.edge.agent.link.SiteLink;
import dev.lifecycle.edge.agent.loop.AgentLoop;
import dev.lifecycle.edge.agent.loop.AgentPhase;
import dev.lifecycle.edge.agent.loop.HostIdentity;
import dev.lifecycle.edge.agent.state.FileStateStore;
import dev.lifecycle.edge.cli.DurationConverter;
import dev.lifecycle.edge.wire.Durations;
import dev.lifecycle.edge.wire.LinkToken;
import dev.lifecycle.edge.wire.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code edge-agent.jar run}: the agent of one real host, until stopped or refused. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Registers this host through the gateway, applies its plan with the hooks, reports.",
        "",
        "On an installed host: --user-data FILE, the cloud-config the operator rendered into the "
            + "RegistrationToken's Secret (key user-data); it holds the gateway's URL and CA, the token and the "
            + "network defaults. Add --site-user-data FILE for a technician's site settings (edge_site block; "
            + "they win over the user-data's). By hand: --gateway URL --token-file FILE [--ca-cert PEM].",
        "",
        "A host of a site controller (installer user-data with management: local) links with a link token: "
            + "edge_site.linkToken of the site user-data, --link-token-file FILE or --link-token TEXT (these win "
            + "over the user-data's). It pins the controller's certificate and keeps the link in --state-dir.",
        "",
        "Restarts resume from --state-dir: a host registers once and then uses the credential kept there.",
        "",
        "Exit codes: 0 stopped, 2 bad options or user-data, 3 registration refused, 4 management: local and not "
            + "linked (no link token)."})
final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Spec
  private CommandSpec spec;

  @Mixin
  private GatewayOptions gateway;

  @Option(names = "--user-data", paramLabel = "FILE",
      description = "The installer user-data (cloud-config with an edge_agent block), such as "
          + "/etc/edge-agent/user-data.yaml: the gateway's URL and CA, the token and the network defaults.")
  private Path userData;

  @Option(names = "--site-user-data", paramLabel = "FILE",
      description = "The site user-data (an edge_site block in the shape of EdgeHost spec.site, camelCase): its "
          + "settings and gatewayUrl win over the user-data's. Needs --user-data.")
  private Path siteUserData;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  private LinkTokenSource linkToken;

  /** Where a technician's link token comes from: the command line or a file. */
  static final class LinkTokenSource {
    @Option(names = "--link-token", paramLabel = "TEXT",
        description = "The link token (edgelink1....) the site controller made for this host: links it to that "
            + "controller. Wins over the site user-data's and the user-data's.")
    private String value;

    @Option(names = "--link-token-file", paramLabel = "FILE",
        description = "A file holding the link token (keeps it out of the process list).")
    private Path file;
  }

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/edge-agent",
      description = "Where the credential is kept, readable by the owner only (default: ${DEFAULT-VALUE}).")
  private Path stateDir;

  @Option(names = "--hooks-dir", paramLabel = "DIR", defaultValue = "/etc/edge-agent/hooks",
      description = "Where the install, upgrade and reset hooks are (default: ${DEFAULT-VALUE}).")
  private Path hooksDir;

  @Option(names = "--machine-id", paramLabel = "ID", description = "The machine id (default: /etc/machine-id).")
  private String machineId;

  @Option(names = "--hostname", paramLabel = "NAME",
      description = "The host name (default: the site user-data's hostname, else the local host name).")
  private String hostname;

  @Option(names = "--hook-timeout", paramLabel = "DURATION", defaultValue = "30m",
      converter = DurationConverter.class,
      description = "How long a hook may run before it is killed (default: ${DEFAULT-VALUE}).")
  private Duration hookTimeout;

  @Override
  public Integer call() {
    BootSettings boot = bootSettings();
    HostIdentity identity = new HostIdentity(machineId(), hostname(boot), InventoryProbe.probe(), boot.site(),
        Map.of());
    FileStateStore store = stateStore();
    Connection connection;
    if (boot.management() == Management.LOCAL) {
      try {
        connection = link(boot, store);
      } catch (NotLinkedException e) {
        LOG.error("{}", e.getMessage());
        spec.commandLine().getErr().println("edge-agent run: " + e.getMessage());
        return ExitCodes.NOT_LINKED;
      }
    } else {
      connection = new Connection(boot.gateway(), trust(boot), boot.token());
    }
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("agent-scheduler"));
    ExecutorService http = Executors.newFixedThreadPool(2, daemon("agent-http"));
    GatewayClient client = new GatewayClient(GatewayClient.httpClient(connection.trust(), http),
        connection.gateway());
    HookExecutor hooks = new HookExecutor(hooksDir, hookTimeout);
    AgentLoop loop = AgentLoop.builder(client, connection.token(), identity)
        .executor(hooks).scheduler(scheduler).store(store).pollInterval(gateway.pollInterval())
        .longPoll(gateway.longPoll()).build();
    Thread shutdown = new Thread(() -> {
      loop.close();
      hooks.close();
    }, "agent-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    LOG.info("Edge agent for machine {} ({}): gateway {}{}, hooks in {}, state in {}, polling every {}",
        identity.machineId(), identity.hostname(), client.gateway(), userData == null ? ""
            : " from " + userData + (siteUserData == null ? "" : " and " + siteUserData), hooksDir, stateDir,
        Durations.format(gateway.pollInterval()));
    loop.start();
    AgentPhase end;
    try {
      end = loop.stopped().get();
    } catch (InterruptedException e) {
      // Stopped by whoever runs this command in a thread (a test); a process is stopped by its shutdown hook.
      Thread.currentThread().interrupt();
      loop.close();
      Runtime.getRuntime().removeShutdownHook(shutdown);
      end = AgentPhase.STOPPED;
    } catch (ExecutionException impossible) {
      throw new IllegalStateException(impossible.getCause());
    }
    hooks.close();
    scheduler.shutdownNow();
    http.shutdownNow();
    return end == AgentPhase.REFUSED ? ExitCodes.REFUSED : 0;
  }

  /** Where the agent talks to, how it trusts it, and the registration token (null: only the kept credential). */
  private record Connection(URI gateway, SSLContext trust, String token) {
  }

  /**
   * The link to a site controller: decided from the link token and the link kept in the state directory, kept
   * there before the agent starts (with what the host held of another controller forgotten), and the
   * controller's certificate pinned.
   */
  private Connection link(BootSettings boot, FileStateStore store) {
    boolean holdsCredential = store.loadCredential().isPresent();
    SiteLink link = SiteLink.decide(boot.linkToken(), store.loadLink(), holdsCredential);
    link.ignored().ifPresent(LOG::warn);
    if (link.forgetHeld()) {
      LOG.info("Linking to another controller than before: forgetting this host's credential and finished plan");
      store.forgetController();
      holdsCredential = false;
    }
    if (link.save()) {
      store.saveLink(link.link());
    }
    link.expiryWarning(!holdsCredential, Instant.now()).ifPresent(LOG::warn);
    LOG.info("Site {}: its site controller at {}, certificate {} pinned{}", link.link().site(),
        link.controller(), link.link().fingerprint(), holdsCredential ? "" : "; registering with the link token "
            + link.registrationToken().map(token -> token.namespace() + "/" + token.name()).orElse("?"));
    return new Connection(link.controller(), PinnedCertificate.sslContext(link.link().fingerprint()),
        link.registrationToken().map(LinkToken::token).orElse(null));
  }

  /**
   * Where to register and with what: from --user-data (and --site-user-data, and a link token), or from the
   * connection options of an agent run by hand, or from a link token alone; never a mix that leaves a doubt
   * which one counts.
   */
  private BootSettings bootSettings() {
    Optional<GivenLinkToken> commandLineLink = commandLineLinkToken();
    if (commandLineLink.isPresent() && gateway.anyConnectionOption()) {
      throw new ParameterException(spec.commandLine(), "a link token holds the site controller's address, "
          + "certificate and token: leave out " + gateway.connectionOptionsGiven().replace(" ", " and "));
    }
    if (userData == null) {
      if (siteUserData != null) {
        throw new ParameterException(spec.commandLine(), "--site-user-data needs --user-data (the installer's "
            + "user-data, which holds the gateway and the token, or management: local)");
      }
      if (commandLineLink.isPresent()) {
        return BootSettings.of(Optional.empty(), Optional.empty(), commandLineLink);
      }
      if (!gateway.anyConnectionOption()) {
        throw new ParameterException(spec.commandLine(), "give --user-data FILE (the user-data of the "
            + "RegistrationToken's Secret), or --gateway URL and --token-file FILE for an agent run by hand, or "
            + "--link-token-file FILE to link to a site controller");
      }
      return new BootSettings(gateway.gateway(), gateway.token(), Optional.empty(), LocalSite.NONE);
    }
    String conflicting = gateway.connectionOptionsGiven().replace("--ca-cert", "").strip();
    if (!conflicting.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--user-data holds the gateway's URL and the token: leave "
          + "out " + conflicting.replace(" ", " and ") + " (a site that reaches the gateway at another URL sets "
          + "edge_site.gatewayUrl in its site user-data)");
    }
    BootSettings boot;
    try {
      AgentUserData installer = AgentUserData.read(userData);
      Optional<SiteUserData> site = Optional.ofNullable(siteUserData).map(SiteUserData::read);
      boot = BootSettings.of(Optional.of(installer), site, commandLineLink);
    } catch (UserDataException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), userData + (siteUserData == null ? "" : " and "
          + siteUserData) + ": " + e.getMessage());
    }
    if (boot.management() == Management.LOCAL && gateway.caCertGiven()) {
      throw new ParameterException(spec.commandLine(), "--ca-cert is for a gateway's CA: a host of a site "
          + "controller (management: local) trusts exactly the certificate its link token names");
    }
    if (gateway.caCertGiven() && boot.gatewayCa().isPresent()) {
      throw new ParameterException(spec.commandLine(), "--ca-cert and the user-data's edge_agent.gateway_ca both "
          + "name the gateway's CA: leave out --ca-cert");
    }
    return boot;
  }

  /** The link token of --link-token or --link-token-file, if one is given; a usage error when it is bad. */
  private Optional<GivenLinkToken> commandLineLinkToken() {
    if (linkToken == null) {
      return Optional.empty();
    }
    String text;
    String source;
    if (linkToken.value != null) {
      text = linkToken.value;
      source = "--link-token";
    } else {
      source = "--link-token-file " + linkToken.file;
      try {
        text = Files.readString(linkToken.file);
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), "cannot read the link token file " + linkToken.file + ": "
            + e);
      }
    }
    try {
      return Optional.of(new GivenLinkToken(LinkToken.parse(text), source));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), source + ": " + e.getMessage());
    }
  }

  /** The TLS trust for the gateway: the user-data's CA, --ca-cert, or (null) the JDK's trusted CAs. */
  private SSLContext trust(BootSettings boot) {
    try {
      if (boot.gatewayCa().isPresent()) {
        return TrustedCa.sslContext(boot.gatewayCa().get(), userData + " (edge_agent.gateway_ca)");
      }
      return gateway.caCert().map(TrustedCa::sslContext).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private String machineId() {
    if (machineId != null) {
      return machineId;
    }
    return LocalHost.machineId(LocalHost.MACHINE_ID_FILE).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "no --machine-id given and " + LocalHost.MACHINE_ID_FILE + " holds none"));
  }

  private String hostname(BootSettings boot) {
    if (hostname != null) {
      return hostname;
    }
    Site site = boot.site().siteUserData();
    return site != null && site.hostname() != null ? site.hostname() : LocalHost.hostname().orElse(null);
  }

  private FileStateStore stateStore() {
    try {
      return new FileStateStore(stateDir);
    } catch (UncheckedIOException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
