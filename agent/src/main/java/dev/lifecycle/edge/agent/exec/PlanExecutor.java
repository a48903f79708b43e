package dev.lifecycle.edge.agent.exec;

import dev.lifecycle.edge.wire.Plan;
import dev.lifecycle.edge.wire.Site;
import java.util.concurrent.CompletableFuture;

/** Applies a plan to the host: hook scripts on a real host, a timed delay on a simulated one. */
public interface PlanExecutor extends AutoCloseable {

  /**
   * Starts applying {@code plan}; the future completes when the work is over, with a failed result
   * rather than an exception when the plan could not be applied.
   *
   * @param plan the plan
   * @param planJson the plan as the gateway sent it
   */
  CompletableFuture<ApplyResult> apply(Plan plan, String planJson);

  /**
   * Like {@link #apply(Plan, String)}, for the host of that name (its EdgeHost's name, which becomes its
   * node's name); executors that do not need the name apply the plan without it.
   */
  default CompletableFuture<ApplyResult> apply(Plan plan, String planJson, String hostName) {
    return apply(plan, planJson);
  }

  /**
   * Applies the effective site settings {@code site} (the {@code configure} hook on a real host), before
   * {@code plan}'s own action; {@link SiteApplier} calls it only when they changed. The default, for
   * executors with nothing to configure (a test's lambda), succeeds at once.
   */
  default CompletableFuture<ApplyResult> configure(Plan plan, String planJson, Site site) {
    return CompletableFuture.completedFuture(ApplyResult.applied(null));
  }

  /** Stops work under way; the default has none to stop. */
  @Override
  default void close() {
  }
}
