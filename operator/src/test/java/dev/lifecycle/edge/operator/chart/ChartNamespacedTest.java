package dev.lifecycle.edge.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** watchNamespaces: the operator reconciles those namespaces only. */
class ChartNamespacedTest {

  private final RenderedChart chart = HelmChart.withDefaults().set("watchNamespaces[0]", "store-a")
      .set("watchNamespaces[1]", "store-b").render();

  @Test
  @DisplayName("When watchNamespaces lists two namespaces, then the operator is told them as one comma-separated "
      + "--watch-namespaces")
  void watchNamespacesArgument() {
    assertThat(chart.args()).containsSequence("--watch-namespaces", "store-a,store-b");
  }

  @Test
  @DisplayName("When watchNamespaces is set, then the operator has no ClusterRole or ClusterRoleBinding of its own")
  void noClusterWideAccess() {
    assertThat(chart.find(ClusterRole.class, HelmChart.RELEASE)).isEmpty();
    assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
  }

  @Test
  @DisplayName("When watchNamespaces is not set, then the operator gets no --watch-namespaces and reconciles every "
      + "namespace")
  void everyNamespaceByDefault() {
    assertThat(HelmChart.withDefaults().render().args()).doesNotContain("--watch-namespaces");
  }
}
