package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterVariable;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.VariableType;
import dev.lifecycle.edge.operator.cluster.ClusterRollout.Version;
import dev.lifecycle.edge.operator.variables.VariableResolver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A change of a cluster's variable values, literal or in a Secret, is a new rollout target, and its impact is
 * computed per layer like a profile change: the pure path from values to the rollout the cluster begins.
 */
class VariableRolloutTest {

  private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
  private static final byte[] KEY = "the-cluster-join-secret".getBytes(StandardCharsets.UTF_8);
  private static final SecretKeyReference REF = new SecretKeyReference("store-secrets", "dbPassword");

  private static List<ProfileLayer> profileLayers() {
    ProfileLayer os = new ProfileLayer("edge-os", LayerType.OS, "1.4.0");
    os.setValues(Map.of("hostname", "store-${vars.storeId}"));
    ProfileLayer k3s = new ProfileLayer("k3s", LayerType.KUBERNETES, "1.30.4");
    k3s.setValues(Map.of("datastore", "postgres://app:${vars.dbPassword}@db"));
    ProfileLayer monitoring = new ProfileLayer("monitoring", LayerType.ADDON, "2.0.0");
    monitoring.setValues(Map.of("retention", "7d"));
    return List.of(os, k3s, monitoring);
  }

  private static List<ProfileVariable> declared() {
    ProfileVariable storeId = new ProfileVariable("storeId", VariableType.STRING);
    storeId.setRequired(true);
    ProfileVariable password = new ProfileVariable("dbPassword", VariableType.STRING);
    password.setSensitive(true);
    password.setRequired(true);
    return List.of(storeId, password);
  }

  /** What the cluster's target is for these values, as ProfileResolution builds it. */
  private static FormationPlanner.Target target(String storeId, String password) {
    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setVariables(new ArrayList<>(List.of(new ClusterVariable("storeId", storeId),
        new ClusterVariable("dbPassword", REF))));
    VariableResolver.Resolved resolved = (VariableResolver.Resolved) VariableResolver.resolve(declared(),
        spec.getVariables(), ref -> new VariableResolver.Found(password), profileLayers(), KEY);
    return new FormationPlanner.Target("store-edge", VariableResolver.version("1.0.0", resolved.digest()),
        resolved.layers(), null, PlanSettings.of(spec).withSecretDigests(resolved.secretDigests()));
  }

  private static HostView host(String name, HostRole role, FormationPlanner.Target target) {
    HostPlan plan = new HostPlan();
    plan.setGeneration(1L);
    plan.setAction(HostPlan.Action.Join);
    plan.setCluster("store");
    plan.setRole(role);
    plan.setProfile(target.profileName());
    plan.setProfileVersion(target.profileVersion());
    plan.setLayers(target.layers());
    target.settings().applyTo(plan, role);
    return new HostView(name, Map.of(), Phase.Running, "store", role, plan, target.profileVersion());
  }

  private static EdgeClusterStatus runningOn(FormationPlanner.Target target) {
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setProfileVersion(target.profileVersion());
    return status;
  }

  private static Version version(FormationPlanner.Target target) {
    return new Version(target.profileName(), target.profileVersion(), target.layers());
  }

  private static UpgradeStatus begin(FormationPlanner.Target from, FormationPlanner.Target to) {
    List<HostView> hosts = List.of(host("cp", HostRole.CONTROL_PLANE, from), host("w", HostRole.WORKER, from));
    return ClusterRollout.begin(runningOn(from), version(to), hosts, NOW, to.settings().secretVariables());
  }

  @Test
  @DisplayName("When nothing changed, then the target is the version the cluster runs and no rollout begins")
  void sameValuesSameTarget() {
    FormationPlanner.Target running = target("0042", "one");
    FormationPlanner.Target again = target("0042", "one");
    assertThat(again.profileVersion()).isEqualTo(running.profileVersion()).startsWith("1.0.0+vars.");
    assertThat(ClusterRollout.begins(runningOn(running), version(again))).isFalse();
  }

  @Test
  @DisplayName("When a literal value changes, then a rollout begins and only the layer that reads it changes")
  void literalChangeRollsOut() {
    FormationPlanner.Target running = target("0042", "one");
    FormationPlanner.Target changed = target("0043", "one");
    assertThat(ClusterRollout.begins(runningOn(running), version(changed))).isTrue();
    UpgradeStatus upgrade = begin(running, changed);
    assertThat(upgrade.getPhase()).isEqualTo(UpgradeStatus.Phase.Progressing);
    assertThat(upgrade.getFrom()).isEqualTo(running.profileVersion());
    assertThat(upgrade.getTo()).isEqualTo(changed.profileVersion());
    assertThat(upgrade.getLayers()).singleElement().satisfies(layer -> {
      assertThat(layer.getName()).isEqualTo("edge-os");
      assertThat(layer.getChange()).isEqualTo(LayerChange.Change.Changed);
      assertThat(layer.getFromVersion()).isEqualTo("1.4.0").isEqualTo(layer.getToVersion());
      assertThat(layer.getHostAction()).isEqualTo(LayerChange.HostAction.Reboot);
    });
  }

  @Test
  @DisplayName("When only a Secret's value changes, then a rollout begins: the layer that reads it changes, "
      + "though its stored values (references) are the same")
  void secretChangeRollsOut() {
    FormationPlanner.Target running = target("0042", "one");
    FormationPlanner.Target changed = target("0042", "two");
    assertThat(changed.layers()).usingRecursiveFieldByFieldElementComparator().isEqualTo(running.layers());
    assertThat(ClusterRollout.begins(runningOn(running), version(changed))).isTrue();
    UpgradeStatus upgrade = begin(running, changed);
    assertThat(upgrade.getPhase()).isEqualTo(UpgradeStatus.Phase.Progressing);
    assertThat(upgrade.getLayers()).singleElement().satisfies(layer -> {
      assertThat(layer.getName()).isEqualTo("k3s");
      assertThat(layer.getHostAction()).isEqualTo(LayerChange.HostAction.RestartServices);
    });
    assertThat(upgrade.getHostAction()).isEqualTo(LayerChange.HostAction.RestartServices);
  }

  @Test
  @DisplayName("When hosts move to a changed value, then their plans carry the new digest, never the value")
  void movePlanCarriesDigestNotValue() {
    FormationPlanner.Target running = target("0042", "one");
    FormationPlanner.Target changed = target("0042", "two");
    UpgradeStatus upgrade = begin(running, changed);
    HostPlan plan = ClusterRollout.movePlan(host("w", HostRole.WORKER, running), upgrade, version(changed), NOW,
        changed.settings());
    assertThat(plan.getProfileVersion()).isEqualTo(changed.profileVersion());
    assertThat(plan.getSecretVariables()).singleElement().satisfies(v -> {
      assertThat(v.getSecretKeyRef()).isEqualTo(REF);
      assertThat(v.getDigest()).hasSize(16)
          .isNotEqualTo(running.settings().secretVariables().get(0).getDigest());
    });
    assertThat(plan.getLayers().get(1).getValues()).containsEntry("datastore", "postgres://app:${vars.dbPassword}@db");
  }
}
