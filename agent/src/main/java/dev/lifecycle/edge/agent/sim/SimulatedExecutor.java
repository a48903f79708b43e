package dev.lifecycle.edge.agent.sim;

import dev.lifecycle.edge.agent.exec.ApplyResult;
import dev.lifecycle.edge.agent.exec.PlanExecutor;
import dev.lifecycle.edge.wire.Plan;
import dev.lifecycle.edge.wire.Site;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies a plan on a simulated host: a scheduled delay (longer while the plan is held), then the outcome the
 * failure policy gives.
 */
final class SimulatedExecutor implements PlanExecutor {

  private final ScheduledExecutorService scheduler;
  private final Duration applyTime;
  private final FailurePolicy failures;
  private final PlanHolds holds;
  private final int index;

  private volatile Plan lastPlan;

  /** The last plan this host was given to apply. */
  Optional<Plan> lastPlan() {
    return Optional.ofNullable(lastPlan);
  }

  SimulatedExecutor(ScheduledExecutorService scheduler, Duration applyTime, FailurePolicy failures, PlanHolds holds,
      int index) {
    this.scheduler = scheduler;
    this.applyTime = applyTime;
    this.failures = failures;
    this.holds = holds;
    this.index = index;
  }

  @Override
  public CompletableFuture<ApplyResult> apply(Plan plan, String planJson) {
    lastPlan = plan;
    CompletableFuture<ApplyResult> result = new CompletableFuture<>();
    scheduler.schedule(() -> holds.finish(index, plan, () -> result.complete(outcome(plan))), applyTime.toMillis(),
        TimeUnit.MILLISECONDS);
    return result;
  }

  /** A simulated host applies site settings at once; a Configure plan then takes the apply time. */
  @Override
  public CompletableFuture<ApplyResult> configure(Plan plan, String planJson, Site site) {
    return CompletableFuture.completedFuture(ApplyResult.applied("simulated configure done"));
  }

  private ApplyResult outcome(Plan plan) {
    Optional<String> failure = failures.failure(index, plan);
    return failure.map(ApplyResult::failed)
        .orElseGet(() -> ApplyResult.applied("simulated " + plan.action() + " done"));
  }
}
