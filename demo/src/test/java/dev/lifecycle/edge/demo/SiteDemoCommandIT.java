package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code edge-operator.jar site-demo} run to its end in this process, with hosts that apply a plan in 0.3 s. */
class SiteDemoCommandIT {

  @TempDir
  Path dir;

  @Test
  @DisplayName("When the site demo runs, then the cluster forms across a controller restart, upgrades to 1.1.0 from "
      + "a delta bundle, and the demo prints the URL, the fingerprint and an owner-only password file; exit 0")
  void runsToTheEnd() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(new SiteDemoCommand(out)).execute("--dir", dir.toString(), "--apply-seconds", "0.3",
        "--step-timeout", "60s");
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(output).isZero();
    for (String step : new String[] {"content", "site controller", "login", "link hosts", "upload", "form",
        "upgrade"}) {
      assertThat(output).as("step %s done", step).containsPattern("(?m)^ OK  " + step + " +\\d+\\.\\d s  ");
    }
    assertThat(output)
        .contains("controller stopped mid-formation; starting it again on the same directory")
        .contains("1 control plane + 2 workers running 1.0.0")
        .contains("every host runs 1.1.0")
        .containsPattern("certificate sha256:[0-9a-f]{64}")
        .containsPattern("(?m)^  URL: +https://127\\.0\\.0\\.1:\\d+/api/site/v1/openapi\\.json$")
        .containsPattern("(?m)^  fingerprint: +sha256:[0-9a-f]{64} ")
        .doesNotContain("FAIL");
    Path passwordFile = dir.resolve("data/demo-admin-password");
    assertThat(output).contains("password file:  " + passwordFile.toAbsolutePath());
    String password = Files.readString(passwordFile).strip();
    assertThat(output).as("the password is in its file, never printed").doesNotContain(password);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
  }

  @Test
  @DisplayName("When --port is out of range, then site-demo exits 2 saying so and starts nothing")
  void badPort() {
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    CommandLine command = new CommandLine(new SiteDemoCommand(new PrintStream(new ByteArrayOutputStream())));
    command.setErr(new java.io.PrintWriter(errors, true, StandardCharsets.UTF_8));
    assertThat(command.execute("--dir", dir.toString(), "--port", "70000")).isEqualTo(2);
    assertThat(errors.toString(StandardCharsets.UTF_8)).contains("--port must be 0 to 65535, got 70000");
    assertThat(dir).isEmptyDirectory();
  }
}
