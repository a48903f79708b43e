package dev.lifecycle.edge.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.LayerChange.Change;
import dev.lifecycle.edge.api.v1alpha1.LayerChange.HostAction;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UpgradeImpactTest {

  private static ProfileLayer layer(String name, LayerType type, String version) {
    ProfileLayer layer = new ProfileLayer(name, type, version);
    layer.setImage("registry.example.com/edge/" + name + ":" + version);
    return layer;
  }

  private static ProfileLayer addon(String name, String version, Map<String, Object> values) {
    ProfileLayer layer = new ProfileLayer(name, LayerType.ADDON, version);
    layer.setChart(new ChartReference("https://charts.example.com", name));
    layer.setValues(values);
    return layer;
  }

  private static final List<ProfileLayer> V1 = List.of(layer("edge-os", LayerType.OS, "1.4.0"),
      layer("k3s", LayerType.KUBERNETES, "1.30.4"), layer("cilium", LayerType.CNI, "1.15.6"),
      addon("metrics", "2.0.0", Map.of("replicas", 1)));

  @Test
  @DisplayName("Identical profiles change nothing and cost a host nothing")
  void identical() {
    List<LayerChange> changes = UpgradeImpact.compare(V1, List.copyOf(V1));

    assertThat(changes).isEmpty();
    assertThat(UpgradeImpact.hostAction(changes)).isEqualTo(HostAction.None);
    assertThat(UpgradeImpact.describe(changes)).isEqualTo("no layer changes");
  }

  @Test
  @DisplayName("A new Kubernetes version restarts services; the other layers are not listed")
  void kubernetesRestartsServices() {
    List<ProfileLayer> v2 = List.of(V1.get(0), layer("k3s", LayerType.KUBERNETES, "1.31.1"), V1.get(2), V1.get(3));

    List<LayerChange> changes = UpgradeImpact.compare(V1, v2);

    assertThat(changes).extracting(LayerChange::getName, LayerChange::getChange, LayerChange::getFromVersion,
        LayerChange::getToVersion, LayerChange::getHostAction)
        .containsExactly(tuple("k3s", Change.Changed, "1.30.4", "1.31.1", HostAction.RestartServices));
    assertThat(UpgradeImpact.hostAction(changes)).isEqualTo(HostAction.RestartServices);
    assertThat(UpgradeImpact.describe(changes)).isEqualTo("k3s 1.30.4 -> 1.31.1 (RestartServices)");
  }

  @Test
  @DisplayName("A new OS image reboots, and the whole upgrade costs the most disruptive change")
  void osReboots() {
    List<ProfileLayer> v2 = List.of(layer("edge-os", LayerType.OS, "1.5.0"), layer("k3s", LayerType.KUBERNETES,
        "1.31.1"), V1.get(2), V1.get(3));

    List<LayerChange> changes = UpgradeImpact.compare(V1, v2);

    assertThat(changes).extracting(LayerChange::getName, LayerChange::getHostAction)
        .containsExactly(tuple("edge-os", HostAction.Reboot), tuple("k3s", HostAction.RestartServices));
    assertThat(UpgradeImpact.hostAction(changes)).isEqualTo(HostAction.Reboot);
  }

  @Test
  @DisplayName("Changed add-on values are a change that touches no host")
  void addonValuesTouchNoHost() {
    List<ProfileLayer> v2 = List.of(V1.get(0), V1.get(1), V1.get(2), addon("metrics", "2.0.0", Map.of("replicas", 3)));

    List<LayerChange> changes = UpgradeImpact.compare(V1, v2);

    assertThat(changes).extracting(LayerChange::getName, LayerChange::getChange, LayerChange::getHostAction)
        .containsExactly(tuple("metrics", Change.Changed, HostAction.None));
    assertThat(UpgradeImpact.hostAction(changes)).isEqualTo(HostAction.None);
  }

  @Test
  @DisplayName("The same version from another image is a change")
  void sameVersionOtherImage() {
    ProfileLayer rebuilt = layer("edge-os", LayerType.OS, "1.4.0");
    rebuilt.setImage("registry.example.com/edge/edge-os:1.4.0-hotfix");
    List<ProfileLayer> v2 = List.of(rebuilt, V1.get(1), V1.get(2), V1.get(3));

    assertThat(UpgradeImpact.compare(V1, v2)).extracting(LayerChange::getName, LayerChange::getHostAction)
        .containsExactly(tuple("edge-os", HostAction.Reboot));
  }

  @Test
  @DisplayName("Added and removed layers are listed, removed ones last, each with its own cost")
  void addedAndRemoved() {
    List<ProfileLayer> v2 = List.of(V1.get(0), V1.get(1), layer("longhorn", LayerType.CSI, "1.7.0"), V1.get(3));

    List<LayerChange> changes = UpgradeImpact.compare(V1, v2);

    assertThat(changes).extracting(LayerChange::getName, LayerChange::getChange, LayerChange::getFromVersion,
        LayerChange::getToVersion, LayerChange::getHostAction)
        .containsExactly(tuple("longhorn", Change.Added, null, "1.7.0", HostAction.RestartServices),
            tuple("cilium", Change.Removed, "1.15.6", null, HostAction.RestartServices));
    assertThat(UpgradeImpact.describe(changes))
        .isEqualTo("longhorn added 1.7.0 (RestartServices), cilium removed (RestartServices)");
  }

  @Test
  @DisplayName("A layer whose type changes costs what the more disruptive of the two types costs")
  void typeChange() {
    List<ProfileLayer> v2 = List.of(V1.get(0), V1.get(1), V1.get(2), layer("metrics", LayerType.OS, "2.0.0"));

    assertThat(UpgradeImpact.compare(V1, v2)).extracting(LayerChange::getHostAction)
        .containsExactly(HostAction.Reboot);
  }

  @Test
  @DisplayName("A downgrade is the same comparison in the other direction")
  void downgrade() {
    List<ProfileLayer> v2 = List.of(V1.get(0), layer("k3s", LayerType.KUBERNETES, "1.31.1"), V1.get(2), V1.get(3));

    assertThat(UpgradeImpact.compare(v2, V1)).extracting(LayerChange::getFromVersion, LayerChange::getToVersion)
        .containsExactly(tuple("1.31.1", "1.30.4"));
  }

  @Test
  @DisplayName("Missing layer lists compare as empty")
  void nullLists() {
    assertThat(UpgradeImpact.compare(null, null)).isEmpty();
    assertThat(UpgradeImpact.compare(null, V1)).hasSize(4).allMatch(c -> c.getChange() == Change.Added);
  }
}
