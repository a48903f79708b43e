package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostReplacement;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.WorkersSpec;
import dev.lifecycle.edge.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClaimWantsTest {

  private static final Instant AT = Instant.parse("2026-12-06T07:00:00Z");

  /** A cluster of 1 + 2 that runs, Ready, on generation 3, with {@code hosts} hosts recorded. */
  private static EdgeCluster running(int hosts) {
    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setControlPlane(new ControlPlaneSpec(1));
    spec.setWorkers(new WorkersSpec(2));
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("store-1").withNamespace("ns").withGeneration(3L).build());
    cluster.setSpec(spec);
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setPhase(EdgeClusterStatus.Phase.Running);
    status.setObservedGeneration(3L);
    Conditions.set(status, ConditionTypes.READY, ConditionStatus.True, "Running", "running", 3L, AT);
    Conditions.set(status, ConditionTypes.RECONCILING, ConditionStatus.False, "Running", "running", 3L, AT);
    List<ClusterHost> recorded = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      recorded.add(new ClusterHost("host-" + i, i == 0 ? HostRole.CONTROL_PLANE : HostRole.WORKER, "1.0.0",
          EdgeHostStatus.Phase.Running));
    }
    status.setHosts(recorded);
    cluster.setStatus(status);
    return cluster;
  }

  @Test
  @DisplayName("When a cluster runs Ready with every host it wants, then an unclaimed host need not wake it")
  void formed() {
    assertThat(ClaimWants.mayClaim(running(3))).isFalse();
  }

  @Test
  @DisplayName("When a cluster has no status yet, or is not Running, then it may claim")
  void notFormed() {
    EdgeCluster fresh = running(0);
    fresh.setStatus(null);
    assertThat(ClaimWants.mayClaim(fresh)).isTrue();
    EdgeCluster degraded = running(3);
    degraded.getStatus().setPhase(EdgeClusterStatus.Phase.Degraded);
    assertThat(ClaimWants.mayClaim(degraded)).isTrue();
  }

  @Test
  @DisplayName("When a Running cluster records fewer hosts than its spec wants (scaled up), then it may claim")
  void fewerHostsThanWanted() {
    assertThat(ClaimWants.mayClaim(running(2))).isTrue();
  }

  @Test
  @DisplayName("When the spec changed since the status was written, then the cluster may claim")
  void specNotSeen() {
    EdgeCluster edited = running(3);
    edited.getMetadata().setGeneration(4L);
    assertThat(ClaimWants.mayClaim(edited)).isTrue();
  }

  @Test
  @DisplayName("When the cluster is not Ready or still Reconciling, then it may claim")
  void notReady() {
    EdgeCluster reconciling = running(3);
    Conditions.set(reconciling.getStatus(), ConditionTypes.RECONCILING, ConditionStatus.True, "Replacing", "x", 3L,
        AT);
    assertThat(ClaimWants.mayClaim(reconciling)).isTrue();
    EdgeCluster notReady = running(3);
    Conditions.set(notReady.getStatus(), ConditionTypes.READY, ConditionStatus.False, "Waiting", "x", 3L, AT);
    assertThat(ClaimWants.mayClaim(notReady)).isTrue();
  }

  @Test
  @DisplayName("When a host is unhealthy or a replacement is under way, then the cluster may claim a spare")
  void remediating() {
    EdgeCluster unhealthy = running(3);
    unhealthy.getStatus().getHosts().get(1).setUnhealthySince(AT.toString());
    assertThat(ClaimWants.mayClaim(unhealthy)).isTrue();
    EdgeCluster replacing = running(3);
    HostReplacement underWay = new HostReplacement();
    underWay.setHost("host-1");
    underWay.setReplacement("host-9");
    replacing.getStatus().setReplacements(new ArrayList<>(List.of(underWay)));
    assertThat(ClaimWants.mayClaim(replacing)).isTrue();
    underWay.setFinishedAt(AT.toString());
    assertThat(ClaimWants.mayClaim(replacing)).isFalse();
  }
}
