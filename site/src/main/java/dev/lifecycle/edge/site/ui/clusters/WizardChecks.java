package dev.lifecycle.edge.site.ui.clusters;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.site.clusters.ClusterCreationPlan;
import dev.lifecycle.edge.site.clusters.CreationChecks;
import dev.lifecycle.edge.site.clusters.HostCandidate;
import dev.lifecycle.edge.site.clusters.KeptDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The problems of a wizard step's answers, by the form field they belong to ({@code name}, {@code version},
 * {@code var-storeId}, {@code hosts}, {@code network}), each judged by the creation's own rules
 * ({@link CreationChecks}). Pure.
 */
public final class WizardChecks {

  /** The field the problems of the chosen hosts are shown at. */
  public static final String HOSTS = "hosts";
  /** The field the problems of the network settings are shown at. */
  public static final String NETWORK = "network";

  private WizardChecks() {
  }

  /** The id of a variable's field (variable names are letters, digits and '_', safe in ids). */
  public static String variableField(String variable) {
    return "var-" + variable;
  }

  /**
   * @param definition the kept definition the draft names, if the site holds it
   * @param hosts the linked hosts
   */
  public static Map<String, List<String>> of(WizardStep step, ClusterDraft draft, Optional<KeptDefinition> definition,
      List<HostCandidate> hosts) {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    Optional<ClusterProfile> version = definition.flatMap(d -> d.version(draft.version()));
    if (step == WizardStep.DEFINITION || step == WizardStep.REVIEW) {
      put(problems, "name", CreationChecks.name(draft.name()));
      if (version.isEmpty()) {
        put(problems, "version", List.of("choose a definition and one of its versions"));
      }
    }
    if ((step == WizardStep.VARIABLES || step == WizardStep.REVIEW) && version.isPresent()) {
      for (ProfileVariable declaration : declarations(version.get())) {
        put(problems, variableField(declaration.getName()),
            CreationChecks.variable(declaration, draft.variables().get(declaration.getName())));
      }
    }
    if (step == WizardStep.HOSTS || step == WizardStep.REVIEW) {
      put(problems, HOSTS, CreationChecks.hosts(draft.hosts(), hosts));
    }
    if (step == WizardStep.NETWORK || step == WizardStep.REVIEW) {
      put(problems, NETWORK, CreationChecks.network(draft.network()));
    }
    return problems;
  }

  /** The control-plane rule in words, as the planner decides it. */
  public static String controlPlaneRule() {
    List<Integer> counts = ClusterCreationPlan.CONTROL_PLANE_COUNTS;
    String allowed = String.join(" or ", counts.stream().map(String::valueOf).toList());
    return "A cluster has " + allowed + " control-plane hosts (the hosts that run the cluster itself), never "
        + "another number: " + ClusterCreationPlan.CONTROL_PLANE_WHY + ". Every other host you choose is a worker "
        + "(it runs the store's applications); a host you leave out stays Available for later.";
  }

  static List<ProfileVariable> declarations(ClusterProfile version) {
    return version.getSpec().getVariables() == null ? List.of() : version.getSpec().getVariables();
  }

  private static void put(Map<String, List<String>> problems, String field, List<String> found) {
    if (!found.isEmpty()) {
      problems.put(field, List.copyOf(found));
    }
  }
}
