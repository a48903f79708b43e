package dev.lifecycle.edge.site.ui.clusters;

import dev.lifecycle.edge.site.clusters.ClusterProgress;
import dev.lifecycle.edge.site.clusters.DefinitionSummary;
import dev.lifecycle.edge.site.clusters.UpdatePreview;
import dev.lifecycle.edge.site.ui.Chrome;
import java.util.List;
import java.util.Map;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;

/**
 * The update page of a cluster: the versions to choose from and, once one is chosen, the preview of that update.
 *
 * @param definition the chosen definition's digest, or null
 * @param version the chosen version, or null
 * @param values new values of settings typed for the update, by name (the others are kept)
 * @param preview what the update would do, or null before a version is chosen
 * @param refusal the site's refusal of Apply, or empty
 */
public record UpdateView(Chrome chrome, ClusterProgress cluster, List<DefinitionSummary> definitions,
    String definition, String version, Map<String, String> values, UpdatePreview preview, List<String> refusal) {

  /** The settings the chosen version declares (what the settings form offers to change), empty before a choice. */
  public List<ProfileVariable> targetVariables() {
    return definitions.stream().filter(d -> d.digest().equals(definition)).flatMap(d -> d.versions().stream())
        .filter(v -> v.name().equals(version)).findFirst().map(DefinitionSummary.Version::variables)
        .orElse(List.of());
  }

  /** The new value typed for a setting, or "" (keep). */
  public String value(String variable) {
    return values.getOrDefault(variable, "");
  }

  public String previewPath() {
    return path() + "/preview";
  }

  public String path() {
    return "/clusters/" + cluster.name() + "/update";
  }

  public boolean picked(DefinitionSummary d, DefinitionSummary.Version v) {
    return d.digest().equals(definition) && v.name().equals(version);
  }

  /** What a host must do, in short words. */
  public static String action(String hostAction) {
    return switch (hostAction == null ? "" : hostAction) {
      case "Reboot" -> "reboot";
      case "RestartServices" -> "restart services";
      case "None" -> "none";
      default -> hostAction;
    };
  }

  public static String actionClass(String hostAction) {
    return switch (hostAction == null ? "" : hostAction) {
      case "Reboot" -> "state-warn";
      case "RestartServices" -> "state-warn";
      default -> "state-ok";
    };
  }
}
