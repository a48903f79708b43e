package dev.lifecycle.edge.operator.definition;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import java.util.Map;

/**
 * Which profile a ClusterProfile object is a version of: its label {@code edge.lifecycle.dev/profile}; without
 * the label, its name without the {@code -<version>} suffix of the naming convention {@code <profile>-<version>};
 * otherwise its name (a profile of one version).
 */
public final class ProfileFamily {

  private ProfileFamily() {
  }

  public static String of(ClusterProfile profile) {
    Map<String, String> labels = profile.getMetadata().getLabels();
    String label = labels == null ? null : labels.get(ApiGroup.PROFILE_LABEL);
    if (label != null && !label.isBlank()) {
      return label;
    }
    String name = profile.getMetadata().getName();
    String version = profile.getSpec() == null ? null : profile.getSpec().getVersion();
    if (version != null && name.endsWith("-" + version) && name.length() > version.length() + 1) {
      return name.substring(0, name.length() - version.length() - 1);
    }
    return name;
  }
}
