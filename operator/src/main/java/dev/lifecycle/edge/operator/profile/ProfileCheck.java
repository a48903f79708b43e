package dev.lifecycle.edge.operator.profile;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The operator's own judgement of a profile, beyond what the schema checks: on an API server that
 * validates nothing (the embedded one), or for rules the schema cannot express, this is the guard.
 */
public final class ProfileCheck {

  private static final Pattern SEMVER = Pattern.compile(dev.lifecycle.edge.api.v1alpha1.Validation.SEMVER_REGEX);

  private static final String KNOWN_TYPES = Arrays.stream(LayerType.values()).filter(t -> t != LayerType.UNKNOWN)
      .map(LayerType::value).collect(Collectors.joining(", "));

  /** A variable declaration the profile cannot be used with. */
  public static final String INVALID_VARIABLE = "InvalidVariable";

  private ProfileCheck() {
  }

  /** A problem found in a profile: a CamelCase reason and a message for a person. */
  public record Problem(String reason, String message) {
  }

  /** Every problem of the spec, in a stable order; empty when the profile is usable. */
  public static List<Problem> problems(ClusterProfileSpec spec) {
    List<Problem> problems = new ArrayList<>();
    if (spec == null) {
      problems.add(new Problem("MissingSpec", "the profile has no spec"));
      return problems;
    }
    if (spec.getVersion() == null || !SEMVER.matcher(spec.getVersion()).matches()) {
      problems.add(new Problem("InvalidVersion",
          "spec.version '" + spec.getVersion() + "' is not a semantic version such as 1.2.0"));
    }
    List<ProfileLayer> layers = spec.getLayers() == null ? List.of() : spec.getLayers();
    List<String> unknownTypes = layers.stream().filter(l -> l.getType() == LayerType.UNKNOWN)
        .map(ProfileLayer::getName).toList();
    if (!unknownTypes.isEmpty()) {
      problems.add(new Problem("UnknownLayerType", "layer " + String.join(", ", unknownTypes)
          + " has a type this operator does not know (it knows " + KNOWN_TYPES + "): the profile was written "
          + "for a newer operator; upgrade the operator, or use a known type"));
    }
    for (LayerType required : List.of(LayerType.OS, LayerType.KUBERNETES)) {
      long count = layers.stream().filter(l -> l.getType() == required).count();
      if (count != 1) {
        problems.add(new Problem("LayerCount", "a profile needs exactly one layer of type " + required.value()
            + ", this one has " + count));
      }
    }
    for (LayerType atMostOne : List.of(LayerType.CNI, LayerType.CSI)) {
      long count = layers.stream().filter(l -> l.getType() == atMostOne).count();
      if (count > 1) {
        problems.add(new Problem("LayerCount", "a profile takes at most one layer of type " + atMostOne.value()
            + ", this one has " + count));
      }
    }
    Set<String> seen = new HashSet<>();
    Set<String> duplicates = layers.stream().map(ProfileLayer::getName).filter(n -> !seen.add(n))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (!duplicates.isEmpty()) {
      problems.add(new Problem("DuplicateLayer", "layer names must be unique; repeated: "
          + String.join(", ", duplicates)));
    }
    for (ProfileLayer layer : layers) {
      if (layer.getVersion() == null || !SEMVER.matcher(layer.getVersion()).matches()) {
        problems.add(new Problem("InvalidLayerVersion", "layer " + layer.getName() + " has version '"
            + layer.getVersion() + "', not a semantic version such as 1.30.2"));
      }
      if ((layer.getImage() == null) == (layer.getChart() == null)) {
        problems.add(new Problem("InvalidLayerSource", "layer " + layer.getName()
            + " must take its content from exactly one of image or chart"));
      }
    }
    problems.addAll(variableProblems(spec.getVariables()));
    return problems;
  }

  /** What the schema checks of variables, and what it cannot: that a pattern compiles, and defaults fit it. */
  private static List<Problem> variableProblems(List<ProfileVariable> variables) {
    List<Problem> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ProfileVariable variable : variables == null ? List.<ProfileVariable>of() : variables) {
      String name = variable.getName();
      if (name == null || !name.matches(ProfileVariable.NAME_REGEX)) {
        problems.add(new Problem(INVALID_VARIABLE, "variable name '" + name + "' must start with a letter or '_' "
            + "and hold only letters, digits and '_'"));
        continue;
      }
      if (!names.add(name)) {
        problems.add(new Problem(INVALID_VARIABLE, "variable " + name + " is declared twice"));
      }
      if (variable.isSensitive() && variable.getDefaultValue() != null) {
        problems.add(new Problem(INVALID_VARIABLE, "variable " + name + " is sensitive and takes no default"));
      }
      if (variable.getPattern() != null) {
        try {
          Pattern pattern = Pattern.compile(variable.getPattern());
          if (variable.getDefaultValue() != null && !pattern.matcher(variable.getDefaultValue()).matches()) {
            problems.add(new Problem(INVALID_VARIABLE, "the default of variable " + name
                + " does not match its pattern " + variable.getPattern()));
          }
        } catch (PatternSyntaxException e) {
          problems.add(new Problem(INVALID_VARIABLE, "variable " + name + " has a pattern that is not a valid "
              + "regular expression: " + e.getDescription()));
        }
      }
    }
    return problems;
  }
}
