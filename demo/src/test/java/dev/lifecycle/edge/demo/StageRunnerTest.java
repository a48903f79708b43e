package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The runner with scripted stages: order, first failure ends the run, timeouts, errors while acting or reading. */
class StageRunnerTest {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final Terminal terminal = new Terminal(new PrintStream(buffer, true, StandardCharsets.UTF_8), false, false);

  @Test
  @DisplayName("When every stage finishes, then each is begun once, in order, and reported OK with its result")
  void allDone() throws InterruptedException {
    Scripted token = new Scripted(StageName.TOKEN, StageStatus.waiting("not yet"), StageStatus.done("token issued"));
    Scripted registration = new Scripted(StageName.REGISTRATION, StageStatus.waiting("hosts registered", 1, 2),
        StageStatus.done("2/2 registered"));

    List<StageResult> results = runner(Duration.ofSeconds(5)).run(List.of(token, registration));

    assertThat(results).extracting(StageResult::name).containsExactly(StageName.TOKEN, StageName.REGISTRATION);
    assertThat(results).allMatch(StageResult::succeeded);
    assertThat(token.begun).isEqualTo(1);
    assertThat(registration.begun).isEqualTo(1);
    assertThat(output()).contains("==> Token: goal of TOKEN")
        .containsPattern("(?m)^ OK  Token +\\d+\\.\\d s  token issued$")
        .contains("    [############------------] 1/2  hosts registered")
        .containsPattern("(?m)^ OK  Registration +\\d+\\.\\d s  2/2 registered$");
  }

  @Test
  @DisplayName("When a stage fails, then the run ends there with its reason and diagnosis, and later stages never begin")
  void firstFailureEnds() throws InterruptedException {
    Scripted formation = new Scripted(StageName.FORMATION, StageStatus.failed("EdgeCluster Failed: host a failed"));
    Scripted upgrade = new Scripted(StageName.UPGRADE, StageStatus.done("never"));

    List<StageResult> results = runner(Duration.ofSeconds(5)).run(List.of(formation, upgrade));

    assertThat(results).hasSize(1);
    assertThat(results.get(0).succeeded()).isFalse();
    assertThat(results.get(0).line()).isEqualTo("EdgeCluster Failed: host a failed");
    assertThat(upgrade.begun).isZero();
    assertThat(output()).containsPattern("(?m)^FAIL Formation +\\d+\\.\\d s  EdgeCluster Failed: host a failed$")
        .contains("       diagnosis of FORMATION");
  }

  @Test
  @DisplayName("When a stage never finishes, then it fails at its timeout with the last thing seen")
  void timeout() throws InterruptedException {
    Scripted stuck = new Scripted(StageName.UPGRADE, StageStatus.waiting("hosts updated", 3, 5));

    List<StageResult> results = runner(Duration.ofMillis(300)).run(List.of(stuck));

    assertThat(results.get(0).succeeded()).isFalse();
    assertThat(results.get(0).line()).isEqualTo("did not finish within 0.3 s; last seen: hosts updated");
    assertThat(output()).contains("diagnosis of UPGRADE");
  }

  @Test
  @DisplayName("When a stage cannot act, then it fails with why, without being checked")
  void beginFails() throws InterruptedException {
    Scripted registration = new Scripted(StageName.REGISTRATION, StageStatus.done("never")) {
      @Override
      public void begin() {
        throw new IllegalStateException("Secret store-0042 holds no token");
      }
    };

    List<StageResult> results = runner(Duration.ofSeconds(5)).run(List.of(registration));

    assertThat(results.get(0).line()).isEqualTo("could not begin: Secret store-0042 holds no token");
    assertThat(registration.checked).isZero();
  }

  @Test
  @DisplayName("When reading the API fails once, then the stage keeps waiting and finishes on the next read")
  void readFailureIsAWait() throws InterruptedException {
    Deque<Supplier<StageStatus>> script = new ArrayDeque<>();
    script.add(() -> {
      throw new IllegalStateException("connection refused");
    });
    script.add(() -> StageStatus.done("read again"));
    Stage flaky = new Scripted(StageName.TOKEN) {
      @Override
      public StageStatus check() {
        return script.size() > 1 ? script.poll().get() : script.peek().get();
      }
    };

    List<StageResult> results = runner(Duration.ofSeconds(5)).run(List.of(flaky));

    assertThat(results.get(0).succeeded()).isTrue();
    assertThat(output()).contains("(reading the API failed: connection refused)");
  }

  private StageRunner runner(Duration timeout) {
    return new StageRunner(terminal, timeout, Duration.ofMillis(10));
  }

  private String output() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /** A stage that answers its checks from a script, repeating the last answer. */
  private static class Scripted implements Stage {
    private final StageName name;
    private final Deque<StageStatus> answers;
    int begun;
    int checked;

    Scripted(StageName name, StageStatus... answers) {
      this.name = name;
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public StageName name() {
      return name;
    }

    @Override
    public String goal() {
      return "goal of " + name;
    }

    @Override
    public void begin() {
      begun++;
    }

    @Override
    public StageStatus check() {
      checked++;
      return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    @Override
    public List<String> diagnose() {
      return List.of("diagnosis of " + name);
    }
  }
}
