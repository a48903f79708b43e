package dev.lifecycle.edge.site.clusters;

import static dev.lifecycle.edge.site.clusters.SiteFixtures.kept;
import static dev.lifecycle.edge.site.clusters.SiteFixtures.retail;
import static dev.lifecycle.edge.site.clusters.SiteFixtures.retail140;
import static dev.lifecycle.edge.site.clusters.SiteFixtures.retail150;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterVariable;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.ProfileReference;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.VariableType;
import dev.lifecycle.edge.operator.variables.VariableResolver;
import dev.lifecycle.edge.site.clusters.UpdatePreview.LayerImpact;
import dev.lifecycle.edge.site.clusters.UpdatePreview.VariableChange;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterUpdatePlanTest {

  private static final String SECRET = "store-0042-site-variables";
  private static final Function<SecretKeyReference, VariableResolver.SecretValue> SECRETS = ref ->
      ref.equals(new SecretKeyReference(SECRET, "dbPassword")) ? new VariableResolver.Found("old-password")
          : new VariableResolver.Missing("the Secret " + ref.getName() + " does not exist");

  /** store-0042 on retail-1.4.0, formed, with its store number, its password from its Secret and 3 replicas. */
  private static EdgeCluster cluster() {
    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setProfileRef(new ProfileReference("retail-1.4.0"));
    spec.setControlPlane(new ControlPlaneSpec(1));
    spec.setVariables(new ArrayList<>(List.of(new ClusterVariable("storeId", "0042"),
        new ClusterVariable("dbPassword", new SecretKeyReference(SECRET, "dbPassword")),
        new ClusterVariable("replicas", "3"))));
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("store-0042").build());
    cluster.setSpec(spec);
    EdgeClusterStatus status = new EdgeClusterStatus();
    status.setProfileVersion("1.4.0+vars.0123456789abcdef");
    cluster.setStatus(status);
    return cluster;
  }

  private static ClusterUpdatePlan plan(EdgeCluster cluster, KeptDefinition definition, String version,
      Map<String, String> variables) {
    return ClusterUpdatePlan.plan(cluster, retail140(), definition,
        new UpdateClusterRequest("store-0042", definition.digest(), version, variables), SECRETS);
  }

  private static LayerImpact layer(UpdatePreview preview, String name) {
    return preview.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  private static VariableChange variable(UpdatePreview preview, String name) {
    return preview.variables().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("When a newer Kubernetes and add-on come, then each layer shows its change and the operator's host "
      + "action, and the cluster's values are kept")
  void newerVersion() {
    ClusterUpdatePlan plan = plan(cluster(), kept(retail140(), retail150()), "1.5.0", Map.of());
    UpdatePreview preview = plan.preview();

    assertThat(preview.refused()).isEmpty();
    assertThat(preview.fromVersion()).isEqualTo("1.4.0");
    assertThat(preview.toProfile()).isEqualTo("retail-1.5.0");
    assertThat(preview.layers()).containsExactly(
        new LayerImpact("edge-os", "os", "Unchanged", "1.4.0", "1.4.0", "registry.example.com/edge/os:1.4.0",
            "registry.example.com/edge/os:1.4.0", "None", "unchanged"),
        new LayerImpact("k3s", "kubernetes", "Changed", "1.30.4", "1.31.1", "registry.example.com/edge/k3s:v1.30.4",
            "registry.example.com/edge/k3s:v1.31.1", "RestartServices", HostActions.meaning(
                dev.lifecycle.edge.api.v1alpha1.LayerChange.HostAction.RestartServices)),
        new LayerImpact("monitoring", "addon", "Changed", "2.0.0", "2.1.0",
            "chart monitoring from oci://registry.example.com/charts",
            "chart monitoring from oci://registry.example.com/charts", "None", HostActions.meaning(
                dev.lifecycle.edge.api.v1alpha1.LayerChange.HostAction.None)));
    assertThat(preview.hostAction()).isEqualTo("RestartServices");
    assertThat(preview.variables()).containsExactly(
        new VariableChange("storeId", "Kept", "0042", "0042", false, "the cluster's value is kept"),
        new VariableChange("dbPassword", "Kept", "(secret: Secret " + SECRET + ", key dbPassword)",
            "(secret: Secret " + SECRET + ", key dbPassword)", true, "the cluster's value is kept"),
        new VariableChange("replicas", "Kept", "3", "3", false, "the cluster's value is kept"));
    assertThat(plan.variables()).extracting(ClusterVariable::getName).containsExactly("storeId", "dbPassword",
        "replicas");
    assertThat(plan.secretValues()).isEmpty();
  }

  @Test
  @DisplayName("When the os layer changes, then the update reboots every host")
  void osChangeReboots() {
    UpdatePreview preview = plan(cluster(), kept(retail("1.6.0", "1.5.0", "1.30.4", "2.0.0")), "1.6.0",
        Map.of()).preview();

    assertThat(layer(preview, "edge-os").change()).isEqualTo("Changed");
    assertThat(layer(preview, "edge-os").hostAction()).isEqualTo("Reboot");
    assertThat(layer(preview, "k3s").change()).isEqualTo("Unchanged");
    assertThat(preview.hostAction()).isEqualTo("Reboot");
    assertThat(preview.hostActionMeaning()).startsWith("each host installs the new operating system and restarts");
  }

  @Test
  @DisplayName("When only a value the Kubernetes layer reads changes, then that layer changes in its values and "
      + "restarts services, and the variable shows from and to")
  void valueChangeOnly() {
    UpdatePreview preview = plan(cluster(), kept(retail140()), "retail-1.4.0", Map.of("storeId", "0043"))
        .preview();

    assertThat(preview.refused()).isEmpty();
    assertThat(layer(preview, "k3s")).satisfies(k3s -> {
      assertThat(k3s.change()).isEqualTo("Changed");
      assertThat(k3s.fromVersion()).isEqualTo("1.30.4");
      assertThat(k3s.toVersion()).isEqualTo("1.30.4");
      assertThat(k3s.hostAction()).isEqualTo("RestartServices");
      assertThat(k3s.meaning()).startsWith("its values change: ");
    });
    assertThat(layer(preview, "monitoring").change()).isEqualTo("Unchanged");
    assertThat(variable(preview, "storeId")).isEqualTo(new VariableChange("storeId", "Changed", "0042", "0043",
        false, "a new value"));
  }

  @Test
  @DisplayName("When a new secret value is given, then it goes to the site Secret, the layer reading it changes, "
      + "and the preview never shows it")
  void newSecretValue() {
    ClusterUpdatePlan plan = plan(cluster(), kept(retail140()), "1.4.0", Map.of("dbPassword", "new-password"));

    assertThat(plan.preview().refused()).isEmpty();
    assertThat(layer(plan.preview(), "k3s").change()).isEqualTo("Changed");
    assertThat(variable(plan.preview(), "dbPassword").change()).isEqualTo("Changed");
    assertThat(variable(plan.preview(), "dbPassword").note()).isEqualTo("a new secret value");
    assertThat(plan.secretValues()).containsExactly(Map.entry("dbPassword", "new-password"));
    assertThat(plan.preview().toString()).doesNotContain("new-password").doesNotContain("old-password");
    assertThat(plan.toString()).doesNotContain("new-password");
  }

  @Test
  @DisplayName("When the new version adds, removes and redeclares variables, then the diff says so, keeps the local "
      + "values it can, and refuses a new required variable without a value")
  void variableDiff() {
    ClusterProfile next = retail("2.0.0", "1.4.0", "1.31.1", "2.1.0");
    List<ProfileVariable> variables = next.getSpec().getVariables();
    variables.get(0).setPattern("^[0-9]{4,5}$");
    variables.remove(2);
    ProfileVariable region = new ProfileVariable("region", VariableType.STRING);
    region.setRequired(true);
    variables.add(region);
    KeptDefinition definition = kept(next);

    UpdatePreview missing = plan(cluster(), definition, "2.0.0", Map.of()).preview();
    assertThat(missing.refused()).containsExactly("variable region is required and has no default: give it a "
        + "value");

    ClusterUpdatePlan plan = plan(cluster(), definition, "2.0.0", Map.of("region", "north"));
    assertThat(plan.preview().refused()).isEmpty();
    assertThat(plan.preview().variables()).containsExactly(
        new VariableChange("storeId", "Changed", "0042", "0042", false,
            "its declaration changes: pattern ^[0-9]{4}$ -> ^[0-9]{4,5}$; the cluster's value is kept"),
        new VariableChange("dbPassword", "Kept", "(secret: Secret " + SECRET + ", key dbPassword)",
            "(secret: Secret " + SECRET + ", key dbPassword)", true, "the cluster's value is kept"),
        new VariableChange("region", "Added", null, "north", false, "declared by 2.0.0"),
        new VariableChange("replicas", "Removed", "3", null, false, "2.0.0 does not declare it: its value is "
            + "dropped"));
    assertThat(plan.variables()).extracting(ClusterVariable::getName).containsExactly("storeId", "dbPassword",
        "region");
  }

  @Test
  @DisplayName("When a variable becomes sensitive, then its literal value moves into the site Secret")
  void becomesSensitive() {
    ClusterProfile next = retail("1.5.0", "1.4.0", "1.31.1", "2.1.0");
    next.getSpec().getVariables().get(0).setSensitive(true);
    ClusterUpdatePlan plan = plan(cluster(), kept(next), "1.5.0", Map.of());

    assertThat(plan.preview().refused()).isEmpty();
    assertThat(plan.secretValues()).containsExactly(Map.entry("storeId", "0042"));
    assertThat(plan.variables().get(0).getValueFrom().getSecretKeyRef())
        .isEqualTo(new SecretKeyReference(SECRET, "storeId"));
    assertThat(variable(plan.preview(), "storeId").note()).contains("now sensitive");
    assertThat(variable(plan.preview(), "storeId").from()).isEqualTo("(secret)");
    assertThat(variable(plan.preview(), "storeId").to()).isEqualTo("(secret: Secret " + SECRET + ", key storeId)");
  }

  @Test
  @DisplayName("When the update is a downgrade, another profile, a version the definition lacks or no change, then "
      + "it is refused with the reason")
  void refusals() {
    assertThat(ClusterUpdatePlan.plan(cluster(), retail150(), kept(retail140(), retail150()),
        new UpdateClusterRequest("store-0042", "d", "1.4.0", Map.of()), SECRETS).preview().refused())
        .containsExactly("1.4.0 is older than 1.5.0, which the cluster runs: the site does not downgrade a cluster "
            + "(its hosts' data may not read back); update to 1.5.0 or newer");

    assertThat(plan(cluster(), kept(retail140(), retail150()), "1.7.0", Map.of()).preview().refused())
        .containsExactly("the definition holds no version 1.7.0 (it holds: retail-1.4.0 (1.4.0), retail-1.5.0 "
            + "(1.5.0))");

    ClusterProfile factory = retail("2.0.0", "1.4.0", "1.31.1", "2.1.0");
    factory.getMetadata().setName("factory-2.0.0");
    factory.getMetadata().getLabels().put(ApiGroup.PROFILE_LABEL, "factory");
    assertThat(plan(cluster(), kept(factory), "2.0.0", Map.of()).preview().refused())
        .containsExactly("the cluster runs profile retail, and factory-2.0.0 is a version of profile factory: a "
            + "cluster is updated to versions of its own profile");

    assertThat(plan(cluster(), kept(retail140()), "1.4.0", Map.of("storeId", "0042")).preview().refused())
        .containsExactly("the cluster runs retail-1.4.0 with these values already: nothing would change");
  }

  @Test
  @DisplayName("When a pre-release is the target, then it counts as older than its release")
  void preReleaseOrder() {
    ClusterProfile rc = retail("1.4.0-rc.1", "1.4.0", "1.30.4", "2.0.0");
    assertThat(plan(cluster(), kept(rc), "1.4.0-rc.1", Map.of()).preview().refused())
        .singleElement().asString().startsWith("1.4.0-rc.1 is older than 1.4.0");
  }

  @Test
  @DisplayName("When a rollout is under way and the cluster is paused, then the preview says so")
  void notes() {
    EdgeCluster cluster = cluster();
    cluster.getSpec().setPaused(true);
    UpgradeStatus upgrade = new UpgradeStatus();
    upgrade.setFrom("1.3.0");
    upgrade.setTo("1.4.0");
    upgrade.setPhase(UpgradeStatus.Phase.Progressing);
    cluster.getStatus().setUpgrade(upgrade);

    assertThat(plan(cluster, kept(retail150()), "1.5.0", Map.of()).preview().notes()).containsExactly(
        "a rollout from 1.3.0 to 1.4.0 is under way (Progressing): applying turns it toward the new version; hosts "
            + "already moved stay moved",
        "the cluster is paused: nothing moves until it is resumed");
  }
}
