package dev.lifecycle.edge.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell script of the repository passes shellcheck (with the repository's .shellcheckrc).
 * Tagged {@code system}: it runs only in the {@code system-tests} profile, whose contract is that
 * shellcheck is installed ({@code .ci/run} installs the Debian package); without it, it fails.
 */
@Tag("system")
class ShellcheckSystemTest {

  /** A shebang naming sh or bash, or a sourced file's shellcheck directive. */
  private static final Pattern SHELL = Pattern.compile("^#!\\s*\\S*/(env\\s+)?(ba|da)?sh\\b.*|^# shellcheck shell=.*");
  private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules");

  @TempDir
  Path temp;

  @Test
  @DisplayName("When the system tests run, then shellcheck finds nothing in any shell script of the repository")
  void everyScriptPasses() throws Exception {
    Path repo = repositoryRoot();
    List<Path> scripts = shellScripts(repo);
    assertThat(scripts).as("the scripts found").contains(repo.resolve(".ci/run"),
        repo.resolve("agent/hooks/k3s/install"), repo.resolve("agent/hooks/k3s/lib.sh"),
        repo.resolve("agent/src/test/resources/k3s-standins/systemctl"));

    List<String> command = new ArrayList<>(List.of("shellcheck", "--format=gcc"));
    scripts.forEach(script -> command.add(repo.relativize(script).toString()));
    Result result = run(repo, command);

    assertThat(result.exitCode()).as("shellcheck on %d scripts:%n%s", scripts.size(), result.output()).isZero();
  }

  @Test
  @DisplayName("When a script has a shellcheck finding, then shellcheck as this profile runs it fails and names it")
  void findingsFail() throws Exception {
    Path script = temp.resolve("unquoted.sh");
    Files.writeString(script, "#!/bin/sh\nrm -rf $1/\n");

    Result result = run(temp, List.of("shellcheck", "--format=gcc", script.toString()));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("unquoted.sh:2:", "SC2086");
  }

  private static List<Path> shellScripts(Path repo) throws IOException {
    try (Stream<Path> walk = Files.walk(repo)) {
      return walk.filter(path -> repo.relativize(path).toString().isEmpty()
              || SKIPPED.stream().noneMatch(skip -> contains(repo.relativize(path), skip)))
          .filter(Files::isRegularFile)
          .filter(ShellcheckSystemTest::isShell)
          .sorted()
          .toList();
    }
  }

  private static boolean contains(Path relative, String name) {
    for (Path part : relative) {
      if (part.toString().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isShell(Path file) {
    if (file.getFileName().toString().endsWith(".sh")) {
      return true;
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = reader.readLine();
      return first != null && SHELL.matcher(first).matches();
    } catch (IOException | java.io.UncheckedIOException e) {
      return false; // binary or unreadable: not a script
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(".ci/run")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root (.ci/run) above " + Path.of("").toAbsolutePath());
  }

  private static Result run(Path directory, List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("shellcheck is not installed, and the system-tests profile needs it: "
          + "apt-get install shellcheck (.ci/run does so)", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("shellcheck ended").isTrue();
    return new Result(process.exitValue(), output);
  }

  private record Result(int exitCode, String output) {
  }
}
