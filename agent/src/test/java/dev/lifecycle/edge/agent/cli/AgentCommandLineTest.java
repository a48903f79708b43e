package dev.lifecycle.edge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AgentCommandLineTest {

  @TempDir
  Path temp;

  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  @Test
  @DisplayName("When no command is named, then the usage error names run and simulate")
  void noCommand() {
    assertThat(execute()).isEqualTo(2);
    assertThat(err.toString()).contains("name a command: run or simulate");
  }

  @Test
  @DisplayName("When --gateway is missing, then simulate is a usage error naming it")
  void missingGateway() {
    assertThat(execute("simulate", "--token", "t", "--hosts", "2")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--gateway=URL'");
  }

  @Test
  @DisplayName("When neither --token nor --token-file is given, then it is a usage error naming both")
  void missingToken() {
    assertThat(execute("run", "--gateway", "http://localhost:1")).isEqualTo(2);
    assertThat(err.toString()).contains("--token=TOKEN").contains("--token-file=FILE");
  }

  @Test
  @DisplayName("When both --token and --token-file are given, then it is a usage error")
  void bothTokens() {
    assertThat(execute("run", "--gateway", "http://localhost:1", "--token", "t", "--token-file", "f"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
  }

  @Test
  @DisplayName("When a duration is not in the Kubernetes form, then the error shows the expected form")
  void badDuration() {
    assertThat(execute("simulate", "--gateway", "http://localhost:1", "--token", "t", "--hosts", "2",
        "--poll-interval", "5x")).isEqualTo(2);
    assertThat(err.toString()).contains("'5x' is not a duration").contains("90s, 30m, 24h");
  }

  @Test
  @DisplayName("When --hosts is not positive, then simulate refuses it before contacting anything")
  void noHosts() {
    assertThat(execute("simulate", "--gateway", "http://localhost:1", "--token", "t", "--hosts", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--hosts must be at least 1, got 0");
  }

  @Test
  @DisplayName("When --fail-host names no host, then simulate says which indexes exist")
  void failHostOutOfRange() {
    assertThat(execute("simulate", "--gateway", "http://localhost:1", "--token", "t", "--hosts", "3",
        "--fail-host", "3")).isEqualTo(2);
    assertThat(err.toString()).contains("--fail-host 3 is not a host index: hosts are 0 to 2");
  }

  @Test
  @DisplayName("When a label is not key=value, then simulate says what it expects")
  void badLabel() {
    assertThat(execute("simulate", "--gateway", "http://localhost:1", "--token", "t", "--hosts", "3",
        "--label", "rack")).isEqualTo(2);
    assertThat(err.toString()).contains("KEY=VALUE");
  }

  @Test
  @DisplayName("When the gateway URL is not http(s), then it is a usage error")
  void badScheme() {
    assertThat(execute("simulate", "--gateway", "ftp://gateway", "--token", "t", "--hosts", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("--gateway must be an http:// or https:// URL with a host");
  }

  @Test
  @DisplayName("When the token file does not exist, then run says it cannot read it")
  void missingTokenFile() {
    Path missing = temp.resolve("token");
    assertThat(execute("run", "--gateway", "http://localhost:1", "--token-file", missing.toString(),
        "--machine-id", "m", "--state-dir", temp.resolve("state").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read the token file " + missing);
  }

  @Test
  @DisplayName("When help is asked for, then simulate lists its options with their defaults")
  void help() {
    assertThat(execute("simulate", "--help")).isZero();
    assertThat(out.toString()).contains("--hosts=N", "--apply-seconds=S", "--fail-version=V", "--fail-host=I",
        "--label=KEY=VALUE", "--machine-id-prefix=P", "(default: 5s)");
  }

  private int execute(String... args) {
    CommandLine commandLine = AgentCommandLine.create();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(out, true));
    return commandLine.execute(args);
  }
}
