package dev.lifecycle.edge.operator.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegistrationInFlightTest {

  private static EdgeHost host(Map<String, String> labels, EdgeHostStatus status) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName("h").withLabels(labels).build());
    host.setStatus(status);
    return host;
  }

  @Test
  @DisplayName("When the gateway has created a host but not yet written its registration, then its creation is "
      + "skipped; every other host is reconciled")
  void skipsOnlyTheGatewaysHalfWrittenHosts() {
    Map<String, String> byGateway = Map.of(RegistrationInFlight.CREATED_BY_LABEL, RegistrationInFlight.GATEWAY);
    RegistrationInFlight filter = new RegistrationInFlight();

    assertThat(filter.accept(host(byGateway, null))).isFalse();
    assertThat(filter.accept(host(byGateway, new EdgeHostStatus()))).isTrue();
    assertThat(filter.accept(host(Map.of("site", "store-0042"), null))).as("pre-provisioned").isTrue();
  }
}
