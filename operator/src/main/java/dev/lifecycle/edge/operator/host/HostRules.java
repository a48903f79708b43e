package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The facts about an EdgeHost that the gateway and every reconciler read the same way: which cluster
 * owns it, which generation its next plan gets, when its agent was last seen. Pure.
 */
public final class HostRules {

  private static final Duration LAST_SEEN_PRECISION = Duration.ofSeconds(1);
  private static final LastSeenTimes LAST_SEEN = new LastSeenTimes();

  private HostRules() {
  }

  /** Whether {@code cluster} has claimed the host. */
  public static boolean ownedBy(EdgeHost host, String cluster) {
    return cluster.equals(clusterOf(host.getStatus()));
  }

  /** The name of the cluster that claimed the host, or null while it is in none. */
  public static String clusterOf(EdgeHostStatus status) {
    return status == null || status.getCluster() == null ? null : status.getCluster().getName();
  }

  /** The generation of the plan that follows {@code current} (null when the host has none yet). */
  public static long nextPlanGeneration(HostPlan current) {
    return (current == null || current.getGeneration() == null ? 0 : current.getGeneration()) + 1;
  }

  /**
   * The gateway writes {@code lastSeen} at least this often while heartbeats come (it coalesces the rest):
   * two thirds of the staleness limit, 60 s with the default 90 s, so that with 30 s heartbeats a host's
   * {@code lastSeen} costs at most one status write a minute. The judge counts staleness from
   * {@link #lastHeard}, so a coarser {@code lastSeen} never makes a host Unreachable sooner, only later (by at
   * most this much) when it falls silent.
   */
  public static Duration lastSeenRefresh(Duration staleness) {
    // In nanoseconds: Duration.dividedBy divides a BigDecimal, and every judgement of every host asks this.
    return Duration.ofNanos(staleness.toNanos() * 2 / 3);
  }

  /**
   * The latest a heartbeat the gateway received may be, given the {@code lastSeen} on record: one
   * {@link #lastSeenRefresh} later (a heartbeat it coalesced), plus the second {@code lastSeen} is
   * recorded to. Staleness counts from here: from the last heartbeat received, not the last written.
   */
  public static Instant lastHeard(Instant lastSeen, Duration staleness) {
    return lastSeen.plus(lastSeenRefresh(staleness)).plus(LAST_SEEN_PRECISION);
  }

  /** When the agent was last seen, if it ever was and the record can be read. */
  public static Optional<Instant> lastSeen(EdgeHostStatus status) {
    if (status == null || status.getLastSeen() == null) {
      return Optional.empty();
    }
    return LAST_SEEN.parse(status.getLastSeen());
  }
}
