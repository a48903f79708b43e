package dev.lifecycle.edge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as a user runs it: one command line assembled from the modules, from any working directory. */
class CommandLineJarIT {

  @TempDir
  Path elsewhere;

  @Test
  @DisplayName("When edge-operator.jar --help runs, then it lists the run, definition, keys, demo, bundle and site "
      + "commands and exits 0")
  void helpListsEveryCommand() throws IOException, InterruptedException {
    Run run = jar("--help");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("Usage: edge-operator.jar").containsPattern("(?m)^\\s+run\\s")
        .containsPattern("(?m)^\\s+demo\\s").containsPattern("(?m)^\\s+bundle\\s")
        .containsPattern("(?m)^\\s+definition\\s").containsPattern("(?m)^\\s+keys\\s")
        .containsPattern("(?m)^\\s+site\\s");
  }

  @Test
  @DisplayName("When edge-operator.jar site --help runs, then it lists every option of the site controller and exits 0")
  void siteHelp() throws IOException, InterruptedException {
    Run run = jar("site", "--help");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("Usage: edge-operator.jar site").contains("--data-dir=DIR")
        .contains("--listen=HOST:PORT").contains("--tls-cert=PEM").contains("--tls-key=PEM")
        .contains("--trust-key=PEM").contains("--site-name=NAME").contains("--namespace=NS");
    // picocli wraps the descriptions at 80 columns, wherever
    assertThat(run.output().replaceAll("\\s+", "")).contains("(default:0.0.0.0:5080)").contains("(default:site)");
  }

  @Test
  @DisplayName("When edge-operator.jar bundle verify is given a file that is no bundle, then it exits 1 naming the reason, "
      + "and bundle build without a signing key exits 2 saying so")
  void bundleCommands() throws IOException, InterruptedException {
    Path notABundle = Files.writeString(elsewhere.resolve("not-a-bundle.tar.zst"), "hello");
    Path keys = SigningKey.generate(SignatureAlgorithm.ED25519).writeFiles(elsewhere.resolve("signing")).get(1);
    Run verify = jar("bundle", "verify", "--trust", keys.toString(), "--in", notABundle.toString());

    assertThat(verify.exit()).as(verify.output()).isEqualTo(1);
    assertThat(verify.output()).contains("bundle verify: refused " + notABundle + ": NOT_A_SIGNED_ARCHIVE");

    Run build = jar("bundle", "build", "--profile-file", "profiles.yaml", "--platform", "linux/amd64", "--out",
        "b.tar.zst");
    assertThat(build.exit()).as(build.output()).isEqualTo(2);
    assertThat(build.output()).contains("Missing required option: '--sign-key=KEY.pem'");
  }

  @Test
  @DisplayName("When edge-operator.jar --version runs, then it names edge-operator and exits 0")
  void version() throws IOException, InterruptedException {
    Run run = jar("--version");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).startsWith("edge-operator ");
  }

  @Test
  @DisplayName("When edge-operator.jar demo runs outside the repository, then it applies the samples the jar "
      + "carries, runs every stage up to a host replaced, and exits 0")
  void demoFromAnyDirectory() throws IOException, InterruptedException {
    Run run = jar("demo", "--hosts", "3", "--apply-seconds", "0.2");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).containsPattern("(?m)^ OK  Replace a host +\\d+\\.\\d s  store-0042-\\w+ replaced by "
        + "store-0042-\\w+ \\(status.replacements: Unhealthy, finished\\)")
        .contains("Demo complete: 7 stages, exit code 0.");
  }

  private Run jar(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LauncherJar.java(), "-jar", LauncherJar.path().toString()));
    command.addAll(List.of(args));
    Path output = elsewhere.resolve("output.txt");
    Process process = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    process.getOutputStream().close();
    boolean exited = process.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    assertThat(exited).as("exited within 3 minutes: %s", Files.readString(output)).isTrue();
    return new Run(process.exitValue(), Files.readString(output));
  }

  private record Run(int exit, String output) {
  }
}
