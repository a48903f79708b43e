package dev.lifecycle.edge.operator.registry;

import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.PlanRegistries;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.RegistryRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registry's mapping rules: applied to image references (the first rule whose from matches maps it; a reference
 * no rule matches stays as written), to a profile's layers (their image, and the chart of an oci:// repository), and
 * turned into k3s registry mirrors with rewrites, so that images named inside charts are pulled through the
 * registry too.
 *
 * <p>k3s applies a mirror's rewrites in no defined order, while the plans use the first matching rule. The two
 * agree only when no reference two rules of one source registry both match would be mapped differently by them:
 * {@link #conflicts()} names such pairs, and a registry that has one is not used.
 */
public final class RegistryRules {

  private final List<MappingRule> rules;

  private RegistryRules(List<MappingRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules in order; throws {@link IllegalArgumentException} naming the first that is not one. */
  public static RegistryRules of(List<RegistryRule> rules) {
    List<MappingRule> parsed = new ArrayList<>();
    for (RegistryRule rule : rules) {
      parsed.add(MappingRule.parse(rule.getFrom(), rule.getTo()));
    }
    return new RegistryRules(parsed);
  }

  /** What the reference maps to, if a rule matches it (tag and digest kept). */
  public Optional<String> map(String reference) {
    return ImageReference.parse(reference).flatMap(this::map);
  }

  private Optional<String> map(ImageReference reference) {
    for (MappingRule rule : rules) {
      Optional<String> mapped = rule.map(reference);
      if (mapped.isPresent()) {
        return mapped;
      }
    }
    return Optional.empty();
  }

  /**
   * The chart, mapped: an oci:// repository's chart is the repository {@code <repository>/<name>}; when a rule
   * maps it, the chart's repository and name become the mapped one's parent and last component. Charts of
   * http(s):// repositories (Helm's index protocol, not OCI) are left as they are.
   */
  public Optional<ChartReference> map(ChartReference chart) {
    if (chart == null || chart.getRepository() == null || !chart.getRepository().startsWith("oci://")
        || chart.getName() == null) {
      return Optional.empty();
    }
    String repository = chart.getRepository().substring("oci://".length());
    while (repository.endsWith("/")) {
      repository = repository.substring(0, repository.length() - 1);
    }
    return map(repository + "/" + chart.getName()).map(mapped -> {
      int last = mapped.lastIndexOf('/');
      return new ChartReference("oci://" + mapped.substring(0, last), mapped.substring(last + 1));
    });
  }

  /** Copies of the layers with their images and oci:// charts mapped; values are left as they are. */
  public List<ProfileLayer> apply(List<ProfileLayer> layers) {
    List<ProfileLayer> mapped = new ArrayList<>();
    for (ProfileLayer layer : layers) {
      ProfileLayer copy = new ProfileLayer(layer.getName(), layer.getType(), layer.getVersion());
      copy.setImage(layer.getImage() == null ? null : map(layer.getImage()).orElse(layer.getImage()));
      copy.setChart(layer.getChart() == null ? null : map(layer.getChart()).orElseGet(() ->
          new ChartReference(layer.getChart().getRepository(), layer.getChart().getName())));
      copy.setValues(layer.getValues());
      mapped.add(copy);
    }
    return mapped;
  }

  /**
   * Pairs of rules of one source registry that some reference matches both of and that map it differently, as
   * messages: k3s could apply either, so such rules are refused.
   */
  public List<String> conflicts() {
    List<String> conflicts = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      for (int j = i + 1; j < rules.size(); j++) {
        MappingRule first = rules.get(i);
        MappingRule second = rules.get(j);
        for (ImageReference sample : List.of(first.sample(), second.sample())) {
          Optional<String> byFirst = first.map(sample);
          Optional<String> bySecond = second.map(sample);
          if (byFirst.isPresent() && bySecond.isPresent() && !byFirst.equals(bySecond)) {
            conflicts.add("rules " + first.from() + " and " + second.from() + " both match " + sample + " but map it "
                + "to " + byFirst.get() + " and " + bySecond.get() + "; nodes apply a registry's rewrites in no "
                + "set order, so make them agree or disjoint");
            break;
          }
        }
      }
    }
    return conflicts;
  }

  /**
   * The nodes' mirrors: per source registry of the rules, the registry's endpoint with one rewrite per rule, in
   * the rules' order.
   */
  public Map<String, PlanRegistries.Mirror> mirrors(String endpoint) {
    Map<String, PlanRegistries.Mirror> mirrors = new LinkedHashMap<>();
    for (MappingRule rule : rules) {
      PlanRegistries.Mirror mirror = mirrors.computeIfAbsent(rule.fromRegistry(),
          host -> new PlanRegistries.Mirror(new ArrayList<>(List.of(endpoint)), new LinkedHashMap<>()));
      mirror.getRewrite().putIfAbsent(rule.rewritePattern(), rule.rewriteReplacement());
    }
    return mirrors;
  }

  /** The rules as written, in order, for the installer's user-data. */
  public List<MappingRule> rules() {
    return rules;
  }
}
