package dev.lifecycle.edge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.state.FileStateStore;
import dev.lifecycle.edge.agent.stub.StubGateway;
import dev.lifecycle.edge.agent.stub.StubHost;
import dev.lifecycle.edge.agent.stub.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run --user-data}: TLS trusted from the user-data alone, the site user-data sent, a restart resumes. */
class RunFromUserDataIT {

  private static final String TOKEN = "user-data-token-5d1c9e07a2";

  @TempDir
  Path temp;

  private StubGateway gateway;
  private Path userData;
  private Path siteUserData;

  @BeforeEach
  void start() throws Exception {
    TestCertificates certificates = TestCertificates.create(temp);
    gateway = StubGateway.startTls(certificates.serverContext()).acceptToken(TOKEN, "store-0042");
    String ca = Files.readString(certificates.caPem()).strip().replace("\n", "\n    ");
    userData = Files.writeString(temp.resolve("user-data.yaml"), "#cloud-config\nedge_agent:\n"
        + "  gateway_url: https://localhost:" + gateway.uri().getPort() + "\n"
        + "  token: " + TOKEN + "\n"
        + "  token_namespace: store-0042\n  token_name: wave-1\n"
        + "  gateway_ca: |\n    " + ca + "\n"
        + "  network:\n    ntp_servers: [ntp.example.com]\n");
    siteUserData = Files.writeString(temp.resolve("edge-site.yaml"), "edge_site:\n  hostname: store-0042-a\n"
        + "  ntpServers: [192.168.42.1]\n");
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  @DisplayName("When run boots from user-data with only the gateway's CA in it, then it registers over TLS with "
      + "the site user-data's host name and settings; restarted on the same state directory, it does not register "
      + "again")
  void registersOnceAcrossRestarts() throws Exception {
    Path state = temp.resolve("state");

    Running first = run(state);
    // Registered, the credential kept, and at work with it: a plan fetched.
    await().atMost(Duration.ofSeconds(20)).until(() -> gateway.planRequests() > 0);
    first.stop();
    StubHost host = gateway.hostByMachineId("machine-a").orElseThrow();

    assertThat(host.registration().path("hostname").asText()).isEqualTo("store-0042-a");
    assertThat(host.registration().path("site").path("ntpServers").get(0).asText()).isEqualTo("192.168.42.1");
    assertThat(state.resolve(FileStateStore.CREDENTIAL_FILE)).exists();
    int plansBefore = gateway.planRequests();

    Running second = run(state);
    // The second agent is at work once it fetched its plan with the stored credential.
    await().atMost(Duration.ofSeconds(20)).until(() -> gateway.planRequests() > plansBefore);
    second.stop();

    assertThat(gateway.registrationAttempts()).isEqualTo(1);
    assertThat(host.registrations()).isEqualTo(1);
    assertThat(first.output() + second.output()).doesNotContain(TOKEN);
  }

  private Running run(Path state) {
    StringWriter output = new StringWriter();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread runner = new Thread(() -> {
      CommandLine commandLine = AgentCommandLine.create();
      commandLine.setErr(new PrintWriter(output, true));
      commandLine.setOut(new PrintWriter(output, true));
      exit.complete(commandLine.execute("run", "--user-data", userData.toString(), "--site-user-data",
          siteUserData.toString(), "--machine-id", "machine-a", "--state-dir", state.toString(), "--hooks-dir",
          temp.resolve("hooks").toString(), "--poll-interval", "200ms", "--long-poll", "0s"));
    }, "agent-run");
    runner.start();
    return new Running(runner, exit, output);
  }

  private record Running(Thread thread, CompletableFuture<Integer> exit, StringWriter out) {
    void stop() throws Exception {
      thread.interrupt();
      assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    }

    String output() {
      return out.toString();
    }
  }
}
