package dev.lifecycle.edge.operator.definition;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which ClusterProfile versions a cluster definition may hold, and why not: the decision of
 * {@code definition export}, apart from reading the API and writing the archive. A site could not use a profile
 * version that does not exist, that the operator has not judged Ready, or a definition in which two profiles
 * both carry an os or a kubernetes layer (a site's cluster runs the os and the Kubernetes of one profile; the
 * versions of one profile are its upgrade path, and may all be exported together).
 */
public final class DefinitionSelection {

  private static final int NAMES_SHOWN = 10;

  private DefinitionSelection() {
  }

  /**
   * The profile versions to export, in the order asked (each once), or every refusal found.
   *
   * @param namespace   the namespace read, for messages
   * @param requested   the names given with --profile
   * @param inNamespace every ClusterProfile of the namespace
   */
  public static Selection decide(String namespace, List<String> requested, List<ClusterProfile> inNamespace) {
    if (requested.isEmpty()) {
      return Selection.refused(List.of("name at least one ClusterProfile version to export (--profile NAME)"));
    }
    Map<String, ClusterProfile> byName = new LinkedHashMap<>();
    inNamespace.forEach(profile -> byName.put(profile.getMetadata().getName(), profile));
    List<String> refusals = new ArrayList<>();
    List<ClusterProfile> chosen = new ArrayList<>();
    for (String name : new LinkedHashSet<>(requested)) {
      ClusterProfile profile = byName.get(name);
      if (profile == null) {
        refusals.add(notFound(namespace, name, byName.keySet()));
        continue;
      }
      notUsable(profile).ifPresentOrElse(refusals::add, () -> chosen.add(profile));
    }
    conflictingBase(chosen).ifPresent(refusals::add);
    return refusals.isEmpty() ? Selection.exportable(chosen) : Selection.refused(refusals);
  }

  private static String notFound(String namespace, String name, java.util.Set<String> existing) {
    if (existing.isEmpty()) {
      return "ClusterProfile " + name + " does not exist: namespace " + namespace + " holds no ClusterProfile";
    }
    List<String> shown = existing.stream().sorted().limit(NAMES_SHOWN).toList();
    return "ClusterProfile " + name + " does not exist in namespace " + namespace + " (it holds "
        + String.join(", ", shown) + (existing.size() > NAMES_SHOWN ? ", ..." : "") + ")";
  }

  /** Why a site could not use this version, or empty when it is Ready. */
  static Optional<String> notUsable(ClusterProfile profile) {
    String name = "ClusterProfile " + profile.getMetadata().getName();
    if (profile.getMetadata().getDeletionTimestamp() != null) {
      return Optional.of(name + " is being deleted");
    }
    if (profile.getSpec() == null) {
      return Optional.of(name + " has no spec");
    }
    Optional<Condition> ready = profile.getStatus() == null ? Optional.empty()
        : profile.getStatus().condition(ConditionTypes.READY);
    if (ready.isEmpty()) {
      return Optional.of(name + " is not Ready: it has no Ready condition yet (the operator has not judged it; is "
          + "the operator running?)");
    }
    Condition condition = ready.get();
    if (condition.isTrue()) {
      return Optional.empty();
    }
    return Optional.of(name + " is not Ready (Ready=" + condition.getStatus()
        + (condition.getReason() == null ? "" : ", reason " + condition.getReason()) + ")"
        + (condition.getMessage() == null || condition.getMessage().isBlank() ? "" : ": " + condition.getMessage()));
  }

  /**
   * The refusal when versions of two or more profiles carry os or kubernetes layers, naming each profile with
   * the first of its versions that carries them and those layers.
   */
  static Optional<String> conflictingBase(List<ClusterProfile> chosen) {
    Map<String, String> carriers = new LinkedHashMap<>();
    for (ClusterProfile profile : chosen) {
      List<ProfileLayer> base = profile.getSpec().getLayers().stream()
          .filter(layer -> layer.getType() == LayerType.OS || layer.getType() == LayerType.KUBERNETES).toList();
      if (!base.isEmpty()) {
        carriers.putIfAbsent(ProfileFamily.of(profile), "profile " + ProfileFamily.of(profile) + " ("
            + profile.getMetadata().getName() + ": " + base.stream()
            .map(layer -> layer.getType().value() + " layer " + layer.getName()).collect(Collectors.joining(", "))
            + ")");
      }
    }
    if (carriers.size() < 2) {
      return Optional.empty();
    }
    List<String> named = new ArrayList<>(carriers.values());
    String last = named.remove(named.size() - 1);
    return Optional.of((carriers.size() == 2 ? "two profiles both" : carriers.size() + " profiles") + " carry os or "
        + "kubernetes layers: " + String.join(", ", named) + " and " + last + ". A site's cluster runs the os and "
        + "the Kubernetes of one profile: export the versions of one profile per definition");
  }

  /** The outcome: the versions to export, or why nothing is exported. */
  public record Selection(List<ClusterProfile> profiles, List<String> refusals) {

    public Selection {
      profiles = List.copyOf(profiles);
      refusals = List.copyOf(refusals);
    }

    static Selection exportable(List<ClusterProfile> profiles) {
      return new Selection(profiles, List.of());
    }

    static Selection refused(List<String> refusals) {
      return new Selection(List.of(), refusals);
    }

    public boolean isRefused() {
      return !refusals.isEmpty();
    }
  }
}
