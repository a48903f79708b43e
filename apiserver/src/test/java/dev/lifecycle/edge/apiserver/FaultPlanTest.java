package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.apiserver.FaultPlan.Decision;
import dev.lifecycle.edge.apiserver.FaultPlan.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  private static final FaultInjection TEN_PERCENT = FaultInjection.failingWrites(0.10, 42);

  @Test
  @DisplayName("When no fault is asked for, then every request passes and the generator is never drawn from")
  void noFaultsPass() {
    for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
      assertThat(FaultPlan.decide(FaultInjection.NONE, method, false, failIfDrawn())).isEqualTo(Decision.PASS);
    }
  }

  @Test
  @DisplayName("When 10% of writes fail, then about 5% are answered 500 and 5% 409, reads never fail, and the same "
      + "seed gives the same sequence")
  void writesFailAtTheirRates() {
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    SplittableRandom random = new SplittableRandom(TEN_PERCENT.seed());
    for (int i = 0; i < 10_000; i++) {
      outcomes.merge(FaultPlan.decide(TEN_PERCENT, i % 2 == 0 ? "PUT" : "POST", false, random).outcome(), 1,
          Integer::sum);
    }
    assertThat(outcomes.get(Outcome.FAIL_500)).isBetween(400, 600);
    assertThat(outcomes.get(Outcome.FAIL_409)).isBetween(400, 600);
    assertThat(outcomes.get(Outcome.PASS)).isBetween(8_800, 9_200);
    assertThat(FaultPlan.decide(TEN_PERCENT, "GET", false, failIfDrawn())).isEqualTo(Decision.PASS);
    assertThat(sequence(TEN_PERCENT)).isEqualTo(sequence(TEN_PERCENT));
  }

  @Test
  @DisplayName("When latency is asked for, then a request that does not fail is delayed by at most it, and a watch "
      + "is not delayed")
  void latencyDelays() {
    FaultInjection slow = FaultInjection.NONE.withLatency(Duration.ofMillis(200));
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1_000; i++) {
      Decision decision = FaultPlan.decide(slow, "GET", false, random);
      assertThat(decision.outcome()).isEqualTo(Outcome.DELAY);
      assertThat(decision.delay()).isBetween(Duration.ofMillis(1), Duration.ofMillis(200));
    }
    assertThat(FaultPlan.decide(slow, "GET", true, failIfDrawn())).isEqualTo(Decision.PASS);
  }

  @Test
  @DisplayName("When rates are out of range, then the settings are refused")
  void refusesBadRates() {
    assertThatThrownBy(() -> new FaultInjection(0.6, 0.6, Duration.ZERO, Duration.ZERO, 1, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultInjection.failingWrites(-0.1, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("When a User-Agent is spared, then its requests get no fault; others still do")
  void sparedUserAgent() {
    FaultInjection faults = TEN_PERCENT.sparing("invariant-checker");
    assertThat(faults.spares("fabric8/7.5.2 invariant-checker")).isTrue();
    assertThat(faults.spares("fabric8/7.5.2")).isFalse();
    assertThat(faults.spares(null)).isFalse();
    assertThat(TEN_PERCENT.spares("invariant-checker")).isFalse();
  }

  private static List<Outcome> sequence(FaultInjection faults) {
    SplittableRandom random = new SplittableRandom(faults.seed());
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      outcomes.add(FaultPlan.decide(faults, "PATCH", false, random).outcome());
    }
    return outcomes;
  }

  /** A generator that must not be used: a decision that needs no draw makes none. */
  private static RandomGenerator failIfDrawn() {
    return () -> {
      throw new AssertionError("drawn from");
    };
  }
}
