package dev.lifecycle.edge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
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
    assertThat(err.toString()).contains("give the gateway's URL: --gateway URL");
  }

  @Test
  @DisplayName("When neither --token nor --token-file is given, then it is a usage error naming both")
  void missingToken() {
    assertThat(execute("run", "--gateway", "http://localhost:1")).isEqualTo(2);
    assertThat(err.toString()).contains("give the registration token: --token-file FILE (or --token)");
  }

  @Test
  @DisplayName("When run is given neither --user-data nor a gateway and token, then the error names both ways")
  void runWithNothing() {
    assertThat(execute("run", "--machine-id", "m", "--state-dir", temp.resolve("state").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("give --user-data FILE (the user-data of the RegistrationToken's Secret), "
        + "or --gateway URL and --token-file FILE for an agent run by hand");
  }

  @Test
  @DisplayName("When --user-data comes with --gateway or a token, then the error names what to leave out")
  void userDataConflicts() throws IOException {
    Path userData = Files.writeString(temp.resolve("user-data"), "edge_agent:\n  gateway_url: http://gw\n  token: t\n");
    assertThat(execute("run", "--user-data", userData.toString(), "--gateway", "http://other:9443", "--token", "x",
        "--machine-id", "m")).isEqualTo(2);
    assertThat(err.toString()).contains("--user-data holds the gateway's URL and the token: leave out --gateway and "
        + "--token");
  }

  @Test
  @DisplayName("When --site-user-data comes without --user-data, then it is a usage error")
  void siteWithoutUserData() {
    assertThat(execute("run", "--site-user-data", "site.yaml", "--gateway", "http://gw", "--token", "t"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--site-user-data needs --user-data");
  }

  @Test
  @DisplayName("When the user-data or the site user-data is bad, then run is a usage error naming file, line and "
      + "field, and nothing is written to the state directory")
  void badUserData() throws IOException {
    Path userData = Files.writeString(temp.resolve("user-data"), "edge_agent:\n  gateway_url: http://gw\n  token: t\n");
    Path site = Files.writeString(temp.resolve("site.yaml"), "edge_site:\n  ntpServers: [ntp]\n  hostnme: a\n");
    Path state = temp.resolve("state");

    assertThat(execute("run", "--user-data", userData.toString(), "--site-user-data", site.toString(),
        "--machine-id", "m", "--state-dir", state.toString())).isEqualTo(2);

    assertThat(err.toString()).contains(site + ":3: edge_site.hostnme: unknown field");
    assertThat(state).doesNotExist();
  }

  @Test
  @DisplayName("When --ca-cert and the user-data's gateway_ca both name a CA, then it is a usage error")
  void twoCas() throws IOException {
    String pem = Files.readString(Path.of("src/test/resources/boot/ca.pem")).strip().replace("\n", "\n    ");
    Path userData = Files.writeString(temp.resolve("user-data"), "edge_agent:\n  gateway_url: https://gw\n"
        + "  token: t\n  gateway_ca: |\n    " + pem + "\n");
    assertThat(execute("run", "--user-data", userData.toString(), "--ca-cert", "src/test/resources/boot/ca.pem",
        "--machine-id", "m", "--state-dir", temp.resolve("state").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--ca-cert and the user-data's edge_agent.gateway_ca both name the "
        + "gateway's CA: leave out --ca-cert");
  }

  @Test
  @DisplayName("When help is asked for, then run explains --user-data and --site-user-data")
  void runHelp() {
    assertThat(execute("run", "--help")).isZero();
    assertThat(out.toString()).contains("--user-data=FILE", "--site-user-data=FILE", "edge_agent block",
        "edge_site block", "--state-dir");
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
