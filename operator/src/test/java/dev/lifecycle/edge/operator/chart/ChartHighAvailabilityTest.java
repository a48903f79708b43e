package dev.lifecycle.edge.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** More than one replica: leader election, a PodDisruptionBudget, rolling updates. */
class ChartHighAvailabilityTest {

  private final RenderedChart chart = HelmChart.withDefaults().set("replicas", 3).render();

  @Test
  @DisplayName("When replicas is 3, then the operator elects a leader in the release namespace with "
      + "--leader-election, and every replica still serves the gateway")
  void leaderElection() {
    List<String> args = chart.args();
    assertThat(chart.deployment().getSpec().getReplicas()).isEqualTo(3);
    assertThat(args).containsSequence("--leader-election", "--leader-election-namespace", HelmChart.NAMESPACE);
    assertThat(args).containsSequence("--gateway-port", "9443");
  }

  @Test
  @DisplayName("When replicas is 3, then a PodDisruptionBudget of the operator's pods keeps all but one up during "
      + "node drains")
  void podDisruptionBudget() {
    PodDisruptionBudget budget = chart.one(PodDisruptionBudget.class, HelmChart.RELEASE);
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    Deployment deployment = chart.deployment();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  @DisplayName("When replicas is 3, then updates roll one pod at a time without a surge, so the gateway keeps "
      + "serving")
  void rollingUpdate() {
    var strategy = chart.deployment().getSpec().getStrategy();
    assertThat(strategy.getType()).isEqualTo("RollingUpdate");
    assertThat(strategy.getRollingUpdate().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(strategy.getRollingUpdate().getMaxSurge().getIntVal()).isZero();
  }
}
