package dev.lifecycle.edge.agent.exec;

import dev.lifecycle.edge.agent.host.LocalSite;
import dev.lifecycle.edge.agent.state.StateStore;
import dev.lifecycle.edge.wire.Plan;
import dev.lifecycle.edge.wire.Site;
import dev.lifecycle.edge.wire.SiteLayers;
import java.util.concurrent.CompletableFuture;

/**
 * Applies a plan's site settings before the plan's own action: the effective settings are the merge
 * ({@link SiteLayers}) of the host's user-data defaults, the plan's site and the host's site user-data;
 * when they differ from the settings last applied (kept in the state store, so a restart does not
 * configure again) the executor's {@code configure} runs first. A failed configure fails the plan with
 * its output and runs nothing else; a Configure plan runs nothing else either. Every result carries the
 * effective settings, which the agent reports with Applied.
 */
public final class SiteApplier implements PlanExecutor {

  private final PlanExecutor executor;
  private final LocalSite local;
  private final StateStore store;

  public SiteApplier(PlanExecutor executor, LocalSite local, StateStore store) {
    this.executor = executor;
    this.local = local;
    this.store = store;
  }

  /** The settings the host runs with under {@code plan}: user-data defaults &lt; plan.site &lt; site user-data. */
  public Site effective(Plan plan) {
    return SiteLayers.merge(local.userDataDefaults(), plan.site(), local.siteUserData());
  }

  @Override
  public CompletableFuture<ApplyResult> apply(Plan plan, String planJson) {
    return apply(plan, planJson, "");
  }

  @Override
  public CompletableFuture<ApplyResult> apply(Plan plan, String planJson, String hostName) {
    Site site = effective(plan);
    Site applied = store.loadAppliedSite().orElse(SiteLayers.EMPTY);
    CompletableFuture<ApplyResult> configured = SiteLayers.same(site, applied)
        ? CompletableFuture.completedFuture(ApplyResult.applied(plan.isConfigure()
            ? "site settings unchanged: nothing to configure" : null))
        : executor.configure(plan, planJson, site).thenApply(result -> {
          if (result.success()) {
            store.saveAppliedSite(site);
          }
          return result;
        });
    return configured.thenCompose(result -> {
      if (!result.success() || plan.isConfigure()) {
        return CompletableFuture.completedFuture(result);
      }
      return executor.apply(plan, planJson, hostName);
    }).thenApply(result -> result.success() ? result.withSite(site) : result);
  }

  /** Runs the executor's configure whatever was applied before. */
  @Override
  public CompletableFuture<ApplyResult> configure(Plan plan, String planJson, Site site) {
    return executor.configure(plan, planJson, site);
  }

  @Override
  public void close() {
    executor.close();
  }
}
