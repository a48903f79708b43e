package dev.lifecycle.edge.operator.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.VariableType;
import dev.lifecycle.edge.operator.profile.ProfileCheck.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProfileCheckTest {

  private static ProfileLayer layer(String name, LayerType type, String version) {
    ProfileLayer layer = new ProfileLayer(name, type, version);
    layer.setImage("registry.example.com/edge/" + name + ":" + version);
    return layer;
  }

  private static ClusterProfileSpec valid() {
    ProfileLayer cni = new ProfileLayer("cilium", LayerType.CNI, "1.15.6");
    cni.setChart(new ChartReference("https://helm.cilium.io", "cilium"));
    return new ClusterProfileSpec("1.0.0", new ArrayList<>(List.of(
        layer("edge-os", LayerType.OS, "1.4.0"), layer("k3s", LayerType.KUBERNETES, "1.30.4"), cni)));
  }

  @Test
  @DisplayName("When a profile has one os and one kubernetes layer, unique names and semver, then it has no problem")
  void validProfile() {
    assertThat(ProfileCheck.problems(valid())).isEmpty();
  }

  @Test
  @DisplayName("When the os layer is missing and kubernetes is doubled, then both problems are named with counts")
  void layerCounts() {
    ClusterProfileSpec spec = valid();
    spec.getLayers().set(0, layer("k3s-b", LayerType.KUBERNETES, "1.30.4"));

    assertThat(ProfileCheck.problems(spec)).extracting(Problem::message).containsExactly(
        "a profile needs exactly one layer of type os, this one has 0",
        "a profile needs exactly one layer of type kubernetes, this one has 2");
  }

  @Test
  @DisplayName("When a layer's type is none the operator knows (a CRD newer than the operator), then the first "
      + "problem is UnknownLayerType naming the layer and the types it knows")
  void unknownLayerType() {
    ClusterProfileSpec spec = valid();
    spec.getLayers().add(layer("bios", LayerType.UNKNOWN, "2.1.0"));

    assertThat(ProfileCheck.problems(spec)).containsExactly(new Problem("UnknownLayerType", "layer bios has a type "
        + "this operator does not know (it knows os, kubernetes, cni, csi, addon): the profile was written for a "
        + "newer operator; upgrade the operator, or use a known type"));
  }

  @Test
  @DisplayName("When a profile has two cni layers, then that is a problem")
  void atMostOneCni() {
    ClusterProfileSpec spec = valid();
    spec.getLayers().add(layer("flannel", LayerType.CNI, "0.25.0"));

    assertThat(ProfileCheck.problems(spec)).extracting(Problem::message)
        .containsExactly("a profile takes at most one layer of type cni, this one has 2");
  }

  @Test
  @DisplayName("When two layers share a name, then the repeated name is given")
  void duplicateNames() {
    ClusterProfileSpec spec = valid();
    spec.getLayers().add(layer("cilium", LayerType.ADDON, "1.0.0"));

    assertThat(ProfileCheck.problems(spec)).extracting(Problem::reason).containsExactly("DuplicateLayer");
    assertThat(ProfileCheck.problems(spec).get(0).message()).endsWith("repeated: cilium");
  }

  @Test
  @DisplayName("When versions are not semver or a layer has both image and chart, then each problem is reported")
  void versionsAndSources() {
    ClusterProfileSpec spec = valid();
    spec.setVersion("v1.0");
    spec.getLayers().get(1).setVersion("1.30");
    spec.getLayers().get(2).setImage("registry.example.com/cilium:1.15.6");

    assertThat(ProfileCheck.problems(spec)).extracting(Problem::reason)
        .containsExactly("InvalidVersion", "InvalidLayerVersion", "InvalidLayerSource");
  }

  @Test
  @DisplayName("When the spec is missing, then that alone is reported")
  void missingSpec() {
    assertThat(ProfileCheck.problems(null)).extracting(Problem::reason).containsExactly("MissingSpec");
  }

  @Test
  @DisplayName("When variables are declared wrongly in ways the schema cannot see, then each is an InvalidVariable "
      + "problem naming the variable")
  void invalidVariables() {
    ClusterProfileSpec spec = valid();
    ProfileVariable badPattern = new ProfileVariable("storeId", VariableType.STRING);
    badPattern.setPattern("^[0-9{4}$");
    ProfileVariable defaultMismatch = new ProfileVariable("region", VariableType.STRING);
    defaultMismatch.setPattern("^[a-z]+-[a-z]+$");
    defaultMismatch.setDefaultValue("EU");
    ProfileVariable sensitiveDefault = new ProfileVariable("dbPassword", VariableType.STRING);
    sensitiveDefault.setSensitive(true);
    sensitiveDefault.setDefaultValue("hunter2");
    ProfileVariable twice = new ProfileVariable("region", VariableType.STRING);
    ProfileVariable badName = new ProfileVariable("store-id", VariableType.STRING);
    spec.setVariables(new ArrayList<>(List.of(badPattern, defaultMismatch, sensitiveDefault, twice, badName)));

    List<Problem> problems = ProfileCheck.problems(spec);
    assertThat(problems).extracting(Problem::reason).containsOnly(ProfileCheck.INVALID_VARIABLE);
    assertThat(problems).extracting(Problem::message).satisfiesExactly(
        m -> assertThat(m).contains("storeId", "not a valid regular expression"),
        m -> assertThat(m).contains("default of variable region", "does not match"),
        m -> assertThat(m).contains("dbPassword", "sensitive", "no default").doesNotContain("hunter2"),
        m -> assertThat(m).contains("region", "declared twice"),
        m -> assertThat(m).contains("store-id", "letter or '_'"));
  }

  @Test
  @DisplayName("When variables are declared rightly, then the profile has no problem")
  void validVariables() {
    ClusterProfileSpec spec = valid();
    ProfileVariable storeId = new ProfileVariable("storeId", VariableType.STRING);
    storeId.setPattern("^[0-9]{4}$");
    storeId.setDefaultValue("0001");
    spec.setVariables(new ArrayList<>(List.of(storeId, new ProfileVariable("_debug", VariableType.BOOLEAN))));
    assertThat(ProfileCheck.problems(spec)).isEmpty();
  }
}
