package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.wire.Site;
import java.util.List;
import java.util.Optional;

/**
 * The Event an agent's report on site settings deserves: SiteConfigured when an Applied report changes
 * the settings the host runs with ({@code status.site}), SiteConfigureFailed (Warning) when a Configure
 * plan failed. Messages name fields, never values (a proxy URL may hold a password). Pure.
 */
public final class SiteNotices {

  private SiteNotices() {
  }

  /**
   * @param plan the plan the report is about
   * @param state what the agent reported
   * @param message the agent's message (the failing hook's output)
   * @param before the site settings the host reported applied before ({@code status.site})
   * @param applied the site settings this report says are applied (with Applied)
   */
  public static Optional<HostNotices.Notice> onReport(HostPlan plan, AgentReport.State state, String message,
      Site before, Site applied) {
    if (state == AgentReport.State.Applied) {
      List<String> changed = SiteConfigure.changedFields(before, applied);
      return changed.isEmpty() ? Optional.empty() : Optional.of(new HostNotices.Notice(false,
          HostReasons.SITE_CONFIGURED, "the agent applied site settings with plan generation " + plan.getGeneration()
          + " (" + plan.getAction() + "); changed: " + String.join(", ", changed) + "; see status.site"));
    }
    if (state == AgentReport.State.Failed && plan.getAction() == HostPlan.Action.Configure) {
      return Optional.of(new HostNotices.Notice(true, HostReasons.SITE_CONFIGURE_FAILED,
          "the agent could not apply the site settings of plan generation " + plan.getGeneration() + ": "
          + (message == null || message.isBlank() ? "it gave no reason" : message)));
    }
    return Optional.empty();
  }
}
