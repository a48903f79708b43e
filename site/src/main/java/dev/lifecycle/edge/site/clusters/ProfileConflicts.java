package dev.lifecycle.edge.site.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides what applying a definition's profile versions does to the ClusterProfiles the site holds: a version
 * the site lacks is created, one it holds with the same spec is left as it is, and one it holds with another
 * spec under the same name is a conflict (a profile version is immutable: the same name must mean the same
 * content everywhere). Pure.
 */
final class ProfileConflicts {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param toCreate the versions the site lacks
   * @param identical the names of the versions the site holds already, as they are
   * @param conflicts for a person, one per version held with other content
   */
  record Decision(List<ClusterProfile> toCreate, List<String> identical, List<String> conflicts) {
  }

  private ProfileConflicts() {
  }

  static Decision decide(List<ClusterProfile> wanted, List<ClusterProfile> existing) {
    Map<String, ClusterProfile> held = existing.stream()
        .collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity(), (a, b) -> a));
    List<ClusterProfile> toCreate = new ArrayList<>();
    List<String> identical = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    for (ClusterProfile profile : wanted) {
      String name = profile.getMetadata().getName();
      ClusterProfile current = held.get(name);
      if (current == null) {
        toCreate.add(profile);
        continue;
      }
      List<String> differing = differingFields(current.getSpec(), profile.getSpec());
      if (differing.isEmpty()) {
        identical.add(name);
      } else {
        conflicts.add("ClusterProfile " + name + " already exists at the site with other content (its "
            + String.join(", ", differing) + " differ" + (differing.size() == 1 ? "s" : "") + "); a profile version "
            + "never changes once created, so the definition must name this content as a new version");
      }
    }
    return new Decision(toCreate, identical, conflicts);
  }

  /** The spec fields that differ, such as {@code spec.layers}; empty when the specs are the same. */
  private static List<String> differingFields(ClusterProfileSpec held, ClusterProfileSpec wanted) {
    JsonNode a = JSON.valueToTree(held);
    JsonNode b = JSON.valueToTree(wanted);
    TreeSet<String> fields = new TreeSet<>();
    for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
      fields.add(names.next());
    }
    for (Iterator<String> names = b.fieldNames(); names.hasNext(); ) {
      fields.add(names.next());
    }
    return fields.stream().filter(f -> !a.path(f).equals(b.path(f))).map(f -> "spec." + f).toList();
  }
}
