package dev.lifecycle.edge.apiserver;

import java.time.Duration;
import java.util.Set;
import java.util.random.RandomGenerator;

/** What the embedded API does to one request under {@link FaultInjection}: a pure decision, drawn from a generator. */
final class FaultPlan {

  /** What happens to a request. */
  enum Outcome {
    /** Served as it is. */
    PASS,
    /** Answered 500 InternalError, not applied. */
    FAIL_500,
    /** Answered 409 Conflict, not applied. */
    FAIL_409,
    /** Served, its answer sent after the decision's delay. */
    DELAY
  }

  /** A decision: its outcome, and the delay of a {@link Outcome#DELAY} (zero otherwise). */
  record Decision(Outcome outcome, Duration delay) {

    static final Decision PASS = new Decision(Outcome.PASS, Duration.ZERO);
    static final Decision FAIL_500 = new Decision(Outcome.FAIL_500, Duration.ZERO);
    static final Decision FAIL_409 = new Decision(Outcome.FAIL_409, Duration.ZERO);
  }

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private FaultPlan() {
  }

  static boolean isWrite(String method) {
    return WRITES.contains(method);
  }

  /**
   * The decision for a request: a write may fail (500 or 409, each at its rate); a request that does
   * not fail, watches aside, is delayed by 1 ms up to the latency (whole milliseconds: the server's
   * timers take no less). The generator is drawn from only as the
   * faults need, so that a seeded one replays the same sequence of decisions.
   */
  static Decision decide(FaultInjection faults, String method, boolean watch, RandomGenerator random) {
    if (isWrite(method) && (faults.writeFailureRate() > 0 || faults.conflictRate() > 0)) {
      double draw = random.nextDouble();
      if (draw < faults.writeFailureRate()) {
        return Decision.FAIL_500;
      }
      if (draw < faults.writeFailureRate() + faults.conflictRate()) {
        return Decision.FAIL_409;
      }
    }
    long latencyMillis = faults.latency().toMillis();
    if (watch || latencyMillis < 1) {
      return Decision.PASS;
    }
    return new Decision(Outcome.DELAY, Duration.ofMillis(1 + random.nextLong(latencyMillis)));
  }
}
