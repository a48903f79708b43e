package dev.lifecycle.edge.agent.cli;

import dev.lifecycle.edge.agent.boot.AgentUserData;
import dev.lifecycle.edge.agent.boot.BootSettings;
import dev.lifecycle.edge.agent.boot.SiteUserData;
import dev.lifecycle.edge.agent.boot.UserDataException;
import dev.lifecycle.edge.agent.client.GatewayClient;
import dev.lifecycle.edge.agent.client.TrustedCa;
import dev.lifecycle.edge.agent.exec.HookExecutor;
import dev.lifecycle.edge.agent.host.InventoryProbe;
import dev.lifecycle.edge.agent.host.LocalHost;
import dev.lifecycle.edge.agent.host.LocalSite;
import dev.lifecycle.edge.agent.loop.AgentLoop;
import dev.lifecycle.edge.agent.loop.AgentPhase;
import dev.lifecycle.edge.agent.loop.HostIdentity;
import dev.lifecycle.edge.agent.state.FileStateStore;
import dev.lifecycle.edge.cli.DurationConverter;
import dev.lifecycle.edge.wire.Durations;
import dev.lifecycle.edge.wire.Site;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
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
        "Restarts resume from --state-dir: a host registers once and then uses the credential kept there."})
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
    SSLContext trust = trust(boot);
    FileStateStore store = stateStore();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("agent-scheduler"));
    ExecutorService http = Executors.newFixedThreadPool(2, daemon("agent-http"));
    GatewayClient client = new GatewayClient(GatewayClient.httpClient(trust, http), boot.gateway());
    HookExecutor hooks = new HookExecutor(hooksDir, hookTimeout);
    AgentLoop loop = AgentLoop.builder(client, boot.token(), identity)
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

  /**
   * Where to register and with what: from --user-data (and --site-user-data), or from the connection
   * options of an agent run by hand; never a mix that leaves a doubt which one counts.
   */
  private BootSettings bootSettings() {
    if (userData == null) {
      if (siteUserData != null) {
        throw new ParameterException(spec.commandLine(), "--site-user-data needs --user-data (the installer's "
            + "user-data, which holds the gateway and the token)");
      }
      if (!gateway.anyConnectionOption()) {
        throw new ParameterException(spec.commandLine(), "give --user-data FILE (the user-data of the "
            + "RegistrationToken's Secret), or --gateway URL and --token-file FILE for an agent run by hand");
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
      boot = BootSettings.of(installer, site);
    } catch (UserDataException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (gateway.caCertGiven() && boot.gatewayCa().isPresent()) {
      throw new ParameterException(spec.commandLine(), "--ca-cert and the user-data's edge_agent.gateway_ca both "
          + "name the gateway's CA: leave out --ca-cert");
    }
    return boot;
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
