package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.cli.AgentCommandLine;
import dev.lifecycle.edge.agent.client.GatewayClient;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.InstallerUserData;
import dev.lifecycle.edge.api.v1alpha1.NetworkDefaults;
import dev.lifecycle.edge.api.v1alpha1.ProxySettings;
import dev.lifecycle.edge.api.v1alpha1.RegistrationRecord;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.SiteSettings;
import dev.lifecycle.edge.operator.support.CapturedOutput;
import dev.lifecycle.edge.operator.token.AgentPackaging;
import dev.lifecycle.edge.operator.token.UserDataDefaults;
import dev.lifecycle.edge.operator.token.UserDataRenderer;
import dev.lifecycle.edge.wire.RegisterRequest;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A host as it boots: the user-data the operator renders for a token, written to a file, and the real
 * agent's {@code run --user-data} (with a technician's site user-data) against a TLS gateway whose CA
 * the agent knows only from that user-data; then a restart from the same state directory.
 */
class UserDataBootIT {

  @TempDir
  static Path dir;
  private static TestCertificates certificates;
  private static GatewayFixture fixture;
  private static String gatewayUrl;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(dir);
    fixture = GatewayFixture.start(config -> GatewayConfig.tls(0, certificates.certificate(), certificates.key())
        .withHost("127.0.0.1"));
    gatewayUrl = "https://127.0.0.1:" + fixture.gateway().port();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  @DisplayName("When the agent boots from the rendered user-data and a site user-data, then it registers over TLS "
      + "trusting only the user-data's CA, as the site's host name; restarted on its state directory, it does not "
      + "register again, and the token is never logged")
  void bootsRegistersAndResumes() throws Exception {
    String namespace = fixture.newNamespace("boot");
    String token = fixture.token(namespace, "wave-1", GatewayFixture.spec(null, Map.of()));
    Path userData = Files.writeString(dir.resolve("user-data.txt"), renderedUserData(namespace, token));
    Path site = Files.writeString(dir.resolve("edge-site.yaml"), """
        edge_site:
          hostname: store-0042-a
          ntpServers: [192.168.42.1]
        """);
    Path state = dir.resolve("state");

    try (CapturedOutput log = CapturedOutput.start()) {
      Agent first = Agent.run(userData, site, state);
      EdgeHost host = await().atMost(Duration.ofSeconds(30)).until(() -> hostOf(namespace, "boot-machine-1"),
          Optional::isPresent).orElseThrow();
      // At work with its credential: it fetched its plan, so the credential is in the state directory.
      double plansAtRegistration = planRequests();
      await().atMost(Duration.ofSeconds(30)).until(() -> planRequests() > plansAtRegistration);
      first.stop();
      RegistrationRecord registered = host.getStatus().getRegistration();
      double registrations = registrations();

      double plansBefore = planRequests();
      Agent second = Agent.run(userData, site, state);
      await().atMost(Duration.ofSeconds(30)).until(() -> planRequests() > plansBefore);
      second.stop();

      assertThat(host.getMetadata().getName()).isEqualTo("store-0042-a");
      assertThat(registered.getMachineId()).isEqualTo("boot-machine-1");
      assertThat(registrations()).as("registrations after the restart").isEqualTo(registrations);
      assertThat(hostOf(namespace, "boot-machine-1").orElseThrow().getStatus().getRegistration().getCredentialHash())
          .isEqualTo(registered.getCredentialHash());
      assertThat(log.all() + first.output() + second.output()).contains("Registered as " + namespace + "/")
          .doesNotContain(token);
    }
  }

  @Test
  @DisplayName("When a pre-provisioned host boots from the rendered user-data and a site user-data, then the "
      + "settings its configure hook applies and status.site shows are the documented merge: user-data defaults < "
      + "token network defaults < spec.site < site user-data, field by field")
  void statusSiteIsTheDocumentedMerge() throws Exception {
    String namespace = fixture.newNamespace("merge");
    RegistrationTokenSpec tokenSpec = GatewayFixture.spec(null, Map.of());
    InstallerUserData tokenDefaults = new InstallerUserData();
    NetworkDefaults tokenNetwork = new NetworkDefaults();
    tokenNetwork.setNtpServers(List.of("ntp.token.example.com"));
    tokenNetwork.setDnsServers(List.of("10.0.0.54"));
    tokenDefaults.setNetwork(tokenNetwork);
    tokenSpec.setUserData(tokenDefaults);
    String token = fixture.token(namespace, "wave-1", tokenSpec);
    EdgeHost preProvisioned = new EdgeHost();
    preProvisioned.setMetadata(new ObjectMetaBuilder().withName("store-0042-b").withNamespace(namespace).build());
    preProvisioned.setSpec(new EdgeHostSpec("merge-machine-1"));
    SiteSettings planned = new SiteSettings();
    planned.setHostname("planned-name");
    planned.setNtpServers(List.of("ntp.spec.example.com"));
    preProvisioned.getSpec().setSite(planned);
    fixture.client().resource(preProvisioned).create();
    // The user-data's defaults: NTP (overridden by the token), DNS (overridden by the token) and a proxy (kept).
    Path userData = Files.writeString(dir.resolve("merge-user-data.txt"), renderedUserData(namespace, token,
        network -> {
          network.setDnsServers(List.of("10.0.0.53"));
          ProxySettings proxy = new ProxySettings();
          proxy.setHttpProxy("http://proxy.example.com:3128");
          network.setProxy(proxy);
        }));
    Path site = Files.writeString(dir.resolve("merge-site.yaml"), """
        edge_site:
          hostname: store-0042-b
        """);
    Path state = dir.resolve("merge-state");
    Path hooks = Files.createDirectories(dir.resolve("merge-hooks"));
    Path applied = dir.resolve("merge-applied.env");
    Path configure = hooks.resolve("configure");
    Files.writeString(configure, """
        #!/bin/sh
        {
          echo "hostname=$EDGE_HOSTNAME"
          echo "ntp=$EDGE_NTP_SERVERS"
          echo "dns=$EDGE_DNS_SERVERS"
          echo "proxy=$EDGE_HTTP_PROXY"
        } > "%s"
        """.formatted(applied));
    Files.setPosixFilePermissions(configure, PosixFilePermissions.fromString("rwx------"));

    Agent agent = Agent.run(userData, site, state, "merge-machine-1", hooks);
    try {
      EdgeHost host = await().atMost(Duration.ofSeconds(30)).until(
          () -> fixture.client().resources(EdgeHost.class).inNamespace(namespace).withName("store-0042-b").get(),
          h -> h.getStatus() != null && h.getStatus().getSite() != null);
      SiteSettings reported = host.getStatus().getSite();
      assertThat(reported.getHostname()).as("site user-data over spec.site").isEqualTo("store-0042-b");
      assertThat(reported.getNtpServers()).as("spec.site over the token").containsExactly("ntp.spec.example.com");
      assertThat(reported.getNetwork().getDnsServers()).as("the token over the user-data")
          .containsExactly("10.0.0.54");
      assertThat(reported.getProxy().getHttpProxy()).as("the user-data's, set nowhere else")
          .isEqualTo("http://proxy.example.com:3128");
      assertThat(Files.readAllLines(applied)).as("what the configure hook was given").containsExactly(
          "hostname=store-0042-b", "ntp=ntp.spec.example.com", "dns=10.0.0.54",
          "proxy=http://proxy.example.com:3128");
    } finally {
      agent.stop();
    }
  }

  @Test
  @DisplayName("When a client trusts only its Java's usual CAs, then the same gateway refuses the handshake: the "
      + "user-data's CA is what lets the agent in")
  void withoutTheCaNoHandshake() {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      GatewayClient client = new GatewayClient(GatewayClient.httpClient((SSLContext) null, executor),
          URI.create(gatewayUrl));
      CompletableFuture<?> register = client.register(new RegisterRequest("t", "m", "h", null, null, Map.of()));

      assertThatThrownBy(register::join).satisfies(e -> assertThat(GatewayClient.cause(e))
          .hasCauseInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("unable to find valid certification path"));
    } finally {
      executor.shutdownNow();
    }
  }

  private static String renderedUserData(String namespace, String token) throws Exception {
    return renderedUserData(namespace, token, network -> network.setNtpServers(List.of("ntp.example.com")));
  }

  private static String renderedUserData(String namespace, String token, Consumer<NetworkDefaults> defaults)
      throws Exception {
    InstallerUserData data = new InstallerUserData();
    data.setGatewayUrl(gatewayUrl);
    NetworkDefaults network = new NetworkDefaults();
    defaults.accept(network);
    data.setNetwork(network);
    String ca = GatewayCa.forAgents(Optional.empty(), Optional.of(Files.readString(certificates.certificate())))
        .orElseThrow();
    return UserDataRenderer.render(new UserDataRenderer.Subject(namespace, "wave-1", token), data,
        new UserDataDefaults("https://unused.example.com", Optional.of(ca), Optional.empty(),
            AgentPackaging.shipped()));
  }

  private static Optional<EdgeHost> hostOf(String namespace, String machineId) {
    return fixture.client().resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .filter(host -> host.getStatus() != null && host.getStatus().getRegistration() != null
            && machineId.equals(host.getStatus().getRegistration().getMachineId()))
        .findFirst();
  }

  private static double registrations() {
    return fixture.meters().find("edge.gateway.registrations").counters().stream().mapToDouble(Counter::count).sum();
  }

  private static double planRequests() {
    return fixture.meters().find("edge.gateway.requests").tag("endpoint", "/v1/plan").timers().stream()
        .mapToLong(Timer::count).sum();
  }

  /** {@code edge-agent.jar run} in a thread of this JVM, stopped by interrupting it. */
  private record Agent(Thread thread, CompletableFuture<Integer> exit, StringWriter out) {

    static Agent run(Path userData, Path site, Path state) {
      return run(userData, site, state, "boot-machine-1", state.resolveSibling("hooks"));
    }

    static Agent run(Path userData, Path site, Path state, String machineId, Path hooks) {
      StringWriter output = new StringWriter();
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      Thread thread = new Thread(() -> {
        CommandLine commandLine = AgentCommandLine.create();
        commandLine.setOut(new PrintWriter(output, true));
        commandLine.setErr(new PrintWriter(output, true));
        exit.complete(commandLine.execute("run", "--user-data", userData.toString(), "--site-user-data",
            site.toString(), "--machine-id", machineId, "--state-dir", state.toString(), "--hooks-dir",
            hooks.toString(), "--poll-interval", "200ms", "--long-poll", "0s"));
      }, "agent-run");
      thread.start();
      return new Agent(thread, exit, output);
    }

    void stop() throws Exception {
      thread.interrupt();
      assertThat(exit.get(10, TimeUnit.SECONDS)).as("exit code; output: %s", out).isZero();
    }

    String output() {
      return out.toString();
    }
  }
}
