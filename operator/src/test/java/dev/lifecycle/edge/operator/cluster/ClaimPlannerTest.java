package dev.lifecycle.edge.operator.cluster;

import static dev.lifecycle.edge.operator.cluster.Hosts.CLUSTER;
import static dev.lifecycle.edge.operator.cluster.Hosts.available;
import static dev.lifecycle.edge.operator.cluster.Hosts.owned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.operator.cluster.ClaimPlanner.Claims;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClaimPlannerTest {

  private static final HostSelector STORE_42 = new HostSelector(Map.of("site", "store-0042"));

  @Test
  @DisplayName("When enough hosts are Available, then the control plane and the workers are claimed by name order")
  void claimsByNameOrder() {
    List<HostView> hosts = List.of(available("h-c"), available("h-a"), available("h-b"), available("h-d"));

    Claims claims = ClaimPlanner.plan(CLUSTER, 1, null, 2, null, hosts);

    assertThat(claims.controlPlaneClaims()).containsExactly("h-a");
    assertThat(claims.workerClaims()).containsExactly("h-b", "h-c");
    assertThat(claims.shortOfHosts()).isFalse();
  }

  @Test
  @DisplayName("When hosts do not match the selectors or are not Available, then they are not claimed")
  void onlyAvailableMatchingHosts() {
    List<HostView> hosts = List.of(
        available("other-site", Map.of("site", "store-0043")),
        new HostView("unreachable", Map.of("site", "store-0042"), Phase.Unreachable, null, null, null, null),
        new HostView("elsewhere", Map.of("site", "store-0042"), Phase.Running, "other-cluster", HostRole.WORKER,
            null, null),
        available("good", Map.of("site", "store-0042")));

    Claims claims = ClaimPlanner.plan(CLUSTER, 1, STORE_42, 0, STORE_42, hosts);

    assertThat(claims.controlPlaneClaims()).containsExactly("good");
  }

  @Test
  @DisplayName("When a role cannot be filled, then none of it is claimed and the shortfall gives the counts")
  void wholeRoleOrNothing() {
    List<HostView> hosts = List.of(available("h-a"), available("h-b"));

    Claims claims = ClaimPlanner.plan(CLUSTER, 3, null, 0, null, hosts);

    assertThat(claims.controlPlaneClaims()).isEmpty();
    assertThat(claims.controlPlaneShort()).isEqualTo(3);
    assertThat(claims.shortfallMessage()).contains("needs 3 control-plane and 0 worker host(s)",
        "3 control-plane and 0 worker host(s) missing", "2 Available host(s) match the control-plane selector");
  }

  @Test
  @DisplayName("When the control plane could be claimed but the workers are short, then nothing is claimed: a "
      + "control-plane host alone would be stranded")
  void noControlPlaneWithoutWorkers() {
    Claims claims = ClaimPlanner.plan(CLUSTER, 1, null, 2, null, List.of(available("h-a"), available("h-b")));

    assertThat(claims.controlPlaneClaims()).isEmpty();
    assertThat(claims.workerClaims()).isEmpty();
    assertThat(claims.controlPlaneShort()).isEqualTo(1);
    assertThat(claims.workersShort()).isEqualTo(2);
    assertThat(claims.shortfallMessage()).contains("1 control-plane and 2 worker host(s) missing");
  }

  @Test
  @DisplayName("When workers could be claimed but the control plane cannot, then no worker is claimed")
  void noWorkersWithoutControlPlane() {
    HostSelector controlPlane = new HostSelector(Map.of("tier", "cp"));
    List<HostView> hosts = List.of(available("h-a"), available("h-b"), available("h-c"));

    Claims claims = ClaimPlanner.plan(CLUSTER, 1, controlPlane, 2, null, hosts);

    assertThat(claims.controlPlaneClaims()).isEmpty();
    assertThat(claims.workerClaims()).isEmpty();
    assertThat(claims.workersShort()).isEqualTo(2);
  }

  @Test
  @DisplayName("When the cluster lacks a control-plane host it cannot get, then the workers it lacks wait too")
  void ownedWorkersDoNotLetMoreJoinWithoutControlPlane() {
    List<HostView> hosts = List.of(owned("w1", HostRole.WORKER, Phase.Running), available("h-a"));

    Claims claims = ClaimPlanner.plan(CLUSTER, 2, null, 2, null, hosts);

    assertThat(claims.controlPlaneClaims()).isEmpty();
    assertThat(claims.workerClaims()).isEmpty();
  }

  @Test
  @DisplayName("When the control plane is whole and workers are short, then no worker is claimed until all fit")
  void wholeControlPlaneWorkersShort() {
    List<HostView> hosts = List.of(owned("cp", HostRole.CONTROL_PLANE, Phase.Running), available("h-a"));

    Claims claims = ClaimPlanner.plan(CLUSTER, 1, null, 2, null, hosts);

    assertThat(claims.workerClaims()).isEmpty();
    assertThat(claims.workersShort()).isEqualTo(2);
  }

  @Test
  @DisplayName("When control plane and workers both fit, then both are claimed in one round")
  void controlPlaneWithWorkers() {
    Claims claims = ClaimPlanner.plan(CLUSTER, 1, null, 2, null,
        List.of(available("h-a"), available("h-b"), available("h-c"), available("h-d")));

    assertThat(claims.controlPlaneClaims()).containsExactly("h-a");
    assertThat(claims.workerClaims()).containsExactly("h-b", "h-c");
    assertThat(claims.shortOfHosts()).isFalse();
  }

  @Test
  @DisplayName("When hosts are already owned, then only the missing ones are claimed")
  void countsOwnedHosts() {
    List<HostView> hosts = List.of(owned("cp", HostRole.CONTROL_PLANE, Phase.Running),
        owned("w1", HostRole.WORKER, Phase.Running), available("h-a"), available("h-b"));

    Claims claims = ClaimPlanner.plan(CLUSTER, 1, null, 2, null, hosts);

    assertThat(claims.controlPlaneClaims()).isEmpty();
    assertThat(claims.workerClaims()).containsExactly("h-a");
    assertThat(claims.shortOfHosts()).isFalse();
  }

  @Test
  @DisplayName("When a host fits only the control plane and another fits both, then each goes where it fits")
  void controlPlanePrefersHostsWorkersCannotUse() {
    HostSelector controlPlane = new HostSelector(Map.of("site", "s"));
    HostSelector workers = new HostSelector(Map.of("site", "s", "tier", "worker"));
    List<HostView> hosts = List.of(available("a-both", Map.of("site", "s", "tier", "worker")),
        available("b-cp-only", Map.of("site", "s")));

    Claims claims = ClaimPlanner.plan(CLUSTER, 1, controlPlane, 1, workers, hosts);

    assertThat(claims.controlPlaneClaims()).containsExactly("b-cp-only");
    assertThat(claims.workerClaims()).containsExactly("a-both");
  }
}
