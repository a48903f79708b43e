package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.ClusterVariable;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.operator.variables.VariableReasons;
import dev.lifecycle.edge.operator.variables.VariableResolver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A cluster's variable values as the site writes them, from the values a person gives and those the cluster has,
 * judged against a profile version's declarations by the operator's own {@link VariableResolver}, one variable at
 * a time so that every problem is named, not only the first. Pure.
 *
 * <p>A value given for a sensitive variable goes into the cluster's site Secret ({@link SiteLabels#variablesSecret})
 * and the cluster names it with {@code valueFrom.secretKeyRef}; any other value is written in the cluster. A value
 * the cluster has and the person does not change is kept as it is (a local override survives an update), except
 * that a literal value of a variable that became sensitive moves into the Secret.
 */
final class VariableValues {

  /** The digest is only compared within one judgement here: any key does. */
  private static final byte[] KEY = "site-variable-check".getBytes(StandardCharsets.UTF_8);

  /**
   * @param variables what spec.variables becomes, in the order of the declarations
   * @param secretValues what the site Secret's keys become (only those written now), never shown
   * @param problems for a person, one per variable at fault; empty when the values are good
   */
  record Outcome(List<ClusterVariable> variables, Map<String, String> secretValues, List<String> problems) {

    @Override
    public String toString() {
      return "Outcome[variables=" + variables + ", secretValues=" + secretValues.keySet() + ", problems=" + problems
          + "]";
    }
  }

  private VariableValues() {
  }

  /**
   * @param declared the version's declarations
   * @param current the cluster's values now (empty for a new cluster)
   * @param given the values the person gives, by name (a name absent: not given)
   * @param secretName the cluster's site Secret
   * @param secrets what a Secret key the cluster names holds now
   */
  static Outcome judge(List<ProfileVariable> declared, List<ClusterVariable> current, Map<String, String> given,
      String secretName, Function<SecretKeyReference, VariableResolver.SecretValue> secrets) {
    List<ProfileVariable> declarations = declared == null ? List.of() : declared;
    Map<String, ClusterVariable> now = new LinkedHashMap<>();
    (current == null ? List.<ClusterVariable>of() : current).forEach(v -> now.put(v.getName(), v));
    Map<String, String> values = given == null ? Map.of() : given;

    List<String> problems = new ArrayList<>();
    List<String> names = declarations.stream().map(ProfileVariable::getName).toList();
    values.keySet().stream().filter(name -> !names.contains(name)).sorted().forEach(name -> problems.add(
        "variable " + name + " is not declared by this version (it declares: "
            + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"));

    List<ClusterVariable> variables = new ArrayList<>();
    Map<String, String> secretValues = new LinkedHashMap<>();
    for (ProfileVariable declaration : declarations) {
      String name = declaration.getName();
      ClusterVariable value = null;
      if (values.containsKey(name) && values.get(name) != null) {
        String text = values.get(name);
        if (declaration.isSensitive()) {
          secretValues.put(name, text);
          value = new ClusterVariable(name, new SecretKeyReference(secretName, name));
        } else {
          value = new ClusterVariable(name, text);
        }
      } else if (now.containsKey(name)) {
        ClusterVariable kept = now.get(name);
        if (declaration.isSensitive() && kept.getValueFrom() == null && kept.getValue() != null) {
          secretValues.put(name, kept.getValue());
          value = new ClusterVariable(name, new SecretKeyReference(secretName, name));
        } else {
          value = kept;
        }
      }
      Function<SecretKeyReference, VariableResolver.SecretValue> reading = ref ->
          secretName.equals(ref.getName()) && secretValues.containsKey(ref.getKey())
              ? new VariableResolver.Found(secretValues.get(ref.getKey())) : secrets.apply(ref);
      VariableResolver.Outcome outcome = VariableResolver.resolve(List.of(declaration),
          value == null ? List.of() : List.of(value), reading, List.of(), KEY);
      if (outcome instanceof VariableResolver.Refused refused) {
        problems.add(problem(declaration, refused));
      }
      if (value != null) {
        variables.add(value);
      }
    }
    return new Outcome(variables, secretValues, problems);
  }

  /** The resolver's sentence, or the site's where the resolver speaks of the EdgeCluster's fields. */
  private static String problem(ProfileVariable declaration, VariableResolver.Refused refused) {
    String name = declaration.getName();
    return switch (refused.reason()) {
      case VariableReasons.REQUIRED -> "variable " + name + " is required and has no default: give it a value"
          + (declaration.getDescription() == null ? "" : " (" + declaration.getDescription() + ")");
      case VariableReasons.SECRET_MISSING -> refused.message() + "; give it a new value";
      default -> refused.message();
    };
  }
}
