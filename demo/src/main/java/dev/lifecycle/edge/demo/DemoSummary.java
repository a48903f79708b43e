package dev.lifecycle.edge.demo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The end of the story: how long each stage took, the fleet, the versions, what the gateway served. */
final class DemoSummary {

  private DemoSummary() {
  }

  /**
   * @param startup how long the embedded API, the operator and the gateway took to start
   * @param results the stages as they ended
   * @param facts lines about the fleet and the versions
   * @param meters the registry the gateway counts into
   */
  static void print(Terminal terminal, Duration startup, List<StageResult> results, List<String> facts,
      MeterRegistry meters) {
    terminal.line("");
    terminal.heading("Summary");
    Duration total = startup;
    terminal.line("  " + Terminal.padded("Start") + Terminal.seconds(startup)
        + "  embedded Kubernetes API, operator, gateway");
    for (StageResult result : results) {
      terminal.line("  " + Terminal.padded(result.name()) + Terminal.seconds(result.took()) + "  "
          + (result.succeeded() ? "ok" : "FAILED"));
      total = total.plus(result.took());
    }
    terminal.line("  " + Terminal.padded("Total") + Terminal.seconds(total));
    facts.forEach(fact -> terminal.line("  " + fact));
    terminal.line("  gateway: " + registrations(meters) + "; " + planRequests(meters) + " plan requests (long polls, "
        + "held until the plan changes), " + (long) count(meters, "edge.gateway.plan.not.modified")
        + " answered 304 Not Modified");
  }

  private static String registrations(MeterRegistry meters) {
    Map<String, Long> byOutcome = new TreeMap<>();
    for (Counter counter : meters.find("edge.gateway.registrations").counters()) {
      byOutcome.merge(counter.getId().getTag("outcome"), (long) counter.count(), Long::sum);
    }
    long total = byOutcome.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder text = new StringBuilder(total + " registrations");
    if (!byOutcome.isEmpty()) {
      text.append(" (");
      byOutcome.forEach((outcome, count) -> text.append(count).append(' ').append(outcome).append(", "));
      text.setLength(text.length() - 2);
      text.append(')');
    }
    return text.toString();
  }

  /** Every answered GET /v1/plan, whatever its status. */
  private static long planRequests(MeterRegistry meters) {
    return meters.find("edge.gateway.requests").tag("endpoint", "/v1/plan").timers().stream()
        .mapToLong(Timer::count).sum();
  }

  private static double count(MeterRegistry meters, String name) {
    Counter counter = meters.find(name).counter();
    return counter == null ? 0 : counter.count();
  }
}
