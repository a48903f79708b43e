package dev.lifecycle.edge.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/** The targets of issue 21, each judged on one size's figures: PASS, FAIL, or "-" when it was not measured. */
final class FleetTargets {

  static final double HEAP_MIB = 512;
  static final double WRITES_PER_HOST = 15;
  static final double STEADY_WRITES_PER_HOST_MINUTE = 1;
  static final double RESTART_SECONDS = 30;
  static final double HEALTH_MILLIS = 100;

  /** One row of the table: what is measured, its figure as text, and whether it meets the target. */
  record Target(String name, Function<FleetFigures, String> figure, Predicate<FleetFigures> measured,
      Predicate<FleetFigures> met) {

    String verdict(FleetFigures figures) {
      if (!measured.test(figures)) {
        return "-";
      }
      return met.test(figures) ? "PASS" : "FAIL";
    }
  }

  static final List<Target> ALL = List.of(
      new Target("every phase completes", f -> f.completed() ? "yes" : "no: " + f.stuck.orElse("?"),
          f -> true, FleetFigures::completed),
      new Target("heap after full GC <= 512 MiB", f -> format("%.0f MiB", f.heapMiB()),
          f -> !Double.isNaN(f.heapMiB()), f -> f.heapMiB() <= HEAP_MIB),
      new Target("API writes/host, register+form+upgrade <= 15", f -> format("%.1f", f.writesPerHost),
          f -> !Double.isNaN(f.writesPerHost), f -> f.writesPerHost <= WRITES_PER_HOST),
      new Target("steady writes/host/min <= 1", f -> format("%.2f", f.steadyWritesPerHostMinute),
          f -> !Double.isNaN(f.steadyWritesPerHostMinute),
          f -> f.steadyWritesPerHostMinute <= STEADY_WRITES_PER_HOST_MINUTE),
      new Target("restart to ready <= 30 s", f -> format("%.1f s", f.restartSeconds),
          f -> !Double.isNaN(f.restartSeconds), f -> f.restartSeconds <= RESTART_SECONDS),
      new Target("/healthz, /readyz max <= 100 ms", f -> format("%.0f ms (p99 %.0f)", f.health.worstMaxMillis(),
          f.health.worstP99Millis()), f -> f.health != null && f.health.healthz().samples() > 0,
          f -> f.health.worstMaxMillis() <= HEALTH_MILLIS));

  private FleetTargets() {
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
