package dev.lifecycle.edge.operator.definition;

import static dev.lifecycle.edge.operator.definition.Profiles.NAMESPACE;
import static dev.lifecycle.edge.operator.definition.Profiles.judge;
import static dev.lifecycle.edge.operator.definition.Profiles.ready;
import static dev.lifecycle.edge.operator.definition.Profiles.unjudged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.operator.definition.DefinitionSelection.Selection;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DefinitionSelectionTest {

  private static List<String> names(Selection selection) {
    return selection.profiles().stream().map(profile -> profile.getMetadata().getName()).toList();
  }

  @Test
  @DisplayName("When Ready versions of one profile are named, then all are exported, each once, in the order named")
  void versionsOfOneProfile() {
    List<ClusterProfile> namespace = List.of(ready("retail", "1.4.0"), ready("retail", "1.5.0"),
        ready("factory", "2.0.0"));

    Selection selection = DefinitionSelection.decide(NAMESPACE, List.of("retail-1.5.0", "retail-1.4.0",
        "retail-1.5.0"), namespace);

    assertThat(selection.isRefused()).as("%s", selection.refusals()).isFalse();
    assertThat(names(selection)).containsExactly("retail-1.5.0", "retail-1.4.0");
  }

  @Test
  @DisplayName("When a named version does not exist, then the export is refused naming it and the versions the "
      + "namespace holds")
  void notFound() {
    Selection selection = DefinitionSelection.decide(NAMESPACE, List.of("retail-9.0.0"),
        List.of(ready("retail", "1.4.0"), ready("retail", "1.5.0")));

    assertThat(selection.profiles()).isEmpty();
    assertThat(selection.refusals()).containsExactly("ClusterProfile retail-9.0.0 does not exist in namespace "
        + "retail (it holds retail-1.4.0, retail-1.5.0)");
    assertThat(DefinitionSelection.decide(NAMESPACE, List.of("retail-9.0.0"), List.of()).refusals())
        .containsExactly("ClusterProfile retail-9.0.0 does not exist: namespace retail holds no ClusterProfile");
  }

  @Test
  @DisplayName("When a named version is not Ready, then the export is refused with its Ready reason and message")
  void notReady() {
    ClusterProfile invalid = judge(unjudged("retail", "1.5.0"), Condition.FALSE, "InvalidProfile",
        "a profile needs exactly one layer of type kubernetes");

    Selection selection = DefinitionSelection.decide(NAMESPACE, List.of("retail-1.5.0"), List.of(invalid));

    assertThat(selection.profiles()).isEmpty();
    assertThat(selection.refusals()).containsExactly("ClusterProfile retail-1.5.0 is not Ready (Ready=False, "
        + "reason InvalidProfile): a profile needs exactly one layer of type kubernetes");
  }

  @Test
  @DisplayName("When a named version was never judged by the operator, then it is refused as not Ready yet")
  void unjudgedIsNotReady() {
    Selection selection = DefinitionSelection.decide(NAMESPACE, List.of("retail-1.5.0"),
        List.of(unjudged("retail", "1.5.0")));

    assertThat(selection.refusals()).singleElement().asString()
        .startsWith("ClusterProfile retail-1.5.0 is not Ready: it has no Ready condition yet");
  }

  @Test
  @DisplayName("When a named version is being deleted, then it is refused")
  void beingDeleted() {
    ClusterProfile going = ready("retail", "1.5.0");
    going.getMetadata().setDeletionTimestamp("2026-12-06T10:00:00Z");

    assertThat(DefinitionSelection.decide(NAMESPACE, List.of("retail-1.5.0"), List.of(going)).refusals())
        .containsExactly("ClusterProfile retail-1.5.0 is being deleted");
  }

  @Test
  @DisplayName("When versions of two profiles both carry os and kubernetes layers, then the export is refused "
      + "naming both profiles and their layers")
  void twoProfilesWithBaseLayers() {
    Selection selection = DefinitionSelection.decide(NAMESPACE, List.of("retail-1.5.0", "retail-1.4.0",
        "factory-2.0.0"), List.of(ready("retail", "1.4.0"), ready("retail", "1.5.0"), ready("factory", "2.0.0")));

    assertThat(selection.profiles()).isEmpty();
    assertThat(selection.refusals()).containsExactly("two profiles both carry os or kubernetes layers: profile "
        + "retail (retail-1.5.0: os layer edge-os, kubernetes layer k3s) and profile factory (factory-2.0.0: os "
        + "layer edge-os, kubernetes layer k3s). A site's cluster runs the os and the Kubernetes of one profile: "
        + "export the versions of one profile per definition");
  }

  @Test
  @DisplayName("When only one of two profiles carries os or kubernetes layers, then both are exported")
  void oneBaseProfile() {
    ClusterProfile addons = ready("addons", "1.0.0");
    addons.getSpec().getLayers().removeIf(layer -> layer.getType() == LayerType.OS
        || layer.getType() == LayerType.KUBERNETES);
    ClusterProfile kubernetesOnly = ready("base", "1.0.0");
    kubernetesOnly.getSpec().getLayers().removeIf(layer -> layer.getType() == LayerType.OS);

    Selection selection = DefinitionSelection.decide(NAMESPACE, List.of("base-1.0.0", "addons-1.0.0"),
        List.of(addons, kubernetesOnly));

    assertThat(selection.isRefused()).as("%s", selection.refusals()).isFalse();
    assertThat(names(selection)).containsExactly("base-1.0.0", "addons-1.0.0");

    ClusterProfile osOnly = ready("other", "1.0.0");
    osOnly.getSpec().getLayers().removeIf(layer -> layer.getType() == LayerType.KUBERNETES);
    assertThat(DefinitionSelection.decide(NAMESPACE, List.of("base-1.0.0", "other-1.0.0"),
        List.of(kubernetesOnly, osOnly)).refusals()).singleElement().asString()
        .startsWith("two profiles both carry os or kubernetes layers: profile base (base-1.0.0: kubernetes layer "
            + "k3s) and profile other (other-1.0.0: os layer edge-os)");
  }

  @Test
  @DisplayName("When versions carry no profile label, then the profile is their name without -<version>: two "
      + "versions of one profile pass, another profile is refused")
  void familyFromNameConvention() {
    ClusterProfile older = ready("retail", "1.4.0");
    ClusterProfile newer = ready("retail", "1.5.0");
    ClusterProfile other = ready("factory", "2.0.0");
    List.of(older, newer, other).forEach(profile -> profile.getMetadata().setLabels(null));

    assertThat(DefinitionSelection.decide(NAMESPACE, List.of("retail-1.4.0", "retail-1.5.0"),
        List.of(older, newer, other)).isRefused()).isFalse();
    assertThat(DefinitionSelection.decide(NAMESPACE, List.of("retail-1.4.0", "factory-2.0.0"),
        List.of(older, newer, other)).refusals()).singleElement().asString()
        .contains("profile retail (retail-1.4.0", "profile factory (factory-2.0.0");
  }

  @Test
  @DisplayName("When several things are wrong, then every refusal is given at once")
  void everyRefusal() {
    ClusterProfile invalid = judge(unjudged("retail", "1.5.0"), Condition.FALSE, "InvalidProfile", "bad");

    Selection selection = DefinitionSelection.decide(NAMESPACE, List.of("retail-1.5.0", "retail-2.0.0"),
        List.of(invalid));

    assertThat(selection.refusals()).hasSize(2);
    assertThat(selection.refusals().get(0)).startsWith("ClusterProfile retail-1.5.0 is not Ready");
    assertThat(selection.refusals().get(1)).startsWith("ClusterProfile retail-2.0.0 does not exist");
  }

  @Test
  @DisplayName("When no version is named, then the export is refused")
  void nothingNamed() {
    assertThat(DefinitionSelection.decide(NAMESPACE, List.of(), List.of(ready("retail", "1.5.0"))).refusals())
        .singleElement().asString().contains("--profile");
  }
}
