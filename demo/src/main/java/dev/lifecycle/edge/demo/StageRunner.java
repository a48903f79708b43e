package dev.lifecycle.edge.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs stages one after the other: each acts, then is checked against the API every poll interval and
 * its progress shown, until it is done, fails, or passes its timeout. The first stage that does not
 * finish ends the run, with what its resources say.
 */
final class StageRunner {

  static final Duration POLL = Duration.ofMillis(200);

  private final Terminal terminal;
  private final Duration timeout;
  private final Duration poll;

  StageRunner(Terminal terminal, Duration timeout, Duration poll) {
    this.terminal = terminal;
    this.timeout = timeout;
    this.poll = poll;
  }

  /** Runs the stages in order; the results end with the first that did not succeed, if any. */
  List<StageResult> run(List<Stage> stages) throws InterruptedException {
    List<StageResult> results = new ArrayList<>();
    for (Stage stage : stages) {
      StageResult result = run(stage);
      results.add(result);
      if (!result.succeeded()) {
        break;
      }
    }
    return results;
  }

  private StageResult run(Stage stage) throws InterruptedException {
    terminal.stageStarted(stage.name(), stage.goal());
    long started = System.nanoTime();
    try {
      stage.begin();
    } catch (Exception e) {
      return failed(stage, started, "could not begin: " + describe(e));
    }
    long deadline = started + timeout.toNanos();
    StageStatus last = StageStatus.waiting("nothing read yet");
    while (true) {
      last = check(stage, last);
      if (last.state() == StageStatus.State.DONE) {
        Duration took = since(started);
        terminal.stageDone(stage.name(), took, last);
        return new StageResult(stage.name(), took, true, last.line());
      }
      if (last.state() == StageStatus.State.FAILED) {
        terminal.notes(last.notes());
        return failed(stage, started, last.line());
      }
      if (System.nanoTime() - deadline >= 0) {
        return failed(stage, started, "did not finish within " + seconds(timeout) + "; last seen: " + last.line());
      }
      terminal.progress(last);
      Thread.sleep(poll.toMillis());
    }
  }

  /** The stage's status; a failed read of the API is a wait (the next poll tries again), not a failure. */
  private static StageStatus check(Stage stage, StageStatus previous) {
    try {
      return stage.check();
    } catch (RuntimeException e) {
      return new StageStatus(StageStatus.State.WAITING, previous.line() + " (reading the API failed: "
          + describe(e) + ")", previous.done(), previous.total(), List.of());
    }
  }

  private StageResult failed(Stage stage, long started, String reason) {
    Duration took = since(started);
    List<String> diagnosis;
    try {
      diagnosis = stage.diagnose();
    } catch (RuntimeException e) {
      diagnosis = List.of("(the API could not be read to say more: " + describe(e) + ")");
    }
    terminal.stageFailed(stage.name(), took, reason, diagnosis);
    return new StageResult(stage.name(), took, false, reason);
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  static String seconds(Duration duration) {
    double value = duration.toMillis() / 1000.0;
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f s", value)
        : String.format(Locale.ROOT, "%.3f s", value).replaceAll("0+ s$", " s");
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
