package dev.lifecycle.edge.operator.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.RegistrationRecord;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegisteredHostsTest {

  private static EdgeHost host(String token) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName("h-1").withNamespace("store").withUid("u-1")
        .withResourceVersion("42").addToLabels("site", "s1").build());
    if (token != null) {
      EdgeHostStatus status = new EdgeHostStatus();
      RegistrationRecord registration = new RegistrationRecord();
      registration.setTokenName(token);
      registration.setMachineId("machine-1");
      status.setRegistration(registration);
      status.setPlan(new HostPlan());
      status.setReport(new AgentReport());
      host.setStatus(status);
    }
    return host;
  }

  @Test
  @DisplayName("When a registered host is cached for its token, then the copy keeps its identity and token only")
  void keepsIdentityAndToken() {
    EdgeHost slim = RegisteredHosts.slim(host("wave-1"));

    assertThat(slim.getMetadata().getName()).isEqualTo("h-1");
    assertThat(slim.getMetadata().getNamespace()).isEqualTo("store");
    assertThat(slim.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(slim.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(slim.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(RegisteredHosts.tokenOf(slim)).contains("wave-1");
    assertThat(slim.getStatus().getRegistration().getMachineId()).isNull();
    assertThat(slim.getStatus().getPlan()).isNull();
    assertThat(slim.getStatus().getReport()).isNull();
  }

  @Test
  @DisplayName("When a host has not registered, then its copy has no token either")
  void unregistered() {
    EdgeHost slim = RegisteredHosts.slim(host(null));

    assertThat(RegisteredHosts.tokenOf(slim)).isEmpty();
    assertThat(slim.getMetadata().getName()).isEqualTo("h-1");
  }
}
