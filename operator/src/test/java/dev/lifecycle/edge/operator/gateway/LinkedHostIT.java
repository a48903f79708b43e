package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.cli.AgentCommandLine;
import dev.lifecycle.edge.agent.cli.ExitCodes;
import dev.lifecycle.edge.agent.state.FileStateStore;
import dev.lifecycle.edge.agent.state.StoredLink;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.operator.support.CapturedOutput;
import dev.lifecycle.edge.wire.LinkToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Host linking through the operator's real gateway, as a site controller serves it: a link token over a
 * RegistrationToken with maxRegistrations 1 and a ttl of 2 minutes, the gateway's self-signed certificate pinned at
 * its IP address (as the leader host's own agent reaches {@code https://127.0.0.1:5080}), a second host refused
 * with the gateway's message, and a restart that keeps the link and the pin without the token.
 */
class LinkedHostIT {

  @TempDir
  static Path dir;
  private static GatewayFixture fixture;
  private static String fingerprint;
  private static URI controller;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates certificates = TestCertificates.create(dir);
    fixture = GatewayFixture.start(config -> GatewayConfig.tls(0, certificates.certificate(), certificates.key())
        .withHost("127.0.0.1"));
    controller = URI.create("https://127.0.0.1:" + fixture.gateway().port());
    try (InputStream in = Files.newInputStream(certificates.certificate())) {
      byte[] der = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
      fingerprint = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  @DisplayName("When a host links with a one-host link token, then it registers through the pinned gateway at its "
      + "IP; a second host with the same token is refused with the gateway's message; the first, restarted without "
      + "the token, keeps its link, pin and credential")
  void linksOnceAndKeepsThePin() throws Exception {
    String namespace = fixture.newNamespace("site");
    RegistrationTokenSpec spec = GatewayFixture.spec(1, Map.of());
    spec.setTtl("2m");
    String secret = fixture.token(namespace, "link-7f3a", spec);
    LinkToken link = new LinkToken(controller, fingerprint, "store-0042", namespace, "link-7f3a", secret,
        Instant.now().plusSeconds(120).getEpochSecond());
    Path tokenFile = Files.writeString(dir.resolve("link-token"), link.encode() + "\n");
    Path userData = Files.writeString(dir.resolve("user-data.yaml"), """
        #cloud-config
        edge_agent:
          management: local
          network:
            ntp_servers: [192.168.42.1]
        """);
    Path stateA = dir.resolve("state-a");

    try (CapturedOutput log = CapturedOutput.start()) {
      Agent first = Agent.run(userData, stateA, "site-machine-a", "--link-token-file", tokenFile.toString());
      EdgeHost host = await().atMost(Duration.ofSeconds(30)).until(() -> hostOf(namespace, "site-machine-a"),
          Optional::isPresent).orElseThrow();
      double plansAtRegistration = planRequests();
      await().atMost(Duration.ofSeconds(30)).until(() -> planRequests() > plansAtRegistration);
      first.stop();
      String credentialHash = host.getStatus().getRegistration().getCredentialHash();

      assertThat(new FileStateStore(stateA).loadLink()).contains(StoredLink.of(link));
      assertThat(Files.readString(stateA.resolve(FileStateStore.LINK_FILE))).doesNotContain(secret);

      // A second host given the same link token: the token registers one host only.
      Agent second = Agent.run(userData, dir.resolve("state-b"), "site-machine-b", "--link-token", link.encode());
      assertThat(second.exit().get(30, TimeUnit.SECONDS)).as("output: %s", second.output())
          .isEqualTo(ExitCodes.REFUSED);
      assertThat(log.all()).contains("[site-machine-b] Registration refused by the gateway at " + controller
          + ": 403 TokenExhausted: registration token link-7f3a is exhausted: the token registered 1 of at most 1 "
          + "hosts; stopping");
      assertThat(hostOf(namespace, "site-machine-b")).isEmpty();

      // The first host restarts with nothing but its user-data: the kept link and credential.
      double registrations = registrations();
      double plansBefore = planRequests();
      Agent restarted = Agent.run(userData, stateA, "site-machine-a");
      await().atMost(Duration.ofSeconds(30)).until(() -> planRequests() > plansBefore);
      restarted.stop();

      assertThat(registrations()).as("registrations after the restart").isEqualTo(registrations);
      assertThat(hostOf(namespace, "site-machine-a").orElseThrow().getStatus().getRegistration().getCredentialHash())
          .isEqualTo(credentialHash);
      assertThat(log.all()).contains("Site store-0042: its site controller at " + controller + ", certificate "
          + fingerprint + " pinned\n").doesNotContain(secret);
      assertThat(first.output() + second.output() + restarted.output()).doesNotContain(secret);
    }
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

    static Agent run(Path userData, Path state, String machineId, String... more) {
      StringWriter output = new StringWriter();
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      List<String> args = new ArrayList<>(List.of("run", "--user-data", userData.toString(), "--machine-id",
          machineId, "--state-dir", state.toString(), "--hooks-dir", state.resolveSibling("hooks").toString(),
          "--poll-interval", "200ms", "--long-poll", "0s"));
      args.addAll(List.of(more));
      Thread thread = new Thread(() -> {
        CommandLine commandLine = AgentCommandLine.create();
        commandLine.setOut(new PrintWriter(output, true));
        commandLine.setErr(new PrintWriter(output, true));
        exit.complete(commandLine.execute(args.toArray(String[]::new)));
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
