package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.apiserver.FaultInjection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the demo runs.
 *
 * @param hosts simulated hosts: one forms the control plane, the others are workers
 * @param applyTime how long a simulated host takes to apply a plan
 * @param stageTimeout how long each stage may take before the demo gives up ({@link #derivedStageTimeout}
 *     unless one is asked for)
 * @param keepRunning whether everything stays up after the summary, until Ctrl-C
 * @param verbose whether the logs of the operator, the gateway and the libraries show (in the terminal)
 * @param failUpgrade whether the last simulated host fails to apply the new profile version, to show how a
 *     rollout stops (the demo then ends with exit code 1)
 * @param onFailure what the rollout does when a host fails, instead of the sample's {@code onFailure}
 * @param faults the faults the embedded API injects into the operator's and the gateway's requests
 *     ({@link FaultInjection#NONE} by default); the demo's own requests are spared
 */
public record DemoOptions(int hosts, Duration applyTime, Duration stageTimeout, boolean keepRunning, boolean verbose,
    boolean failUpgrade, Optional<UpgradeStrategy.FailurePolicy> onFailure, FaultInjection faults) {

  public static final int MAX_HOSTS = 1000;
  /** The stage timeout of a small fleet. */
  static final Duration MIN_STAGE_TIMEOUT = Duration.ofSeconds(60);
  /**
   * What one host adds to the longest stage besides its apply time: the sample's rollout upgrades one
   * host at a time (maxUnavailable 1), and each waits for a plan poll, a report and a reconcile.
   */
  static final Duration PER_HOST_OVERHEAD = Duration.ofSeconds(3);
  /** The shortest heartbeat: a small fleet's, so that a killed host is Unreachable within seconds. */
  static final Duration MIN_HEARTBEAT = Duration.ofSeconds(2);
  /** The longest heartbeat: a large fleet's, so that heartbeats cost the API about 100 writes a second at most. */
  static final Duration MAX_HEARTBEAT = Duration.ofSeconds(10);
  /** What each host adds to the heartbeat between the two. */
  static final Duration HEARTBEAT_PER_HOST = Duration.ofMillis(100);

  public DemoOptions {
    Objects.requireNonNull(applyTime, "applyTime");
    Objects.requireNonNull(stageTimeout, "stageTimeout");
    Objects.requireNonNull(onFailure, "onFailure");
    Objects.requireNonNull(faults, "faults");
    if (hosts < 1 || hosts > MAX_HOSTS) {
      throw new IllegalArgumentException("--hosts must be within 1.." + MAX_HOSTS + ", not " + hosts);
    }
    if (applyTime.isNegative()) {
      throw new IllegalArgumentException("--apply-seconds cannot be negative");
    }
    if (stageTimeout.isNegative() || stageTimeout.isZero()) {
      throw new IllegalArgumentException("--stage-timeout must be positive");
    }
  }

  /**
   * The stage timeout that fits the fleet: the upgrade takes each host in turn, so it grows with the
   * hosts and their apply time; never less than {@link #MIN_STAGE_TIMEOUT}.
   */
  public static Duration derivedStageTimeout(int hosts, Duration applyTime) {
    Duration perHost = applyTime.plus(PER_HOST_OVERHEAD);
    Duration fleet = perHost.multipliedBy(hosts);
    return fleet.compareTo(MIN_STAGE_TIMEOUT) > 0 ? fleet : MIN_STAGE_TIMEOUT;
  }

  /**
   * How often the agents report: 100 ms per host, at least {@link #MIN_HEARTBEAT} and at most
   * {@link #MAX_HEARTBEAT} (2 s up to 20 hosts, 10 s from 100). A host is Unreachable after three missed
   * reports, so a small fleet's killed host is seen within 6 s while a large fleet's heartbeats stay cheap.
   */
  public Duration heartbeat() {
    Duration perFleet = HEARTBEAT_PER_HOST.multipliedBy(hosts);
    return perFleet.compareTo(MIN_HEARTBEAT) < 0 ? MIN_HEARTBEAT
        : perFleet.compareTo(MAX_HEARTBEAT) > 0 ? MAX_HEARTBEAT : perFleet;
  }

  /** How long without a report before a host counts as Unreachable: three heartbeats. */
  public Duration staleness() {
    return heartbeat().multipliedBy(3);
  }

  /** Workers of the demo's cluster: every host but the control plane's one. */
  public int workers() {
    return hosts - 1;
  }

  /** The simulated host that fails the new profile version (the last one), when a failure is asked for. */
  public Optional<Integer> failingHost() {
    return failUpgrade ? Optional.of(hosts - 1) : Optional.empty();
  }
}
