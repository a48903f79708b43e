package dev.lifecycle.edge.site.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.ProfileReference;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.WorkersSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterProgressTest {

  private static EdgeCluster cluster(EdgeClusterStatus status) {
    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setProfileRef(new ProfileReference("retail-1.5.0"));
    spec.setControlPlane(new ControlPlaneSpec(1));
    spec.setWorkers(new WorkersSpec(2));
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("store-0042").build());
    cluster.setSpec(spec);
    cluster.setStatus(status);
    return cluster;
  }

  private static ClusterHost host(String name, HostRole role, Phase state) {
    return new ClusterHost(name, role, null, state);
  }

  @Test
  @DisplayName("When the operator has not looked at a new cluster yet, then it is Pending and forming")
  void notLookedAt() {
    ClusterProgress progress = ClusterProgress.of(cluster(null));

    assertThat(progress.phase()).isEqualTo("Pending");
    assertThat(progress.hostsDone()).isZero();
    assertThat(progress.hostsTotal()).isEqualTo(3);
    assertThat(progress.summary()).isEqualTo("Forming: 0 of 3 hosts running");
  }

  @Test
  @DisplayName("When a cluster forms, then the running hosts count as done and the provisioning ones are in flight")
  void forming() {
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setPhase(EdgeClusterStatus.Phase.Provisioning);
    status.setHosts(new ArrayList<>(List.of(host("host-a", HostRole.CONTROL_PLANE, Phase.Running),
        host("host-b", HostRole.WORKER, Phase.Provisioning), host("host-c", HostRole.WORKER, Phase.Provisioning))));
    status.setConditions(new ArrayList<>(List.of(new Condition("Ready", "False", "Provisioning",
        "2 host(s) joining"))));

    ClusterProgress progress = ClusterProgress.of(cluster(status));

    assertThat(progress.hostsDone()).isEqualTo(1);
    assertThat(progress.inFlight()).containsExactly("host-b", "host-c");
    assertThat(progress.summary()).isEqualTo("Forming: 1 of 3 hosts running; host-b, host-c are at work");
    assertThat(progress.conditions()).containsExactly("Ready: no (Provisioning): 2 host(s) joining");
  }

  @Test
  @DisplayName("When a rollout is under way and paused, then its counts, host in flight and pause are told")
  void upgrading() {
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setPhase(EdgeClusterStatus.Phase.Upgrading);
    status.setProfileVersion("1.4.0");
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setFrom("1.4.0");
    upgrade.setTo("1.5.0");
    upgrade.setPhase(UpgradeStatus.Phase.Paused);
    upgrade.setUpdated(1);
    upgrade.setTotal(3);
    upgrade.setInFlight(new ArrayList<>(List.of("host-b")));
    status.setUpgrade(upgrade);
    EdgeCluster cluster = cluster(status);
    cluster.getSpec().setPaused(true);

    ClusterProgress progress = ClusterProgress.of(cluster);

    assertThat(progress.targetVersion()).isEqualTo("1.5.0");
    assertThat(progress.rollout()).isEqualTo("Paused");
    assertThat(progress.paused()).isTrue();
    assertThat(progress.summary()).isEqualTo("Upgrading from 1.4.0 to 1.5.0: 1 of 3 hosts done; host-b is at work; "
        + "paused: resume to go on");
  }

  @Test
  @DisplayName("When a rollout stalls on a host, then the summary names the host, what it reported and that a "
      + "person is needed")
  void stalled() {
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setPhase(EdgeClusterStatus.Phase.Upgrading);
    status.setProfileVersion("1.4.0");
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setFrom("1.4.0");
    upgrade.setTo("1.5.0");
    upgrade.setPhase(UpgradeStatus.Phase.Stalled);
    upgrade.setUpdated(1);
    upgrade.setTotal(3);
    upgrade.setFailedHost("host-b");
    upgrade.setFailure("install hook exited 1");
    status.setUpgrade(upgrade);
    status.setConditions(new ArrayList<>(List.of(new Condition("Stalled", "True", "HostFailed",
        "host-b failed: fix it and resume"))));

    ClusterProgress progress = ClusterProgress.of(cluster(status));

    assertThat(progress.summary()).isEqualTo("Upgrading from 1.4.0 to 1.5.0: 1 of 3 hosts done; stalled at host "
        + "host-b: install hook exited 1; needs a person: host-b failed: fix it and resume");
  }

  @Test
  @DisplayName("When a formed cluster runs with a host unreachable, then the summary names it and Ready's message")
  void runningDegraded() {
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setPhase(EdgeClusterStatus.Phase.Degraded);
    status.setProfileVersion("1.5.0");
    status.setHosts(new ArrayList<>(List.of(host("host-a", HostRole.CONTROL_PLANE, Phase.Running),
        host("host-b", HostRole.WORKER, Phase.Running), host("host-c", HostRole.WORKER, Phase.Unreachable))));
    status.setConditions(new ArrayList<>(List.of(new Condition("Ready", "False", "HostsUnhealthy",
        "host-c is Unreachable"))));

    ClusterProgress progress = ClusterProgress.of(cluster(status));

    assertThat(progress.version()).isEqualTo("1.5.0");
    assertThat(progress.targetVersion()).isNull();
    assertThat(progress.summary()).isEqualTo("Degraded on 1.5.0: 2 of 3 hosts running; host-c Unreachable; "
        + "host-c is Unreachable");
  }
}
