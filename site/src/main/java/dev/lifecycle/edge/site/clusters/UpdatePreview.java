package dev.lifecycle.edge.site.clusters;

import java.util.List;

/**
 * What updating a cluster to another definition version would do, shown before anything changes.
 *
 * @param cluster the cluster
 * @param fromProfile the ClusterProfile it runs now (spec.profileRef)
 * @param fromVersion that profile's version
 * @param toProfile the ClusterProfile it would run
 * @param toVersion that profile's version
 * @param definition the digest of the definition the target version comes from
 * @param layers every layer of both versions: what changes and what that costs a host
 * @param hostAction the most a host must do: Reboot, RestartServices or None
 * @param hostActionMeaning what that means for the site, for a person
 * @param variables every variable of both versions: added, removed, changed or kept
 * @param refused why the update cannot be applied; empty when it can
 * @param notes what a person should know before applying (a rollout under way, a paused cluster)
 */
public record UpdatePreview(String cluster, String fromProfile, String fromVersion, String toProfile,
    String toVersion, String definition, List<LayerImpact> layers, String hostAction, String hostActionMeaning,
    List<VariableChange> variables, List<String> refused, List<String> notes) {

  /** Whether the update can be applied. */
  public boolean applicable() {
    return refused.isEmpty();
  }

  /**
   * One layer.
   *
   * @param change Added, Removed, Changed or Unchanged
   * @param fromArtifact the image or chart before (null for an added layer)
   * @param toArtifact the image or chart after (null for a removed layer)
   * @param hostAction Reboot, RestartServices or None, by the operator's rule
   * @param meaning what the change does to a host, for a person
   */
  public record LayerImpact(String name, String type, String change, String fromVersion, String toVersion,
      String fromArtifact, String toArtifact, String hostAction, String meaning) {
  }

  /**
   * One variable.
   *
   * @param change Added, Removed, Changed or Kept
   * @param from its value now, as shown (a sensitive one as "(secret)"), or null
   * @param to its value after the update, as shown, or null
   * @param note why, for a person
   */
  public record VariableChange(String name, String change, String from, String to, boolean sensitive, String note) {
  }
}
