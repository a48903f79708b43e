package dev.lifecycle.edge.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one fleet size measured. A phase that did not complete has no duration and says how far it got; the
 * figures of the phases after it are missing (NaN), as they were never reached.
 */
final class FleetFigures {

  enum Phase { REGISTER, FORM, UPGRADE, STEADY, RESTART }

  final int hosts;
  final int clusters;
  final int namespaces;
  final Map<Phase, Duration> durations = new LinkedHashMap<>();
  final Map<Phase, Double> operatorCpuSeconds = new LinkedHashMap<>();
  /** The phase that did not complete, and how far it got. */
  Optional<String> stuck = Optional.empty();
  /** The operator's requests over register + form + upgrade, by verb and resource. */
  Map<String, Long> rolloutRequests = new TreeMap<>();
  double writesPerHost = Double.NaN;
  /** The Event objects in the fleet's namespaces after the upgrade, by involved kind and reason. */
  Map<String, Long> eventsByReason = new TreeMap<>();
  /** The operator's Event occurrences by outcome over register + form + upgrade (its own metric). */
  Map<String, Double> eventOutcomes = new TreeMap<>();
  /** The gateway's answers over register + form + upgrade, by endpoint and status code. */
  Map<String, Double> gatewayAnswers = new TreeMap<>();
  double steadyWritesPerHostMinute = Double.NaN;
  Map<String, Long> steadyRequests = new TreeMap<>();
  double heapAfterUpgradeMiB = Double.NaN;
  double heapAfterSteadyMiB = Double.NaN;
  double restartSeconds = Double.NaN;
  double restartWritesPerHost = Double.NaN;
  HealthSampler.Figures health;

  FleetFigures(int hosts, int clusters, int namespaces) {
    this.hosts = hosts;
    this.clusters = clusters;
    this.namespaces = namespaces;
  }

  boolean completed() {
    return stuck.isEmpty() && durations.size() == Phase.values().length;
  }

  /** The larger of the two heap readings (after the upgrade, after the steady window), NaN when neither ran. */
  double heapMiB() {
    if (Double.isNaN(heapAfterUpgradeMiB)) {
      return heapAfterSteadyMiB;
    }
    return Double.isNaN(heapAfterSteadyMiB) ? heapAfterUpgradeMiB : Math.max(heapAfterUpgradeMiB, heapAfterSteadyMiB);
  }
}
