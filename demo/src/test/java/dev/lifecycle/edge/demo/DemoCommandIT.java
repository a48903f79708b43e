package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The demo as a user runs it ({@code edge-operator.jar demo}), in this process: the embedded API, the
 * operator, the gateway and simulated hosts, token to upgrade, a scale-down and a host replaced; judged by its exit
 * code and its story.
 */
class DemoCommandIT {

  @Test
  @DisplayName("When the demo runs with its defaults, then every stage finishes, every host ends on the new "
      + "version, the worker the scale-down released replaces a worker whose agent was killed, and it exits 0")
  void defaults() {
    Run run = demo();

    assertThat(run.exit()).as(run.output()).isZero();
    for (StageName stage : StageName.values()) {
      assertThat(run.output()).as("stage %s reported done", stage)
          .containsPattern("(?m)^ OK  " + stage.title() + " +\\d+\\.\\d s ");
    }
    assertThat(run.output())
        .contains("5/5 hosts registered through the gateway")
        .contains("EdgeCluster store-0042 Running on profile version 1.0.0: control plane 1/1, workers 4/4")
        .contains("layer k3s (kubernetes) 1.30.4 -> 1.31.1: RestartServices")
        .contains("profile version 1.0.0 -> 1.1.0: 5/5 hosts on 1.1.0, status.profileVersion 1.1.0, Ready=True")
        .containsPattern("(?m)^ OK  Scale down +\\d+\\.\\d s  store-0042-\\w+ released, reset and Available; EdgeCluster "
            + "store-0042 Running with control plane 1/1, workers 3/3, Ready=True$")
        .contains("EdgeCluster store-0042 runs 1.1.0 with workers 3/3; hosts on 1.1.0: 4/4")
        .contains("a heartbeat every 2 s")
        .containsPattern("gateway: 5 registrations \\(1 claimed, 4 registered\\); [1-9]\\d* plan requests")
        .contains("Demo complete: 7 stages, exit code 0.")
        .doesNotContain("FAIL");

    Matcher released = Pattern.compile("(?m)^ OK  Scale down +\\d+\\.\\d s  (store-0042-\\w+) released")
        .matcher(run.output());
    assertThat(released.find()).as(run.output()).isTrue();
    String spare = released.group(1);
    Matcher replaced = Pattern.compile("(?m)^ OK  Replace a host +\\d+\\.\\d s  (store-0042-\\w+) replaced by "
        + Pattern.quote(spare) + " \\(status.replacements: Unhealthy, finished\\), \\1 reset and Available again; "
        + "EdgeCluster store-0042 Running with control plane 1/1, workers 3/3, Ready=True$").matcher(run.output());
    assertThat(replaced.find()).as("the released worker is the spare: %s", run.output()).isTrue();
    String dead = replaced.group(1);
    assertThat(dead).isNotEqualTo(spare);
    assertThat(run.output()).as("the replacement's steps, in order").containsSubsequence(
        "==> Replace a host: spec.remediation unhealthyTimeout 3s, a worker's agent killed: Unreachable after 6 s",
        "    " + dead + " Unreachable: no heartbeat for 6 s since its agent was killed",
        "    spare " + spare + " claimed to replace " + dead + " (unhealthy for unhealthyTimeout 3s)",
        "    " + spare + " joining the cluster as a worker on 1.1.0",
        "    " + dead + " released with a Reset plan, which it applies if it comes back",
        "    " + dead + "'s agent revived, as after a reboot: it registers again and applies its Reset plan",
        " OK  Replace a host");
  }

  @Test
  @DisplayName("When the embedded API fails 10% of the operator's writes, delays its responses and drops its "
      + "watches, then the demo still finishes every stage, says what it injected, and exits 0")
  void underInjectedFaults() {
    Run run = demo("--hosts", "3", "--apply-seconds", "0.2", "--inject-write-failures", "0.1", "--inject-latency",
        "20ms", "--inject-watch-drops", "2s", "--fault-seed", "42");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("fault injection: 10% of the operator's writes fail, responses up to 20 ms late, watches dropped "
            + "every 2000 ms; seed 42")
        .containsPattern("faults injected \\(seed 42\\): \\d+ of \\d+ writes failed with 500, \\d+ with 409")
        .contains("Demo complete: 7 stages, exit code 0.");
  }

  @Test
  @DisplayName("When a host fails the new version and the rollout pauses, then the demo names the host and why, "
      + "and exits 1")
  void failedUpgradePauses() {
    Run run = demo("--hosts", "3", "--apply-seconds", "0.2", "--fail-upgrade");

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .containsPattern("(?m)^ OK  Formation ")
        .containsPattern("(?m)^FAIL Upgrade +\\d+\\.\\d s  the rollout Stalled at host store-0042-2: .*simulated "
            + "failure: host 2 is set to fail on profile version 1.1.0")
        .contains("Demo FAILED at stage Upgrade: the rollout Stalled at host store-0042-2")
        .contains("The operator's log: ")
        .doesNotContain("Scale down")
        .doesNotContain("Replace a host")
        .doesNotContain("Demo complete");
    deleteKeptLog(run);
  }

  @Test
  @DisplayName("When a host fails the new version and onFailure is Rollback, then the demo says the cluster rolled "
      + "back, and exits 1")
  void failedUpgradeRollsBack() {
    Run run = demo("--hosts", "3", "--apply-seconds", "0.2", "--fail-upgrade", "--on-failure", "Rollback");

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output())
        .contains("Demo FAILED at stage Upgrade: the rollout rolled back to 1.0.0 after host store-0042-2 failed")
        .contains("hosts on 1.1.0: 0/3")
        .doesNotContain("Scale down")
        .doesNotContain("Replace a host");
    deleteKeptLog(run);
  }

  /** A failed demo keeps its log (and names it) for the user to read; a test reads the output instead. */
  private static void deleteKeptLog(Run run) {
    Matcher named = Pattern.compile("The operator's log: (\\S+)").matcher(run.output());
    assertThat(named.find()).as(run.output()).isTrue();
    Path log = Path.of(named.group(1));
    assertThat(log).exists();
    try (Stream<Path> files = Files.walk(log.getParent())) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Run demo(String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(new DemoCommand(out)).execute(args);
    String output = buffer.toString(StandardCharsets.UTF_8);
    System.out.print(output);
    return new Run(exit, output);
  }

  private record Run(int exit, String output) {
  }
}
