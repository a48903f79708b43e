package dev.lifecycle.edge.operator.chart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** values.schema.json turns a wrong value away at install time, saying which and why. */
class ChartSchemaTest {

  @Test
  @DisplayName("When replicas is \"three\", then Helm refuses: replicas wants an integer")
  void replicasMustBeANumber() {
    assertThatThrownBy(() -> HelmChart.withDefaults().set("replicas", "three").render())
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("/replicas")
        .hasMessageContaining("want integer");
  }

  @Test
  @DisplayName("When replicas is 0, then Helm refuses: at least one operator runs")
  void atLeastOneReplica() {
    assertThatThrownBy(() -> HelmChart.withDefaults().set("replicas", 0).render())
        .hasMessageContaining("/replicas");
  }

  @Test
  @DisplayName("When a key is misspelt (replica for replicas), then Helm refuses it instead of ignoring it")
  void unknownKeysAreRefused() {
    assertThatThrownBy(() -> HelmChart.withDefaults().set("replica", 3).render())
        .hasMessageContaining("replica");
    assertThatThrownBy(() -> HelmChart.withDefaults().set("gateway.tls.certificate", "x").render())
        .hasMessageContaining("certificate");
  }

  @Test
  @DisplayName("When a watched namespace is not a DNS label, or the gateway URL is not http(s), then Helm refuses")
  void namesAndUrls() {
    assertThatThrownBy(() -> HelmChart.withDefaults().set("watchNamespaces[0]", "Store_A").render())
        .hasMessageContaining("/watchNamespaces/0");
    assertThatThrownBy(() -> HelmChart.withDefaults().set("gateway.url", "gateway.example.com:9443").render())
        .hasMessageContaining("/gateway/url");
  }

  @Test
  @DisplayName("When a gateway rate limit is 0 (as a number or as the string --set makes of 0.0), or misspelt, then Helm "
      + "refuses it")
  void rateLimits() {
    assertThatThrownBy(() -> HelmChart.withDefaults().set("gateway.rateLimits.host.qps", 0).render())
        .hasMessageContaining("/gateway/rateLimits/host/qps");
    assertThatThrownBy(() -> HelmChart.withDefaults().set("gateway.rateLimits.address.burst", 0).render())
        .hasMessageContaining("/gateway/rateLimits/address/burst");
    assertThatThrownBy(() -> HelmChart.withDefaults().set("gateway.rateLimits.failures.qps", "0.0").render())
        .hasMessageContaining("/gateway/rateLimits/failures/qps");
    assertThatThrownBy(() -> HelmChart.withDefaults().set("gateway.rateLimits.hosts.qps", 5).render())
        .hasMessageContaining("hosts");
  }
}
