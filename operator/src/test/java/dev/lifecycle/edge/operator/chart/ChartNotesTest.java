package dev.lifecycle.edge.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What helm install prints: the next steps a user takes. */
class ChartNotesTest {

  @Test
  @DisplayName("When installed with the defaults, then the notes show how to issue a RegistrationToken, create the "
      + "TLS Secret, find the gateway, set gateway.url, and apply the CRDs before upgrading")
  void defaults() {
    String notes = HelmChart.withDefaults().notes();
    assertThat(notes)
        .contains("kind: RegistrationToken")
        .contains("kubectl create namespace store-0042\nkubectl apply -n store-0042 -f - <<'YAML'")
        .contains("\nYAML\n")
        .contains("get secret store-0042 -o jsonpath='{.data.user-data}'")
        .contains("kubectl -n edge-system create secret tls edge-operator-gateway-tls --cert=")
        .contains("gateway.url is not set")
        .contains("https://edge-operator-gateway.edge-system.svc:9443")
        .contains("kubectl apply --server-side -f helm/edge-operator/crds/");
  }

  @Test
  @DisplayName("When the gateway is a LoadBalancer with its URL set, then the notes name the URL and how to read "
      + "the load balancer's address, without warnings")
  void exposedGateway() {
    String notes = HelmChart.withDefaults().set("gateway.service.type", "LoadBalancer")
        .set("gateway.url", "https://edge-gateway.example.com:9443").notes();
    assertThat(notes).contains("https://edge-gateway.example.com:9443  (rendered into every token's user-data)")
        .contains("{.status.loadBalancer.ingress[0].ip}")
        .doesNotContain("WARNING");
  }

  @Test
  @DisplayName("When namespaced and insecure, then the token example uses a watched namespace and the notes warn "
      + "about plain HTTP")
  void namespacedInsecure() {
    String notes = HelmChart.withDefaults().set("watchNamespaces[0]", "store-a").set("gateway.insecure", true).notes();
    assertThat(notes).contains("reconciling namespaces store-a")
        .contains("kubectl apply -n store-a -f -")
        .doesNotContain("kubectl create namespace")
        .contains("WARNING: gateway.insecure=true")
        .contains("http://edge-operator-gateway.edge-system.svc:9443")
        .doesNotContain("create secret tls");
  }
}
