package dev.lifecycle.edge.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.wire.Plan;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {

  @Test
  @DisplayName("When a version is set to fail, then every host fails its plans and only those")
  void failVersion() {
    FailurePolicy policy = new FailurePolicy("1.1.0", Set.of());

    assertThat(policy.failure(0, plan("Upgrade", "1.1.0"))).contains(
        "simulated failure: profile version 1.1.0 is set to fail");
    assertThat(policy.failure(7, plan("Join", "1.1.0"))).isPresent();
    assertThat(policy.failure(0, plan("Upgrade", "1.0.0"))).isEmpty();
  }

  @Test
  @DisplayName("When a host is set to fail, then it fails every plan but a Reset, and other hosts do not")
  void failHost() {
    FailurePolicy policy = new FailurePolicy(null, Set.of(3));

    assertThat(policy.failure(3, plan("Init", "1.0.0"))).isPresent();
    assertThat(policy.failure(3, plan("Upgrade", "1.1.0"))).isPresent();
    assertThat(policy.failure(3, plan("Reset", "1.0.0"))).isEmpty();
    assertThat(policy.failure(2, plan("Init", "1.0.0"))).isEmpty();
  }

  @Test
  @DisplayName("When a host and a version are both set to fail, then only that host fails, and only on that version")
  void failHostOnVersion() {
    FailurePolicy policy = new FailurePolicy("1.1.0", Set.of(3));

    assertThat(policy.failure(3, plan("Upgrade", "1.1.0"))).contains(
        "simulated failure: host 3 is set to fail on profile version 1.1.0");
    assertThat(policy.failure(3, plan("Join", "1.0.0"))).isEmpty();
    assertThat(policy.failure(3, plan("Upgrade", "1.0.0"))).as("a rollback to the old version succeeds").isEmpty();
    assertThat(policy.failure(2, plan("Upgrade", "1.1.0"))).isEmpty();
  }

  @Test
  @DisplayName("When a simulated host is built, then its identity and MAC derive from its index")
  void identity() {
    var identity = SimulatedHosts.identity("store", 258, java.util.Map.of("rack", "a"));

    assertThat(identity.machineId()).isEqualTo("store-258");
    assertThat(identity.hostname()).isEqualTo("store-258");
    assertThat(identity.labels()).containsEntry("rack", "a");
    assertThat(identity.inventory().nics().get(0).mac()).isEqualTo("02:ed:00:00:01:02");
    assertThat(SimulatedHosts.mac(0)).isNotEqualTo(SimulatedHosts.mac(1));
  }

  private static Plan plan(String action, String version) {
    return new Plan(1L, action, "c", "worker", "p", version, null, List.of(), null, null);
  }
}
