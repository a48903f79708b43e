package dev.lifecycle.edge.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.bundle.ProfileRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProfileNeedsTest {

  private static final Path FILE = Path.of("src/test/resources/profiles.yaml");

  @Test
  @DisplayName("When profiles are read from a file with other kinds and a List, then every layer's image, extraImages "
      + "and chart is needed, each naming its layer and profile (the label's name, else the object's)")
  void fromFile() throws Exception {
    List<ClusterProfile> profiles = ProfileSource.fromFiles(List.of(FILE), List.of());
    ProfileNeeds needs = ProfileNeeds.of(profiles);

    assertThat(needs.profiles()).containsExactly(new ProfileRef("store-edge", "1.1.0"),
        new ProfileRef("kiosk-2.0.0", "2.0.0"));
    assertThat(needs.images()).containsExactly(
        new ImageNeed("registry.local/edge/os:1.4.0", "layer 'edge-os' in profile store-edge 1.1.0"),
        new ImageNeed("registry.local/edge/k3s:v1.30.4", "layer 'k3s' in profile store-edge 1.1.0"),
        new ImageNeed("registry.local/k3s/pause:3.9", "extraImages of layer 'k3s' in profile store-edge 1.1.0"),
        new ImageNeed("registry.local/edge/os:1.4.0", "layer 'os' in profile kiosk-2.0.0 2.0.0"),
        new ImageNeed("registry.local/edge/k3s:v1.30.4", "layer 'k8s' in profile kiosk-2.0.0 2.0.0"));
    assertThat(needs.charts()).singleElement().satisfies(chart -> {
      assertThat(chart.describe()).isEqualTo("chart oci://registry.local/charts/web 1.0.0");
      assertThat(chart.values()).isEqualTo(Map.of("replicas", 2));
      assertThat(chart.layer()).hasToString("layer 'web' in profile store-edge 1.1.0");
    });
  }

  @Test
  @DisplayName("When profiles are named, then only those are read, in the order named; a name not in the files is an error naming it")
  void byName() throws Exception {
    assertThat(ProfileSource.fromFiles(List.of(FILE), List.of("kiosk-2.0.0", "store-edge-1.1.0")))
        .extracting(profile -> profile.getMetadata().getName()).containsExactly("kiosk-2.0.0", "store-edge-1.1.0");
    assertThatThrownBy(() -> ProfileSource.fromFiles(List.of(FILE), List.of("store-edge-1.1.0", "nope-1.0.0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no ClusterProfile nope-1.0.0 in [" + FILE + "]");
  }

  @Test
  @DisplayName("When a file holds no ClusterProfile or no profile is given, then the error says so")
  void none() {
    assertThatThrownBy(() -> ProfileNeeds.of(List.of())).hasMessage("no profile to build a bundle for");
    ClusterProfile empty = new ClusterProfile();
    empty.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("x-1.0.0").build());
    assertThatThrownBy(() -> ProfileNeeds.of(List.of(empty)))
        .hasMessage("ClusterProfile x-1.0.0 has no spec.version or no layers");
  }
}
