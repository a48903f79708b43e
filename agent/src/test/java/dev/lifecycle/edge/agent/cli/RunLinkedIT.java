package dev.lifecycle.edge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.state.FileStateStore;
import dev.lifecycle.edge.agent.state.StoredLink;
import dev.lifecycle.edge.agent.stub.StubGateway;
import dev.lifecycle.edge.agent.stub.TestCertificates;
import dev.lifecycle.edge.wire.LinkToken;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run} of a host managed by a site controller: user-data with {@code management: local}, the link token
 * typed (in a file) or in the site user-data, the controller's certificate pinned at its IP address, the link kept
 * across restarts without the token; and the refusals a technician sees.
 */
class RunLinkedIT {

  private static final String SECRET = "link-secret-4b5c6d7e8f";

  @TempDir
  static Path temp;

  private static StubGateway controller;
  private static String fingerprint;
  private static Path userData;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates certificates = TestCertificates.create(temp, "CN=site-controller", "dns:site.invalid");
    controller = StubGateway.startTls(certificates.serverContext()).acceptToken(SECRET, "site");
    fingerprint = certificates.fingerprint();
    userData = Files.writeString(temp.resolve("user-data.yaml"), "#cloud-config\nedge_agent:\n  management: local\n"
        + "  network:\n    ntp_servers: [ntp.example.com]\n");
  }

  @AfterAll
  static void stop() {
    controller.close();
  }

  private static LinkToken token(String pin, Instant expires) {
    return new LinkToken(URI.create("https://127.0.0.1:" + controller.uri().getPort()), pin, "store-0042", "site",
        "link-1", SECRET, expires.getEpochSecond());
  }

  @Test
  @DisplayName("When a technician gives the link token in a file, then the agent registers at the controller's IP "
      + "with its certificate pinned, keeps the link, and a restart without the token talks to the same controller "
      + "with the kept credential")
  void linksAndResumes() throws Exception {
    Path state = temp.resolve("state-resume");
    LinkToken token = token(fingerprint, Instant.now().plusSeconds(120));
    Path tokenFile = Files.writeString(temp.resolve("link-token"), token.encode() + "\n");
    int registrations = controller.registrationAttempts();

    Running first = run(state, "machine-linked", "--link-token-file", tokenFile.toString());
    await().atMost(Duration.ofSeconds(20)).until(() -> controller.hostByMachineId("machine-linked").isPresent()
        && Files.exists(state.resolve(FileStateStore.CREDENTIAL_FILE)));
    int plans = controller.planRequests();
    await().atMost(Duration.ofSeconds(20)).until(() -> controller.planRequests() > plans);
    first.stop();

    assertThat(new FileStateStore(state).loadLink()).contains(StoredLink.of(token));
    assertThat(Files.readString(state.resolve(FileStateStore.LINK_FILE))).doesNotContain(SECRET);

    int plansBefore = controller.planRequests();
    Running second = run(state, "machine-linked");
    await().atMost(Duration.ofSeconds(20)).until(() -> controller.planRequests() > plansBefore);
    second.stop();

    assertThat(controller.registrationAttempts()).as("registered once").isEqualTo(registrations + 1);
    assertThat(first.output() + second.output()).doesNotContain(SECRET);
  }

  @Test
  @DisplayName("When the link token is in the site user-data and has expired by the host's clock, then the agent "
      + "warns that its clock may be wrong and tries: the controller accepts it here")
  void expiredByTheHostsClock() throws Exception {
    Path state = temp.resolve("state-expired");
    Path site = Files.writeString(temp.resolve("site-expired.yaml"), "edge_site:\n  hostname: store-0042-b\n"
        + "  linkToken: " + token(fingerprint, Instant.now().minusSeconds(3600)).encode() + "\n");

    Running agent = run(state, "machine-expired", "--site-user-data", site.toString());
    await().atMost(Duration.ofSeconds(20)).until(() -> controller.hostByMachineId("machine-expired").isPresent());
    agent.stop();

    assertThat(controller.hostByMachineId("machine-expired").orElseThrow().registration().path("hostname").asText())
        .isEqualTo("store-0042-b");
  }

  @Test
  @DisplayName("When management: local has no link token and no link is kept, then run exits 4 saying what to give")
  void notLinked() throws Exception {
    Running agent = run(temp.resolve("state-none"), "machine-none");

    assertThat(agent.exit().get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.NOT_LINKED);
    assertThat(agent.output()).contains("edge-agent run: management: local, but this host is not linked to a site "
        + "controller and no link token was given: give the link token the site controller made for this host");
  }

  @Test
  @DisplayName("When the link token pins another certificate, then the agent refuses the controller, naming both "
      + "fingerprints, and sends it nothing")
  void wrongPin() throws Exception {
    String wrong = "sha256:" + "e".repeat(64);
    int registrations = controller.registrationAttempts();
    PrintStream original = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    // The agent logs (slf4j-simple) to standard error: kept as it was, and read here.
    System.setErr(new PrintStream(new OutputStream() {
      @Override
      public synchronized void write(int b) {
        original.write(b);
        logged.write(b);
      }

      @Override
      public synchronized void write(byte[] bytes, int offset, int length) {
        original.write(bytes, offset, length);
        logged.write(bytes, offset, length);
      }
    }, true, StandardCharsets.UTF_8));
    try {
      Running agent = run(temp.resolve("state-wrong"), "machine-wrong", "--link-token",
          token(wrong, Instant.now().plusSeconds(120)).encode());
      await().atMost(Duration.ofSeconds(20)).until(() -> logged.toString(StandardCharsets.UTF_8)
          .contains("is not the one this host pins"));
      agent.stop();
    } finally {
      System.setErr(original);
    }

    assertThat(logged.toString(StandardCharsets.UTF_8)).contains("ERROR").contains("[machine-wrong] the server at "
        + "https://127.0.0.1:" + controller.uri().getPort() + " is not the one this host pins: the server presented "
        + "the certificate " + fingerprint + ", but this host trusts only " + wrong);
    assertThat(controller.registrationAttempts()).isEqualTo(registrations);
    assertThat(controller.hostByMachineId("machine-wrong")).isEmpty();
  }

  @Test
  @DisplayName("When a link token comes with --gateway, or is damaged, then run exits 2 saying why")
  void badOptions() throws Exception {
    Running both = run(temp.resolve("state-bad"), "machine-bad", "--link-token",
        token(fingerprint, Instant.now().plusSeconds(120)).encode(), "--gateway", "https://gw:9443");
    assertThat(both.exit().get(20, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(both.output()).contains("a link token holds the site controller's address, certificate and token: "
        + "leave out --gateway");

    Running damaged = run(temp.resolve("state-bad"), "machine-bad", "--link-token", "edgelink1.%%%");
    assertThat(damaged.exit().get(20, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(damaged.output()).contains("--link-token: the link token is damaged (not base64url after edgelink1.); "
        + "copy it again from the site controller");
  }

  private static Running run(Path state, String machineId, String... more) {
    StringWriter output = new StringWriter();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    List<String> args = new ArrayList<>(List.of("run", "--user-data", userData.toString(), "--machine-id",
        machineId, "--state-dir", state.toString(), "--hooks-dir", temp.resolve("hooks").toString(),
        "--poll-interval", "200ms", "--long-poll", "0s"));
    args.addAll(List.of(more));
    Thread runner = new Thread(() -> {
      CommandLine commandLine = AgentCommandLine.create();
      commandLine.setErr(new PrintWriter(output, true));
      commandLine.setOut(new PrintWriter(output, true));
      exit.complete(commandLine.execute(args.toArray(String[]::new)));
    }, "agent-run");
    runner.start();
    return new Running(runner, exit, output);
  }

  private record Running(Thread thread, CompletableFuture<Integer> exit, StringWriter out) {
    void stop() throws Exception {
      thread.interrupt();
      assertThat(exit.get(10, TimeUnit.SECONDS)).as("exit code; output: %s", out).isZero();
    }

    String output() {
      return out.toString();
    }
  }
}
