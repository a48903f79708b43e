package dev.lifecycle.edge.site.ui.clusters;

import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.site.clusters.DefinitionSummary;
import dev.lifecycle.edge.site.clusters.HostCandidate;
import dev.lifecycle.edge.site.ui.Chrome;
import java.util.List;
import java.util.Map;

/**
 * A page of the create-cluster wizard.
 *
 * @param definitions the kept definitions (step 1)
 * @param variables the chosen version's declarations (step 2 and the review), empty before one is chosen
 * @param chosen a sentence naming the chosen definition and version, or null
 * @param hosts the linked hosts (step 3)
 * @param problems the problems of the answers, by field
 * @param refusal the site's refusal of the creation, in its problems (the review page after Create), or empty
 */
public record WizardView(Chrome chrome, WizardStep step, ClusterDraft draft, List<DefinitionSummary> definitions,
    List<ProfileVariable> variables, String chosen, List<HostCandidate> hosts, Map<String, List<String>> problems,
    List<String> refusal) {

  public static final String PATH = "/clusters/new";
  public static final String CREATE = "/clusters/new/create";
  public static final String CHECK = "/clusters/new/check";

  public List<WizardStep> steps() {
    return List.of(WizardStep.values());
  }

  public String currentOf(WizardStep other) {
    return other == step ? "step" : null;
  }

  public List<String> problemsOf(String field) {
    return problems.getOrDefault(field, List.of());
  }

  public boolean hasProblems() {
    return !problems.isEmpty() || !refusal.isEmpty();
  }

  /** {@code aria-invalid} of a field: "true" when it has problems, else no attribute. */
  public String invalid(String field) {
    return problems.containsKey(field) ? "true" : null;
  }

  /** The radio value of a definition's version. */
  public static String pick(DefinitionSummary definition, DefinitionSummary.Version version) {
    return definition.digest() + " " + version.name();
  }

  public boolean picked(DefinitionSummary definition, DefinitionSummary.Version version) {
    return definition.digest().equals(draft.definition()) && version.name().equals(draft.version());
  }

  public static String fieldOf(ProfileVariable variable) {
    return WizardChecks.variableField(variable.getName());
  }

  public static String type(ProfileVariable variable) {
    return switch (variable.effectiveType()) {
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      default -> "text";
    } + (variable.getPattern() == null ? "" : ", of the form " + variable.getPattern());
  }

  public String controlPlaneRule() {
    return WizardChecks.controlPlaneRule();
  }

  public List<HostCandidate> available() {
    return hosts.stream().filter(h -> h.unavailableBecause() == null).toList();
  }

  public List<HostCandidate> unavailable() {
    return hosts.stream().filter(h -> h.unavailableBecause() != null).toList();
  }

  /** A host's role in words for the review. */
  public static String roleWords(String role) {
    return ClusterDraft.CONTROL_PLANE.equals(role) ? "control plane" : ClusterDraft.WORKER.equals(role) ? "worker"
        : role;
  }

  /** What the review shows of a variable's value: a sensitive one hidden, a blank one its default. */
  public String shown(ProfileVariable variable) {
    String value = draft.variables().get(variable.getName());
    if (value == null) {
      return variable.getDefaultValue() == null ? "(not set)" : variable.getDefaultValue() + " (the default)";
    }
    return variable.isSensitive() ? "(hidden: " + value.length() + " characters)" : value;
  }

  public String defaultPodRange() {
    return dev.lifecycle.edge.site.clusters.CreationChecks.defaultPodRange();
  }

  public String defaultServiceRange() {
    return dev.lifecycle.edge.site.clusters.CreationChecks.defaultServiceRange();
  }
}
