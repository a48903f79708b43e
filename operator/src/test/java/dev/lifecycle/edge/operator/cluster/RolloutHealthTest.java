package dev.lifecycle.edge.operator.cluster;

import static dev.lifecycle.edge.operator.cluster.Hosts.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan.Action;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.gitops.ArgoCdHealth;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Argo CD health check of EdgeCluster (gitops/argocd/, tested on hand-written fixtures in the api module)
 * gives the documented verdict on the status this operator really builds for each rollout phase:
 * {@link RolloutVerdict} and {@link ClusterStatusBuilder} as the reconciler calls them. A change to the
 * conditions or phase a rollout writes that the health check does not follow fails here.
 */
class RolloutHealthTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final String FAILURE = "store-0042-b reported failure on 1.1.0: upgrade exited with status 1";

  /** The Argo CD health docs/gitops.md promises for each rollout phase, and a part of its message. */
  private static final Map<UpgradeStatus.Phase, List<String>> EXPECTED = Map.of(
      UpgradeStatus.Phase.Progressing, List.of("Progressing", "1/3 hosts on 1.1.0; in flight: store-0042-b"),
      UpgradeStatus.Phase.Paused, List.of("Suspended", "paused at 1/3 hosts on 1.1.0"),
      UpgradeStatus.Phase.Stalled, List.of("Degraded", "HostFailed: rollout to 1.1.0 stopped at 1/3 hosts on 1.1.0: "
          + FAILURE),
      UpgradeStatus.Phase.RollingBack, List.of("Progressing", "rolling back to 1.0.0 after " + FAILURE),
      UpgradeStatus.Phase.RolledBack, List.of("Degraded", "RolledBack: every host runs 1.0.0 again after " + FAILURE),
      UpgradeStatus.Phase.Complete, List.of("Healthy", "Running: 1/1 control-plane and 2/2 worker host(s) running"));

  @ParameterizedTest(name = "{0}")
  @EnumSource(UpgradeStatus.Phase.class)
  @DisplayName("When the operator writes a rollout phase, then Argo CD shows the documented health")
  void argoCdReadsWhatTheOperatorWrites(UpgradeStatus.Phase phase) throws IOException {
    assertThat(EXPECTED).as("expected health of every rollout phase").containsKey(phase);
    UpgradeStatus upgrade = upgrade(phase);
    String reason = phase == UpgradeStatus.Phase.Stalled ? "HostFailed" : null;
    Optional<ClusterVerdict> verdict = RolloutVerdict.of(upgrade, reason, "waiting for store-0042-b");
    String runs = phase == UpgradeStatus.Phase.Complete ? "1.1.0" : "1.0.0";
    Phase hostPhase = phase == UpgradeStatus.Phase.Stalled ? Phase.Failed : Phase.Upgrading;
    boolean settled = phase == UpgradeStatus.Phase.Complete || phase == UpgradeStatus.Phase.RolledBack;
    List<HostView> owned = List.of(
        Hosts.planned("store-0042-a", HostRole.CONTROL_PLANE, Phase.Running, Action.Init, 1),
        Hosts.planned("store-0042-b", HostRole.WORKER, settled ? Phase.Running : hostPhase, Action.Join, 2),
        Hosts.planned("store-0042-c", HostRole.WORKER, Phase.Running, Action.Join, 1));
    EdgeClusterStatus status = ClusterStatusBuilder.build(new ClusterStatusBuilder.Observation(3L, 1, 2, "1.1.0",
        Optional.empty(), ClaimPlanner.plan(CLUSTER, 1, null, 2, null, owned), owned,
        new ClusterStatusBuilder.RolloutReport(upgrade, runs, verdict)), null, NOW);

    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(CLUSTER).withNamespace(CLUSTER).withGeneration(3L).build());
    cluster.setStatus(status);
    JsonNode object = new ObjectMapper().readTree(new KubernetesSerialization().asJson(cluster));

    String[] health = assess(object);
    assertThat(health[0]).as("Argo CD health of a cluster whose rollout is %s (status %s)", phase, object.get("status"))
        .isEqualTo(EXPECTED.get(phase).get(0));
    assertThat(health[1]).as("Argo CD message").contains(EXPECTED.get(phase).get(1));
  }

  private static UpgradeStatus upgrade(UpgradeStatus.Phase phase) {
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setId("1.0.0-to-1.1.0@2026-11-24T07:00:00Z");
    upgrade.setPhase(phase);
    upgrade.setFrom("1.0.0");
    upgrade.setTo("1.1.0");
    upgrade.setFromProfile("store-edge-1.0.0");
    upgrade.setToProfile("store-edge-1.1.0");
    upgrade.setUpdated(phase == UpgradeStatus.Phase.Complete ? 3 : phase == UpgradeStatus.Phase.RolledBack ? 0 : 1);
    upgrade.setTotal(3);
    upgrade.setStartedAt("2026-11-24T07:00:00Z");
    boolean failed = phase == UpgradeStatus.Phase.Stalled || phase == UpgradeStatus.Phase.RollingBack
        || phase == UpgradeStatus.Phase.RolledBack;
    if (failed) {
      upgrade.setFailedHost("store-0042-b");
      upgrade.setFailure(FAILURE);
    }
    if (phase != UpgradeStatus.Phase.Complete && phase != UpgradeStatus.Phase.RolledBack) {
      upgrade.setInFlight(List.of("store-0042-b"));
    }
    return upgrade;
  }

  /** Runs the health check as Argo CD does (see {@link ArgoCdHealth}). */
  private static String[] assess(JsonNode object) {
    ArgoCdHealth.Verdict verdict = ArgoCdHealth.assess(object);
    return new String[] {verdict.status(), verdict.message()};
  }
}
