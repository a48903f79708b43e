package dev.lifecycle.edge.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How edge hosts reach the gateway and Prometheus the metrics. */
class ChartServicesTest {

  private final RenderedChart chart = HelmChart.withDefaults().render();

  @Test
  @DisplayName("When installed, then Service <release>-gateway sends port 9443 to the operator pods' gateway port")
  void gatewayService() {
    Service service = chart.one(Service.class, HelmChart.RELEASE + "-gateway");
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    ServicePort port = service.getSpec().getPorts().get(0);
    assertThat(service.getSpec().getPorts()).hasSize(1);
    assertThat(port.getPort()).isEqualTo(9443);
    assertThat(containerPort(port.getTargetPort().getStrVal()).getContainerPort()).isEqualTo(9443);
    assertSelectsOperatorPods(service);
  }

  @Test
  @DisplayName("When installed, then Service <release>-metrics, inside the cluster only, sends port 8080 to the "
      + "metrics port, apart from the gateway so exposing one never exposes the other")
  void metricsService() {
    Service service = chart.one(Service.class, HelmChart.RELEASE + "-metrics");
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getPort()).isEqualTo(8080);
      assertThat(port.getName()).isEqualTo("metrics");
      assertThat(containerPort(port.getTargetPort().getStrVal()).getContainerPort()).isEqualTo(8080);
    });
    assertSelectsOperatorPods(service);
  }

  @Test
  @DisplayName("When the gateway is exposed as a LoadBalancer with source ranges and a node port, then the Service "
      + "carries them")
  void loadBalancer() {
    Service service = HelmChart.withDefaults().set("gateway.service.type", "LoadBalancer")
        .set("gateway.service.nodePort", 30443).set("gateway.service.loadBalancerSourceRanges[0]", "203.0.113.0/24")
        .render().one(Service.class, HelmChart.RELEASE + "-gateway");
    assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(service.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30443);
    assertThat(service.getSpec().getLoadBalancerSourceRanges()).containsExactly("203.0.113.0/24");
  }

  @Test
  @DisplayName("When nothing asks for it, then no ServiceMonitor is rendered (the CRD may not exist)")
  void noServiceMonitorByDefault() {
    assertThat(chart.ofKind("ServiceMonitor")).isEmpty();
  }

  @Test
  @DisplayName("When metrics.serviceMonitor.enabled, then a ServiceMonitor scrapes /metrics on the metrics "
      + "Service's port, with the labels Prometheus selects it by")
  @SuppressWarnings("unchecked")
  void serviceMonitor() {
    RenderedChart monitored = HelmChart.withDefaults().set("metrics.serviceMonitor.enabled", true)
        .set("metrics.serviceMonitor.labels.release", "prometheus").render();
    HasMetadata monitor = monitored.ofKind("ServiceMonitor").get(0);
    assertThat(monitored.ofKind("ServiceMonitor")).hasSize(1);
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    Map<String, Object> spec = (Map<String, Object>) ((GenericKubernetesResource) monitor).getAdditionalProperties()
        .get("spec");
    Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
    assertThat(endpoint).containsEntry("port", "metrics").containsEntry("path", "/metrics");
    Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector"))
        .get("matchLabels");
    Service metrics = monitored.one(Service.class, HelmChart.RELEASE + "-metrics");
    Service gateway = monitored.one(Service.class, HelmChart.RELEASE + "-gateway");
    assertThat(metrics.getMetadata().getLabels()).containsAllEntriesOf(selector);
    assertThat(gateway.getMetadata().getLabels()).as("the gateway is not scraped")
        .doesNotContainEntry("app.kubernetes.io/component", selector.get("app.kubernetes.io/component"));
  }

  private ContainerPort containerPort(String name) {
    return chart.operatorContainer().getPorts().stream().filter(p -> p.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + name));
  }

  private void assertSelectsOperatorPods(Service service) {
    assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
  }
}
