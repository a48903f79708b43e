package dev.lifecycle.edge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.agent.stub.StubGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded target/edge-agent.jar, run as a user would: {@code java -jar edge-agent.jar ...}. */
class AgentJarIT {

  private static final Path JAR = Path.of("target", "edge-agent.jar");
  private static final String REFUSED_TOKEN = "revoked-3f9a2c71d0e4b5a6";

  @TempDir
  Path temp;

  private StubGateway gateway;

  @BeforeEach
  void gateway() throws IOException {
    gateway = StubGateway.start().acceptToken("good-token", "store-0042").refuseToken(REFUSED_TOKEN, "TokenRevoked");
  }

  @AfterEach
  void close() {
    gateway.close();
  }

  @Test
  @DisplayName("When every simulated host is refused, then simulate exits non-zero, says why, and never shows the "
      + "token")
  void simulateRefused() throws Exception {
    Result result = java("simulate", "--gateway", gateway.uri().toString(), "--token", REFUSED_TOKEN, "--hosts", "3",
        "--poll-interval", "200ms");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(result.output()).contains("Registration refused by the gateway")
        .contains("403 TokenRevoked")
        .contains("refused the registration of every host")
        .doesNotContain(REFUSED_TOKEN);
  }

  @Test
  @DisplayName("When run's token is refused, then run exits non-zero and says why")
  void runRefused() throws Exception {
    Path tokenFile = temp.resolve("token");
    Files.writeString(tokenFile, REFUSED_TOKEN + "\n");

    Result result = java("run", "--gateway", gateway.uri().toString(), "--token-file", tokenFile.toString(),
        "--machine-id", "machine-a", "--hostname", "store-0042-a", "--state-dir", temp.resolve("state").toString(),
        "--hooks-dir", temp.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(result.output()).contains("Registration refused by the gateway").contains("403 TokenRevoked")
        .doesNotContain(REFUSED_TOKEN);
  }

  @Test
  @DisplayName("When simulate runs for a duration with a good token, then its hosts register, it prints progress "
      + "and exits 0")
  void simulateForADuration() throws Exception {
    Result result = java("simulate", "--gateway", gateway.uri().toString(), "--token", "good-token", "--hosts", "4",
        "--machine-id-prefix", "store-0042", "--label", "rack=a", "--poll-interval", "200ms", "--duration", "3s",
        "--progress-interval", "1s");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(gateway.hostByMachineId("store-0042-0")).isPresent();
    assertThat(gateway.hosts()).hasSize(4).allSatisfy(host -> assertThat(host.labels()).containsEntry("rack", "a"));
    assertThat(result.output()).contains("hosts 4: registered 4, refused 0");
  }

  private Result java(String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("the shaded jar (failsafe runs after package)").exists();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private record Result(int exitCode, String output) {
  }
}
