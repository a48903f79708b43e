package dev.lifecycle.edge.operator.cluster;

import static dev.lifecycle.edge.operator.cluster.Hosts.CLUSTER;
import static dev.lifecycle.edge.operator.cluster.Hosts.owned;
import static dev.lifecycle.edge.operator.cluster.Hosts.planned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterNetwork;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan.Action;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.NodeTaint;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.RegistryMirrors;
import dev.lifecycle.edge.api.v1alpha1.WorkersSpec;
import dev.lifecycle.edge.operator.cluster.FormationPlanner.PlanAssignment;
import dev.lifecycle.edge.operator.cluster.FormationPlanner.Target;
import java.util.List;
import java.util.Map;
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
    assertThat(init.plan().getControlPlaneEndpoint()).as("its own reported address, not its name")
        .isEqualTo(Hosts.addressOf("cp-a"));
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
  @DisplayName("When the initialising host runs, then the next control-plane host joins (one at a time), and workers "
      + "still wait")
  void controlPlaneJoinsBeforeWorkers() {
    List<HostView> hosts = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init, 1),
        owned("cp-b", HostRole.CONTROL_PLANE, Phase.Provisioning),
        owned("cp-c", HostRole.CONTROL_PLANE, Phase.Provisioning),
        owned("w-a", HostRole.WORKER, Phase.Provisioning));

    List<PlanAssignment> plans = FormationPlanner.plans(CLUSTER, 3, hosts, TARGET);

    assertThat(plans).extracting(PlanAssignment::host).containsExactly("cp-b");
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

  @Test
  @DisplayName("When the cluster has no virtual IP, then joining hosts get the initialising host's reported address")
  void joinsGetTheInitHostsAddress() {
    List<HostView> hosts = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init, 1),
        owned("w-a", HostRole.WORKER, Phase.Provisioning));

    FormationPlanner.Formation formation = FormationPlanner.decide(CLUSTER, 1, hosts, TARGET);

    assertThat(formation.waiting()).isEmpty();
    assertThat(formation.plans()).singleElement().satisfies(p -> {
      assertThat(p.plan().getAction()).isEqualTo(Action.Join);
      assertThat(p.plan().getControlPlaneEndpoint()).isEqualTo(Hosts.addressOf("cp-a")).isNotEqualTo("cp-a");
    });
  }

  @Test
  @DisplayName("When the initialising host reported no address and there is no virtual IP, then it still "
      + "initialises, without an endpoint, and the others wait with the reason")
  void joinsWaitForAnAddress() {
    HostView init = Hosts.withoutAddress(owned("cp-a", HostRole.CONTROL_PLANE, Phase.Provisioning));
    FormationPlanner.Formation first = FormationPlanner.decide(CLUSTER, 1, List.of(init,
        owned("w-a", HostRole.WORKER, Phase.Provisioning)), TARGET);
    assertThat(first.plans()).singleElement().satisfies(p -> {
      assertThat(p.plan().getAction()).isEqualTo(Action.Init);
      assertThat(p.plan().getControlPlaneEndpoint()).isNull();
    });
    assertThat(first.waiting()).as("nobody can join yet anyway").isEmpty();

    HostView running = Hosts.withoutAddress(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init, 1));
    FormationPlanner.Formation later = FormationPlanner.decide(CLUSTER, 1, List.of(running,
        owned("w-a", HostRole.WORKER, Phase.Provisioning)), TARGET);

    assertThat(later.plans()).isEmpty();
    assertThat(later.waiting()).hasValueSatisfying(v -> {
      assertThat(v.reason()).isEqualTo(FormationPlanner.ADDRESS_UNKNOWN);
      assertThat(v.reconciling()).isTrue();
      assertThat(v.message()).contains("w-a", "cp-a", "spec.network.controlPlaneEndpoint", "status.inventory");
    });

    Target withVip = new Target(TARGET.profileName(), TARGET.profileVersion(), TARGET.layers(), "192.168.42.100");
    assertThat(FormationPlanner.decide(CLUSTER, 1, List.of(running, owned("w-a", HostRole.WORKER,
        Phase.Provisioning)), withVip).plans()).singleElement()
        .satisfies(p -> assertThat(p.plan().getControlPlaneEndpoint()).isEqualTo("192.168.42.100"));
  }

  @Test
  @DisplayName("When the cluster sets ranges, node labels and taints per role and registry mirrors, then every "
      + "formation plan carries them, each host those of its role")
  void plansCarryTheClusterSettings() {
    EdgeClusterSpec spec = new EdgeClusterSpec();
    ClusterNetwork network = new ClusterNetwork();
    network.setPodCidr("10.100.0.0/16");
    spec.setNetwork(network);
    ControlPlaneSpec controlPlane = new ControlPlaneSpec(1);
    controlPlane.setNodeTaints(List.of(new NodeTaint("node-role.kubernetes.io/control-plane", null, "NoSchedule")));
    spec.setControlPlane(controlPlane);
    WorkersSpec workers = new WorkersSpec(1);
    workers.setNodeLabels(Map.of("example.com/tier", "edge"));
    spec.setWorkers(workers);
    RegistryMirrors registries = new RegistryMirrors();
    registries.setMirrors(Map.of("docker.io", new RegistryMirrors.Mirror(List.of("https://mirror.local:5000"))));
    spec.setRegistries(registries);
    Target target = new Target(TARGET.profileName(), TARGET.profileVersion(), TARGET.layers(), null,
        PlanSettings.of(spec));
    List<HostView> hosts = List.of(planned("cp-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init, 1),
        owned("w-a", HostRole.WORKER, Phase.Provisioning));
    HostPlan initPlan = FormationPlanner.plans(CLUSTER, 1, List.of(owned("cp-a", HostRole.CONTROL_PLANE,
        Phase.Provisioning)), target).get(0).plan();

    HostPlan joinPlan = FormationPlanner.plans(CLUSTER, 1, hosts, target).get(0).plan();

    assertThat(initPlan.getPodCidr()).isEqualTo("10.100.0.0/16");
    assertThat(initPlan.getServiceCidr()).as("the CRD default, applied by the operator").isEqualTo("10.43.0.0/16");
    assertThat(initPlan.getNodeLabels()).isEmpty();
    assertThat(initPlan.getNodeTaints()).singleElement().satisfies(t -> {
      assertThat(t.getKey()).isEqualTo("node-role.kubernetes.io/control-plane");
      assertThat(t.getEffect()).isEqualTo("NoSchedule");
    });
    assertThat(joinPlan.getNodeLabels()).containsExactly(Map.entry("example.com/tier", "edge"));
    assertThat(joinPlan.getNodeTaints()).isEmpty();
    for (HostPlan plan : List.of(initPlan, joinPlan)) {
      assertThat(plan.getRegistries().getMirrors().get("docker.io").getEndpoint())
          .containsExactly("https://mirror.local:5000");
    }
  }
}
