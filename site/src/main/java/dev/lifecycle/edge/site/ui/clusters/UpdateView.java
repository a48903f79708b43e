package dev.lifecycle.edge.site.ui.clusters;

import dev.lifecycle.edge.site.clusters.ClusterProgress;
import dev.lifecycle.edge.site.clusters.DefinitionSummary;
import dev.lifecycle.edge.site.clusters.UpdatePreview;
import dev.lifecycle.edge.site.ui.Chrome;
import java.util.List;

/**
 * The update page of a cluster: the versions to choose from and, once one is chosen, the preview of that update.
 *
 * @param definition the chosen definition's digest, or null
 * @param version the chosen version, or null
 * @param preview what the update would do, or null before a version is chosen
 * @param refusal the site's refusal of Apply, or empty
 */
public record UpdateView(Chrome chrome, ClusterProgress cluster, List<DefinitionSummary> definitions,
    String definition, String version, UpdatePreview preview, List<String> refusal) {

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
