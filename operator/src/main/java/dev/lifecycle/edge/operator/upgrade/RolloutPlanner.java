package dev.lifecycle.edge.operator.upgrade;

import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy.FailurePolicy;
import dev.lifecycle.edge.wire.Durations;
import dev.lifecycle.edge.operator.upgrade.RolloutDecision.Complete;
import dev.lifecycle.edge.operator.upgrade.RolloutDecision.Move;
import dev.lifecycle.edge.operator.upgrade.RolloutDecision.RolledBack;
import dev.lifecycle.edge.operator.upgrade.RolloutDecision.Stall;
import dev.lifecycle.edge.operator.upgrade.RolloutDecision.StartRollback;
import dev.lifecycle.edge.operator.upgrade.RolloutDecision.Wait;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides which hosts a rolling upgrade moves next. Pure: no I/O, no clock, no memory of its own;
 * it holds these invariants for any state it is given:
 *
 * <ol>
 *   <li>a move never takes the cluster past {@code maxUnavailable} hosts out of service (moving a
 *       host that is already out of service costs nothing);</li>
 *   <li>control-plane hosts go first, one at a time, never while another control-plane host is
 *       unhealthy; workers follow in batches;</li>
 *   <li>no host moves until every host moved before it reports healthy on its new version;</li>
 *   <li>a failed or timed-out host stops the rollout ({@code Pause}) or turns it around
 *       ({@code Rollback}: the moved hosts go back newest first, decided in the same call);</li>
 *   <li>{@code paused} stops before the next batch;</li>
 *   <li>outside the maintenance windows no new forward batch starts (hosts in flight finish; a rollback, which
 *       returns hosts to the version they ran, is not held back).</li>
 * </ol>
 */
public final class RolloutPlanner {

  private RolloutPlanner() {
  }

  public static RolloutDecision decide(RolloutState state) {
    String destination = state.destination();
    Optional<RolloutDecision> failure = failure(state);
    if (failure.isPresent()) {
      return failure.get();
    }
    if (state.hosts().stream().allMatch(h -> h.healthyOn(destination))) {
      return state.rollingBack() ? new RolledBack() : new Complete();
    }
    if (state.paused()) {
      return new Wait("paused (spec.paused is true): the next batch starts when it is set back to false");
    }
    Optional<Wait> waiting = waitingForInFlight(state);
    if (waiting.isPresent()) {
      return waiting.get();
    }
    if (!state.rollingBack() && state.windowClosedUntil().isPresent()) {
      return new RolloutDecision.WaitForWindow(state.windowClosedUntil().get());
    }
    return nextBatch(state);
  }

  /**
   * The wait while moved hosts have not yet reported healthy: what a round says once its batch is on
   * its way.
   */
  public static Optional<Wait> waitingForInFlight(RolloutState state) {
    String destination = state.destination();
    List<RolloutHost> inFlight = state.hosts().stream().filter(h -> h.inFlightTo(destination)).toList();
    return inFlight.isEmpty() ? Optional.empty()
        : Optional.of(new Wait("waiting for " + names(inFlight) + " to report healthy on " + destination));
  }

  /**
   * The first moved host that failed or ran out of time on its new plan, and what that leads to; the
   * message is what status.upgrade.failure records.
   */
  private static Optional<RolloutDecision> failure(RolloutState state) {
    String destination = state.destination();
    return state.hosts().stream()
        .filter(h -> h.inFlightTo(destination))
        .filter(h -> h.failed() || timedOut(h, state))
        .min(Comparator.comparingInt(RolloutHost::moveOrder))
        .map(host -> {
          String what = host.failed()
              ? host.name() + " reported failure on " + destination + ": " + reported(host)
              : host.name() + " did not report healthy on " + destination + " within "
                  + Durations.format(state.hostTimeout());
          String reason = host.failed() ? "HostFailed" : "HostTimedOut";
          if (state.rollingBack()) {
            return new Stall(host.name(), "RollbackFailed", "rollback stopped: " + what);
          }
          if (state.onFailure() == FailurePolicy.Rollback) {
            return new StartRollback(host.name(), what, decide(state.turned()));
          }
          return new Stall(host.name(), reason, what);
        });
  }

  private static String reported(RolloutHost host) {
    return host.report() == null || host.report().isBlank() ? "no message" : host.report();
  }

  private static boolean timedOut(RolloutHost host, RolloutState state) {
    return host.movedAt().map(at -> !at.plus(state.hostTimeout()).isAfter(state.now())).orElse(false);
  }

  /** The earliest instant a host in flight runs out of time, for a round that notices it. */
  public static Optional<Instant> nextTimeout(RolloutState state) {
    return state.hosts().stream()
        .filter(h -> h.inFlightTo(state.destination()) && !h.failed())
        .flatMap(h -> h.movedAt().stream())
        .map(at -> at.plus(state.hostTimeout()))
        .filter(deadline -> deadline.isAfter(state.now()))
        .min(Comparator.naturalOrder());
  }

  private static RolloutDecision nextBatch(RolloutState state) {
    String destination = state.destination();
    long outOfService = state.hosts().stream().filter(RolloutHost::outOfService).count();
    long budget = state.maxUnavailable() - outOfService;
    List<String> batch = new ArrayList<>();
    for (RolloutHost candidate : candidates(state)) {
      int cost = candidate.outOfService() ? 0 : 1;
      if (candidate.isControlPlane()) {
        if (!batch.isEmpty()) {
          break;
        }
        List<RolloutHost> unhealthyPeers = state.hosts().stream()
            .filter(h -> h.isControlPlane() && !h.name().equals(candidate.name()) && h.outOfService()).toList();
        if (!unhealthyPeers.isEmpty()) {
          return new Wait("control-plane host " + candidate.name() + " waits: " + names(unhealthyPeers)
              + " not healthy");
        }
        if (cost > budget) {
          return budgetWait(state, outOfService);
        }
        return new RolloutDecision.Move(List.of(candidate.name()), destination);
      }
      if (cost > budget) {
        break;
      }
      batch.add(candidate.name());
      budget -= cost;
    }
    return batch.isEmpty() ? budgetWait(state, outOfService) : new Move(batch, destination);
  }

  /**
   * Hosts still to move, in the order they move: forward, control plane first, then workers, each by
   * name; back, the reverse of the order they were moved in.
   */
  private static List<RolloutHost> candidates(RolloutState state) {
    String destination = state.destination();
    Comparator<RolloutHost> order = state.rollingBack()
        ? Comparator.comparingInt(RolloutHost::moveOrder).reversed()
        : Comparator.comparing((RolloutHost h) -> h.isControlPlane() ? 0 : 1).thenComparing(RolloutHost::name);
    return state.hosts().stream()
        .filter(h -> !h.on(destination))
        .filter(h -> !state.rollingBack() || h.moved())
        .sorted(order)
        .toList();
  }

  private static Wait budgetWait(RolloutState state, long outOfService) {
    return new Wait("at most " + state.maxUnavailable() + " host(s) may be out of service and " + outOfService
        + " are");
  }

  private static String names(List<RolloutHost> hosts) {
    return hosts.stream().map(RolloutHost::name).collect(Collectors.joining(", "));
  }
}
