package dev.lifecycle.edge.operator.cluster;

import static dev.lifecycle.edge.operator.cluster.Hosts.CLUSTER;
import static dev.lifecycle.edge.operator.cluster.Hosts.owned;
import static dev.lifecycle.edge.operator.cluster.Hosts.planned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan.Action;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.operator.cluster.FormationPlanner.PlanAssignment;
import dev.lifecycle.edge.operator.cluster.FormationPlanner.Target;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FormationPlannerTest {

  private static final Target TARGET = new Target("store-edge-1.0.0", "1.0.0",
      List.of(new ProfileLayer("k3s", LayerType.KUBERNETES, "1.30.4")), null);

  @Test
  @DisplayName("When no host has a plan yet, then only the first control-plane host is told to initialise")
  void firstHostInitialises() {
    List<HostView> hosts = List.of(owned("cp-b", HostRole.CONTROL_PLANE, Phase.Provisioning),
        owned("cp-a", HostRole.CONTROL_PLANE, Phase.Provisioning),
        owned("cp-c", HostRole.CONTROL_PLANE, Phase.Provisioning),
        owned("w-a", HostRole.WORKER, Phase.Provisioning));

    List<PlanAssignment> plans = FormationPlanner.plans(CLUSTER, 3, hosts, TARGET);

    assertThat(plans).extracting(PlanAssignment::host).containsExactly("cp-a");
    PlanAssignment init = plans.get(0);
    assertThat(init.plan().getAction()).isEqualTo(Action.Init);
    assertThat(init.plan().getGeneration()).isEqualTo(1L);
    assertThat(init.plan().getCluster()).isEqualTo(CLUSTER);
    assertThat(init.plan().getRole()).isEqualTo(HostRole.CONTROL_PLANE);
    assertThat(init.plan().getProfileVersion()).isEqualTo("1.0.0");
    assertThat(init.plan().getControlPlaneEndpoint()).isEqualTo("cp-a");
    assertThat(init.plan().getLayers()).extracting(ProfileLayer::getName).containsExactly("k3s");
  }

  @Test
  @DisplayName("When the initialising host was given a Configure plan before the others joined, then no second "
      + "Init is issued: the others join it")
  void configuredInitHostStaysTheInitHost() {
    List<HostView> hosts = List.of(planned("cp-b", HostRole.CONTROL_PLANE, Phase.Running, Action.Configure, 2),
        owned("cp-a", HostRole.CONTROL_PLANE, Phase.Provisioning));

    List<PlanAssignment> plans = FormationPlanner.plans(CLUSTER, 2, hosts, TARGET);

    assertThat(plans).extracting(PlanAssignment::host).containsExactly("cp-a");
    assertThat(plans.get(0).plan().getAction()).isEqualTo(Action.Join);
  }

  @Test
  @DisplayName("When the initialising host runs, then the other control-plane hosts join, and workers still wait")
  void controlPlaneJoinsBeforeWorkers() {
    List<HostView> hosts = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init, 1),
        owned("cp-b", HostRole.CONTROL_PLANE, Phase.Provisioning),
        owned("cp-c", HostRole.CONTROL_PLANE, Phase.Provisioning),
        owned("w-a", HostRole.WORKER, Phase.Provisioning));

    List<PlanAssignment> plans = FormationPlanner.plans(CLUSTER, 3, hosts, TARGET);

    assertThat(plans).extracting(PlanAssignment::host).containsExactly("cp-b", "cp-c");
    assertThat(plans).allSatisfy(p -> assertThat(p.plan().getAction()).isEqualTo(Action.Join));
  }

  @Test
  @DisplayName("When every control-plane host runs, then the workers join")
  void workersJoinAfterControlPlane() {
    List<HostView> hosts = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init, 1),
        owned("w-b", HostRole.WORKER, Phase.Provisioning), owned("w-a", HostRole.WORKER, Phase.Provisioning));

    assertThat(FormationPlanner.plans(CLUSTER, 1, hosts, TARGET)).extracting(PlanAssignment::host)
        .containsExactly("w-a", "w-b");
  }

  @Test
  @DisplayName("When the control plane is not complete, then no worker joins even if the present hosts run")
  void incompleteControlPlaneHoldsWorkers() {
    List<HostView> hosts = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init, 1),
        owned("w-a", HostRole.WORKER, Phase.Provisioning));

    assertThat(FormationPlanner.plans(CLUSTER, 3, hosts, TARGET)).isEmpty();
  }

  @Test
  @DisplayName("When hosts already have plans for the cluster, then nothing is planned again")
  void plansAreNotRepeated() {
    List<HostView> hosts = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Provisioning, Action.Init, 1));

    assertThat(FormationPlanner.plans(CLUSTER, 1, hosts, TARGET)).isEmpty();
  }

  @Test
  @DisplayName("When a host comes back from a reset, then its new plan has a higher generation than the reset")
  void generationsOnlyGrow() {
    List<HostView> hosts = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Provisioning, Action.Reset, 7));

    List<PlanAssignment> plans = FormationPlanner.plans(CLUSTER, 1, hosts, TARGET);

    assertThat(plans).singleElement().satisfies(p -> {
      assertThat(p.plan().getAction()).isEqualTo(Action.Init);
      assertThat(p.plan().getGeneration()).isEqualTo(8L);
    });
  }

  @Test
  @DisplayName("When the cluster names a control-plane endpoint, then every plan carries it")
  void explicitEndpoint() {
    Target withVip = new Target(TARGET.profileName(), TARGET.profileVersion(), TARGET.layers(), "192.168.42.100");
    List<HostView> hosts = List.of(owned("cp-a", HostRole.CONTROL_PLANE, Phase.Provisioning));

    assertThat(FormationPlanner.plans(CLUSTER, 1, hosts, withVip).get(0).plan().getControlPlaneEndpoint())
        .isEqualTo("192.168.42.100");
  }
}
