package dev.lifecycle.edge.agent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * agent/packaging/install-edge-agent.sh under EDGE_AGENT_ROOT, with stand-ins for java, systemctl,
 * curl, blkid and apt-get first on PATH that record how they were called.
 */
class InstallScriptTest {

  private static final Path SCRIPT = Path.of("packaging", "install-edge-agent.sh").toAbsolutePath();

  @TempDir
  Path temp;

  private Path root;
  private Path bin;
  private Path calls;
  private Path userData;
  private Path site;

  @BeforeEach
  void standIns() throws IOException {
    root = Files.createDirectories(temp.resolve("root"));
    bin = Files.createDirectories(temp.resolve("bin"));
    calls = temp.resolve("calls");
    Files.writeString(calls, "");
    Files.writeString(temp.resolve("agent.jar"), "the agent's bytes");
    userData = Files.writeString(temp.resolve("user-data.txt"), "#cloud-config\nedge_agent: {}\n");
    site = Files.writeString(temp.resolve("edge-site.yaml"), "edge_site:\n  hostname: store-0042-a\n");
    standIn("java", "echo \"openjdk version \\\"${JAVA_STANDIN_VERSION:-17.0.9}\\\" 2023-10-17\" >&2");
    standIn("systemctl", "echo \"systemctl $*\" >> \"$CALLS\"\n"
        + "case \"$1\" in\n"
        + "  is-active) [ -f \"$CALLS.active\" ] ;;\n"
        + "  enable) touch \"$CALLS.active\" ;;\n"
        + "esac");
    standIn("curl", "echo \"curl $*\" >> \"$CALLS\"\n"
        + "while [ $# -gt 1 ]; do [ \"$1\" = -o ] && out=\"$2\"; shift; done\n"
        + "cp \"$AGENT_SOURCE\" \"$out\"");
    standIn("blkid", "exit 2");
    standIn("apt-get", "echo \"apt-get $*\" >> \"$CALLS\"");
  }

  @Test
  @DisplayName("When the script runs, then it downloads the agent, places the user-data and the site user-data "
      + "(owner only), installs the unit and enables it; a second run changes nothing and restarts nothing")
  void installsThenIsANoOp() throws Exception {
    Result first = install("--agent-url", "https://downloads.example.com/edge-agent.jar", "--user-data",
        userData.toString(), "--site-user-data", site.toString());

    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(root.resolve("opt/edge-agent/edge-agent.jar")).hasContent("the agent's bytes");
    assertThat(root.resolve("etc/edge-agent/user-data.yaml")).hasSameTextualContentAs(userData);
    assertThat(permissions(root.resolve("etc/edge-agent/user-data.yaml"))).isEqualTo("rw-------");
    assertThat(root.resolve("etc/edge-agent/site-user-data.yaml")).hasSameTextualContentAs(site);
    assertThat(permissions(root.resolve("etc/edge-agent/site-user-data.yaml"))).isEqualTo("rw-------");
    assertThat(root.resolve("etc/edge-agent/agent.env"))
        .hasContent("EDGE_AGENT_ARGS=--site-user-data /etc/edge-agent/site-user-data.yaml");
    assertThat(root.resolve("etc/edge-agent/hooks")).isDirectory();
    assertThat(root.resolve("etc/systemd/system/edge-agent.service"))
        .hasSameTextualContentAs(SCRIPT.resolveSibling("edge-agent.service"));
    assertThat(Files.readAllLines(calls)).containsExactly(
        "curl -fsSL --retry 5 --retry-delay 5 -o " + root.resolve("opt/edge-agent/edge-agent.jar.download")
            + " https://downloads.example.com/edge-agent.jar",
        "systemctl daemon-reload", "systemctl is-active --quiet edge-agent.service",
        "systemctl enable --now edge-agent.service");

    Files.writeString(calls, "");
    Result second = install("--agent-url", "https://downloads.example.com/edge-agent.jar", "--user-data",
        userData.toString(), "--site-user-data", site.toString());

    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(second.output()).doesNotContain("wrote ");
    assertThat(Files.readAllLines(calls)).filteredOn(call -> call.startsWith("systemctl")).containsExactly(
        "systemctl daemon-reload", "systemctl is-active --quiet edge-agent.service");
  }

  @Test
  @DisplayName("When the user-data changed since the last run, then the running agent is restarted")
  void restartsOnChange() throws Exception {
    assertThat(install("--agent-url", "https://d.example.com/a.jar", "--user-data", userData.toString()).exit())
        .isZero();
    assertThat(root.resolve("etc/edge-agent/agent.env")).hasContent("EDGE_AGENT_ARGS=");
    Files.writeString(userData, "#cloud-config\nedge_agent: {token: new}\n");
    Files.writeString(calls, "");

    Result again = install("--user-data", userData.toString());

    assertThat(again.exit()).as(again.output()).isZero();
    assertThat(again.output()).contains("restarting edge-agent.service: its files changed");
    assertThat(Files.readAllLines(calls)).contains("systemctl restart edge-agent.service");
  }

  @Test
  @DisplayName("When Java is older than 17, then the script installs a headless JRE with the package manager, "
      + "and fails saying so when that did not help")
  void oldJava() throws Exception {
    Result result = install(Map.of("JAVA_STANDIN_VERSION", "11.0.2"), "--user-data", userData.toString());

    assertThat(result.exit()).isEqualTo(1);
    assertThat(Files.readAllLines(calls)).contains("apt-get install -y -q openjdk-17-jre-headless");
    assertThat(result.output()).contains("Java 17 or newer is needed; java on PATH is version '11'");
  }

  @Test
  @DisplayName("When there is no agent URL and no jar in the image, then the script fails naming both ways")
  void noAgent() throws Exception {
    Result result = install("--user-data", userData.toString());

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.output()).contains("no --agent-url and no " + root + "/opt/edge-agent/edge-agent.jar: set "
        + "spec.userData.agentUrl on the RegistrationToken, or put the jar into the image");
    assertThat(Files.readAllLines(calls)).noneMatch(call -> call.startsWith("systemctl"));
  }

  private void standIn(String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String permissions(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private Result install(String... args) throws Exception {
    return install(Map.of(), args);
  }

  private Result install(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    builder.environment().put("EDGE_AGENT_ROOT", root.toString());
    builder.environment().put("CALLS", calls.toString());
    builder.environment().put("AGENT_SOURCE", temp.resolve("agent.jar").toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private record Result(int exit, String output) {
  }
}
