package dev.lifecycle.edge.operator.gateway.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.operator.gateway.endpoints.ReportRules.Accept;
import dev.lifecycle.edge.operator.gateway.endpoints.ReportRules.Refuse;
import dev.lifecycle.edge.wire.Report;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportRulesTest {

  private static final HostPlan UPGRADE = plan(3, HostPlan.Action.Upgrade, "1.1.0");
  private static final HostPlan RESET = plan(4, HostPlan.Action.Reset, null);

  @Test
  @DisplayName("When a report is about the current plan and names its version, then it is accepted")
  void currentPlan() {
    assertThat(ReportRules.decide(UPGRADE, null, new Report(3L, "Applying", null, null))).isEqualTo(new Accept());
    assertThat(ReportRules.decide(UPGRADE, applying(3), new Report(3L, "Applied", "ok", "1.1.0")))
        .isEqualTo(new Accept());
    assertThat(ReportRules.decide(UPGRADE, null, new Report(3L, "Failed", "exit 3", null))).isEqualTo(new Accept());
    assertThat(ReportRules.decide(RESET, null, new Report(4L, "Applied", null, null))).isEqualTo(new Accept());
  }

  @Test
  @DisplayName("When an Applied report names another version than its plan's, then it is a 409 naming both")
  void wrongVersion() {
    assertThat(ReportRules.decide(UPGRADE, null, new Report(3L, "Applied", null, "9.9.9")))
        .isEqualTo(new Refuse(409, "plan generation 3 is profile version 1.1.0: an Applied report on it names that "
            + "version, not 9.9.9"));
    assertThat(ReportRules.decide(UPGRADE, null, new Report(3L, "Applied", null, null)))
        .isInstanceOfSatisfying(Refuse.class, r -> assertThat(r.message()).endsWith("not none"));
    assertThat(ReportRules.decide(RESET, null, new Report(4L, "Applied", null, "1.0.0")))
        .isEqualTo(new Refuse(409, "plan generation 4 is a Reset with no profile version: an Applied report on it "
            + "names none, not 1.0.0"));
  }

  @Test
  @DisplayName("When a report is about an older plan, then it is a 409; about a later one or none, a 400")
  void otherGenerations() {
    assertThat(ReportRules.decide(UPGRADE, null, new Report(2L, "Failed", null, null)))
        .isEqualTo(new Refuse(409, "planGeneration 2 is no longer this host's plan: its current plan is generation 3; "
            + "fetch GET /v1/plan"));
    assertThat(ReportRules.decide(UPGRADE, null, new Report(4L, "Applying", null, null)))
        .isEqualTo(new Refuse(400, "planGeneration 4 is not a plan of this host: its current plan is generation 3"));
    assertThat(ReportRules.decide(null, null, new Report(1L, "Applying", null, null)))
        .isEqualTo(new Refuse(400, "the host has no plan to report on: fetch GET /v1/plan first"));
  }

  @Test
  @DisplayName("When a plan is reported Applied, then Applying or Failed on it is a 409 and Applied again is "
      + "accepted; after Failed, the plan may be applied again")
  void neverBackwards() {
    AgentReport applied = new AgentReport(3L, AgentReport.State.Applied, null, "2026-01-01T00:00:00Z");
    assertThat(ReportRules.decide(UPGRADE, applied, new Report(3L, "Applying", null, null)))
        .isEqualTo(new Refuse(409, "plan generation 3 is already reported Applied: a Applying report cannot take "
            + "that back; a change comes as a new plan"));
    assertThat(ReportRules.decide(UPGRADE, applied, new Report(3L, "Failed", null, null)))
        .isInstanceOf(Refuse.class);
    assertThat(ReportRules.decide(UPGRADE, applied, new Report(3L, "Applied", null, "1.1.0")))
        .isEqualTo(new Accept());
    AgentReport failed = new AgentReport(3L, AgentReport.State.Failed, "exit 3", "2026-01-01T00:00:00Z");
    assertThat(ReportRules.decide(UPGRADE, failed, new Report(3L, "Applying", null, null))).isEqualTo(new Accept());
    AgentReport earlier = new AgentReport(2L, AgentReport.State.Applied, null, "2026-01-01T00:00:00Z");
    assertThat(ReportRules.decide(UPGRADE, earlier, new Report(3L, "Applying", null, null))).isEqualTo(new Accept());
  }

  private static AgentReport applying(long generation) {
    return new AgentReport(generation, AgentReport.State.Applying, null, "2026-01-01T00:00:00Z");
  }

  private static HostPlan plan(long generation, HostPlan.Action action, String version) {
    HostPlan plan = new HostPlan();
    plan.setGeneration(generation);
    plan.setAction(action);
    plan.setProfileVersion(version);
    return plan;
  }
}
