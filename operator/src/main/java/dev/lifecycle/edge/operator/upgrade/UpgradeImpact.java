package dev.lifecycle.edge.operator.upgrade;

import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.LayerChange.Change;
import dev.lifecycle.edge.api.v1alpha1.LayerChange.HostAction;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two profile versions layer by layer, before anything moves, and says what each change
 * costs a host: a new OS image reboots it, a new Kubernetes, CNI or CSI layer restarts services,
 * an add-on changes nothing on the host (it is applied inside the running cluster).
 */
public final class UpgradeImpact {

  private UpgradeImpact() {
  }

  /** The layers that differ, in the order of the target profile (removed layers last). */
  public static List<LayerChange> compare(List<ProfileLayer> from, List<ProfileLayer> to) {
    Map<String, ProfileLayer> before = byName(from);
    Map<String, ProfileLayer> after = byName(to);
    List<LayerChange> changes = new ArrayList<>();
    after.forEach((name, layer) -> {
      ProfileLayer old = before.get(name);
      if (old == null) {
        changes.add(new LayerChange(name, layer.getType(), Change.Added, null, layer.getVersion(),
            action(layer.getType())));
      } else if (!same(old, layer)) {
        changes.add(new LayerChange(name, layer.getType(), Change.Changed, old.getVersion(), layer.getVersion(),
            action(layer.getType() == old.getType() ? layer.getType() : moreDisruptive(old.getType(),
                layer.getType()))));
      }
    });
    before.forEach((name, layer) -> {
      if (!after.containsKey(name)) {
        changes.add(new LayerChange(name, layer.getType(), Change.Removed, layer.getVersion(), null,
            action(layer.getType())));
      }
    });
    return changes;
  }

  /** The most disruptive action of all the changes; None when nothing touches a host. */
  public static HostAction hostAction(List<LayerChange> changes) {
    return changes.stream().map(LayerChange::getHostAction).max(Comparator.naturalOrder()).orElse(HostAction.None);
  }

  /** What a change of a layer of this type costs a host. */
  public static HostAction action(LayerType type) {
    if (type == null) {
      return HostAction.RestartServices;
    }
    return switch (type) {
      case OS -> HostAction.Reboot;
      case KUBERNETES, CNI, CSI -> HostAction.RestartServices;
      case ADDON -> HostAction.None;
      // A profile with a layer of an unknown type is Invalid and never rolled out; compared anyway, it costs the most.
      case UNKNOWN -> HostAction.Reboot;
    };
  }

  /** A human summary, such as "k3s 1.30.4 -> 1.31.1 (RestartServices)". */
  public static String describe(List<LayerChange> changes) {
    if (changes.isEmpty()) {
      return "no layer changes";
    }
    return String.join(", ", changes.stream().map(c -> switch (c.getChange()) {
      case Added -> c.getName() + " added " + c.getToVersion();
      case Removed -> c.getName() + " removed";
      case Changed -> Objects.equals(c.getFromVersion(), c.getToVersion()) ? c.getName() + " " + c.getToVersion()
          + " values changed" : c.getName() + " " + c.getFromVersion() + " -> " + c.getToVersion();
    } + " (" + c.getHostAction() + ")").toList());
  }

  private static LayerType moreDisruptive(LayerType a, LayerType b) {
    return action(a).compareTo(action(b)) >= 0 ? a : b;
  }

  private static boolean same(ProfileLayer a, ProfileLayer b) {
    return a.getType() == b.getType() && Objects.equals(a.getVersion(), b.getVersion())
        && Objects.equals(a.getImage(), b.getImage()) && sameChart(a, b) && Objects.equals(a.getValues(),
        b.getValues());
  }

  private static boolean sameChart(ProfileLayer a, ProfileLayer b) {
    if (a.getChart() == null || b.getChart() == null) {
      return a.getChart() == b.getChart();
    }
    return Objects.equals(a.getChart().getRepository(), b.getChart().getRepository())
        && Objects.equals(a.getChart().getName(), b.getChart().getName());
  }

  private static Map<String, ProfileLayer> byName(List<ProfileLayer> layers) {
    Map<String, ProfileLayer> map = new LinkedHashMap<>();
    if (layers != null) {
      layers.forEach(l -> map.put(l.getName(), l));
    }
    return map;
  }
}
