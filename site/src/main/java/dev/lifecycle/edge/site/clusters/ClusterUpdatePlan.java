package dev.lifecycle.edge.site.clusters;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterVariable;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.api.v1alpha1.SecretVariable;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.definition.ProfileFamily;
import dev.lifecycle.edge.operator.upgrade.RolloutStep;
import dev.lifecycle.edge.operator.upgrade.UpgradeImpact;
import dev.lifecycle.edge.operator.variables.VariableImpact;
import dev.lifecycle.edge.operator.variables.VariableResolver;
import dev.lifecycle.edge.site.clusters.UpdatePreview.LayerImpact;
import dev.lifecycle.edge.site.clusters.UpdatePreview.VariableChange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What updating a cluster to another definition version changes, decided before anything is written: the preview
 * a person reads (the impact of each layer by the operator's own rule, {@link UpgradeImpact}, on the layers with the
 * cluster's values resolved by {@link VariableResolver}, as the operator compares them when the rollout begins; the
 * variable changes; what is refused) and, when nothing is refused, the spec the cluster gets. Pure.
 *
 * @param preview what a person reads
 * @param target the version the cluster moves to, or null when the definition lacks it
 * @param variables what spec.variables becomes
 * @param secretName the cluster's site Secret
 * @param secretValues the keys of the site Secret written now; never shown
 */
public record ClusterUpdatePlan(UpdatePreview preview, ClusterProfile target, List<ClusterVariable> variables,
    String secretName, Map<String, String> secretValues) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] KEY = "site-update-preview".getBytes(StandardCharsets.UTF_8);

  /**
   * @param cluster the cluster as it is
   * @param current the ClusterProfile its spec.profileRef names
   * @param definition the kept definition the target version comes from
   * @param secrets what a Secret key the cluster names holds now
   */
  public static ClusterUpdatePlan plan(EdgeCluster cluster, ClusterProfile current, KeptDefinition definition,
      UpdateClusterRequest request, Function<SecretKeyReference, VariableResolver.SecretValue> secrets) {
    String name = cluster.getMetadata().getName();
    String secretName = SiteLabels.variablesSecret(name);
    List<ClusterVariable> now = cluster.getSpec().getVariables();
    List<String> refused = new ArrayList<>();
    List<String> notes = notes(cluster);
    String fromProfile = current.getMetadata().getName();
    String fromVersion = current.getSpec().getVersion();

    Optional<ClusterProfile> found = definition.version(request.version());
    if (found.isEmpty()) {
      refused.add((request.version() == null ? "choose a version" : "the definition holds no version "
          + request.version()) + " (it holds: " + definition.versionList() + ")");
      return new ClusterUpdatePlan(new UpdatePreview(name, fromProfile, fromVersion, request.version(), null,
          definition.digest(), List.of(), LayerChange.HostAction.None.name(),
          HostActions.meaning(LayerChange.HostAction.None), List.of(), refused, notes), null, now, secretName,
          Map.of());
    }
    ClusterProfile target = found.get();
    String toVersion = target.getSpec().getVersion();
    if (!ProfileFamily.of(current).equals(ProfileFamily.of(target))) {
      refused.add("the cluster runs profile " + ProfileFamily.of(current) + ", and " + target.getMetadata().getName()
          + " is a version of profile " + ProfileFamily.of(target) + ": a cluster is updated to versions of its own "
          + "profile");
    } else if (SemanticVersions.isVersion(fromVersion) && SemanticVersions.isVersion(toVersion)
        && SemanticVersions.compare(toVersion, fromVersion) < 0) {
      refused.add(toVersion + " is older than " + fromVersion + ", which the cluster runs: the site does not "
          + "downgrade a cluster (its hosts' data may not read back); update to " + fromVersion + " or newer");
    }

    VariableValues.Outcome values = VariableValues.judge(target.getSpec().getVariables(), now, request.variables(),
        secretName, secrets);
    refused.addAll(values.problems());
    Function<SecretKeyReference, VariableResolver.SecretValue> after = ref ->
        secretName.equals(ref.getName()) && values.secretValues().containsKey(ref.getKey())
            ? new VariableResolver.Found(values.secretValues().get(ref.getKey())) : secrets.apply(ref);

    List<ProfileLayer> before = comparable(current, now, secrets);
    List<ProfileLayer> afterLayers = comparable(target, values.variables(), after);
    List<LayerChange> changes = UpgradeImpact.compare(before, afterLayers);
    List<LayerImpact> layers = layers(before, afterLayers, changes);
    LayerChange.HostAction action = UpgradeImpact.hostAction(changes);

    List<VariableChange> variableChanges = variableChanges(current.getSpec().getVariables(), now,
        target.getSpec().getVariables(), values.variables(), request.variables(), toVersion);
    boolean sameValues = JSON.valueToTree(now == null ? List.of() : now).equals(JSON.valueToTree(values.variables()))
        && values.secretValues().isEmpty();
    if (refused.isEmpty() && fromProfile.equals(target.getMetadata().getName()) && sameValues) {
      refused.add("the cluster runs " + fromProfile + " with these values already: nothing would change");
    }
    UpdatePreview preview = new UpdatePreview(name, fromProfile, fromVersion, target.getMetadata().getName(),
        toVersion, definition.digest(), layers, action.name(), HostActions.meaning(action), variableChanges, refused,
        notes);
    return new ClusterUpdatePlan(preview, target, values.variables(), secretName, values.secretValues());
  }

  /** The layers as the operator compares them: values resolved, a value from a Secret by its digest. */
  private static List<ProfileLayer> comparable(ClusterProfile profile, List<ClusterVariable> values,
      Function<SecretKeyReference, VariableResolver.SecretValue> secrets) {
    VariableResolver.Outcome outcome = VariableResolver.resolve(profile.getSpec().getVariables(), values, secrets,
        profile.getSpec().getLayers(), KEY);
    if (!(outcome instanceof VariableResolver.Resolved resolved)) {
      // Values that do not resolve are refused already; the layers as written still show what changes.
      return profile.getSpec().getLayers();
    }
    List<SecretVariable> fromSecrets = new ArrayList<>();
    resolved.secretDigests().forEach((variable, digest) -> {
      SecretVariable secret = new SecretVariable();
      secret.setName(variable);
      secret.setDigest(digest);
      fromSecrets.add(secret);
    });
    return VariableImpact.comparable(resolved.layers(), fromSecrets);
  }

  private static List<LayerImpact> layers(List<ProfileLayer> before, List<ProfileLayer> after,
      List<LayerChange> changes) {
    Map<String, LayerChange> byName = new LinkedHashMap<>();
    changes.forEach(c -> byName.put(c.getName(), c));
    Map<String, ProfileLayer> old = new LinkedHashMap<>();
    before.forEach(l -> old.put(l.getName(), l));
    List<LayerImpact> impacts = new ArrayList<>();
    for (ProfileLayer layer : after) {
      LayerChange change = byName.get(layer.getName());
      ProfileLayer previous = old.get(layer.getName());
      if (change == null) {
        impacts.add(new LayerImpact(layer.getName(), type(layer), "Unchanged", layer.getVersion(), layer.getVersion(),
            artifact(layer), artifact(layer), LayerChange.HostAction.None.name(), "unchanged"));
      } else {
        impacts.add(impact(change, previous, layer));
      }
    }
    for (LayerChange change : changes) {
      if (change.getChange() == LayerChange.Change.Removed) {
        impacts.add(impact(change, old.get(change.getName()), null));
      }
    }
    return impacts;
  }

  private static LayerImpact impact(LayerChange change, ProfileLayer before, ProfileLayer after) {
    String meaning = switch (change.getChange()) {
      case Added -> "added: ";
      case Removed -> "removed: ";
      case Changed -> Objects.equals(change.getFromVersion(), change.getToVersion())
          && Objects.equals(artifact(before), artifact(after)) ? "its values change: " : "";
    } + HostActions.meaning(change.getHostAction());
    return new LayerImpact(change.getName(), change.getType() == null ? null : change.getType().value(),
        change.getChange().name(), change.getFromVersion(), change.getToVersion(), artifact(before), artifact(after),
        change.getHostAction().name(), meaning);
  }

  private static String type(ProfileLayer layer) {
    return layer.getType() == null ? null : layer.getType().value();
  }

  private static String artifact(ProfileLayer layer) {
    if (layer == null) {
      return null;
    }
    if (layer.getImage() != null) {
      return layer.getImage();
    }
    return layer.getChart() == null ? null : "chart " + layer.getChart().getName() + " from "
        + layer.getChart().getRepository();
  }

  private static List<VariableChange> variableChanges(List<ProfileVariable> declaredBefore,
      List<ClusterVariable> before, List<ProfileVariable> declaredAfter, List<ClusterVariable> after,
      Map<String, String> given, String toVersion) {
    Map<String, ProfileVariable> oldDeclarations = byName(declaredBefore);
    Map<String, ProfileVariable> newDeclarations = byName(declaredAfter);
    Map<String, ClusterVariable> oldValues = values(before);
    Map<String, ClusterVariable> newValues = values(after);
    Map<String, String> changed = given == null ? Map.of() : given;
    List<VariableChange> result = new ArrayList<>();
    for (ProfileVariable declaration : newDeclarations.values()) {
      String name = declaration.getName();
      ProfileVariable old = oldDeclarations.get(name);
      boolean sensitive = declaration.isSensitive();
      String to = shown(newValues.get(name), declaration);
      if (old == null) {
        result.add(new VariableChange(name, "Added", null, to, sensitive, "declared by " + toVersion
            + (newValues.containsKey(name) ? "" : declaration.getDefaultValue() != null ? ", its default applies"
            : ", no value")));
        continue;
      }
      // A value that becomes sensitive is not shown either: the preview outlives the update.
      String from = sensitive && oldValues.containsKey(name) && oldValues.get(name).getValueFrom() == null
          ? "(secret)" : shown(oldValues.get(name), old);
      List<String> declarationChanges = declarationChanges(old, declaration);
      if (changed.containsKey(name) && (sensitive || !Objects.equals(from, to))) {
        result.add(new VariableChange(name, "Changed", from, to, sensitive, sensitive ? "a new secret value"
            : "a new value"));
      } else if (!declarationChanges.isEmpty()) {
        result.add(new VariableChange(name, "Changed", from, to, sensitive, "its declaration changes: "
            + String.join(", ", declarationChanges) + (oldValues.containsKey(name) ? "; the cluster's value is kept"
            : "")));
      } else {
        result.add(new VariableChange(name, "Kept", from, to, sensitive, oldValues.containsKey(name)
            ? "the cluster's value is kept" : "no value given; " + (declaration.getDefaultValue() != null
            ? "its default applies" : "none")));
      }
    }
    for (ProfileVariable old : oldDeclarations.values()) {
      if (!newDeclarations.containsKey(old.getName())) {
        result.add(new VariableChange(old.getName(), "Removed", shown(oldValues.get(old.getName()), old), null,
            old.isSensitive(), toVersion + " does not declare it: its value is dropped"));
      }
    }
    return result;
  }

  private static List<String> declarationChanges(ProfileVariable old, ProfileVariable now) {
    List<String> changes = new ArrayList<>();
    if (old.effectiveType() != now.effectiveType()) {
      changes.add("type " + old.effectiveType() + " -> " + now.effectiveType());
    }
    if (!Objects.equals(old.getPattern(), now.getPattern())) {
      changes.add("pattern " + (old.getPattern() == null ? "none" : old.getPattern()) + " -> "
          + (now.getPattern() == null ? "none" : now.getPattern()));
    }
    if (!Objects.equals(old.getDefaultValue(), now.getDefaultValue())) {
      changes.add("default " + (old.getDefaultValue() == null ? "none" : old.getDefaultValue()) + " -> "
          + (now.getDefaultValue() == null ? "none" : now.getDefaultValue()));
    }
    if (old.isRequired() != now.isRequired()) {
      changes.add(now.isRequired() ? "now required" : "no longer required");
    }
    if (old.isSensitive() != now.isSensitive()) {
      changes.add(now.isSensitive() ? "now sensitive (its value moves into the cluster's Secret)"
          : "no longer sensitive");
    }
    return changes;
  }

  /** A value as a person may see it: a sensitive one or one read from a Secret never shows. */
  private static String shown(ClusterVariable value, ProfileVariable declaration) {
    if (value == null) {
      return declaration.getDefaultValue() == null ? null : declaration.getDefaultValue() + " (default)";
    }
    if (value.getValueFrom() != null) {
      SecretKeyReference ref = value.getValueFrom().getSecretKeyRef();
      return "(secret" + (ref == null ? "" : ": Secret " + ref.getName() + ", key " + ref.getKey()) + ")";
    }
    return declaration.isSensitive() ? "(secret)" : value.getValue();
  }

  private static List<String> notes(EdgeCluster cluster) {
    List<String> notes = new ArrayList<>();
    UpgradeStatus upgrade = cluster.getStatus() == null ? null : cluster.getStatus().getUpgrade();
    if (cluster.getStatus() == null || cluster.getStatus().getProfileVersion() == null) {
      notes.add("the cluster has not formed yet: it forms on the version it is updated to");
    }
    if (RolloutStep.active(upgrade)) {
      notes.add("a rollout from " + upgrade.getFrom() + " to " + upgrade.getTo() + " is under way ("
          + upgrade.getPhase() + "): applying turns it toward the new version; hosts already moved stay moved");
    }
    if (cluster.getSpec().isPaused()) {
      notes.add("the cluster is paused: nothing moves until it is resumed");
    }
    return notes;
  }

  private static Map<String, ProfileVariable> byName(List<ProfileVariable> declarations) {
    Map<String, ProfileVariable> map = new LinkedHashMap<>();
    if (declarations != null) {
      declarations.forEach(d -> map.put(d.getName(), d));
    }
    return map;
  }

  private static Map<String, ClusterVariable> values(List<ClusterVariable> values) {
    Map<String, ClusterVariable> map = new LinkedHashMap<>();
    if (values != null) {
      values.forEach(v -> map.put(v.getName(), v));
    }
    return map;
  }

  @Override
  public String toString() {
    return "ClusterUpdatePlan[preview=" + preview + ", secretValues=" + secretValues.keySet() + "]";
  }
}
