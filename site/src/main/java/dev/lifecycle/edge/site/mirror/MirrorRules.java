package dev.lifecycle.edge.site.mirror;

import dev.lifecycle.edge.api.v1alpha1.RegistryRule;
import dev.lifecycle.edge.operator.registry.ImageReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The mapping rules of the site's own ImageRegistry, decided from the image and chart references the site holds:
 * one prefix rule per source registry, {@code <registry>/* -> <site>/*}, since the site registry serves every
 * reference under its path without the registry host (docs/site-registry.md, "Names"). Pure.
 */
public final class MirrorRules {

  /** The most rules an ImageRegistry takes (its CRD's bound). */
  public static final int MAX_RULES = 32;

  /** The rules, and the source registries left out for want of room (normally none). */
  public record Decision(List<RegistryRule> rules, List<String> leftOut) {
  }

  private MirrorRules() {
  }

  /**
   * @param references image references ({@code registry.example.com/retail/pos:1.4}, {@code nginx:1.27}) and OCI chart
   *     repositories ({@code oci://registry.example.com/charts/web}); other text is ignored
   * @param site the site registry's host and port, such as {@code 10.0.0.5:5080}
   */
  public static Decision decide(Collection<String> references, String site) {
    TreeSet<String> registries = new TreeSet<>();
    for (String reference : references) {
      registry(reference).filter(registry -> !registry.equals(site)).ifPresent(registries::add);
    }
    List<RegistryRule> rules = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    for (String registry : registries) {
      if (rules.size() < MAX_RULES) {
        rules.add(new RegistryRule(registry + "/*", site + "/*"));
      } else {
        leftOut.add(registry);
      }
    }
    return new Decision(rules, leftOut);
  }

  /** The normalized registry host of an image reference or an {@code oci://} chart repository. */
  static Optional<String> registry(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    String text = reference.strip();
    if (text.contains("://")) {
      if (!text.startsWith("oci://")) {
        return Optional.empty();
      }
      text = text.substring("oci://".length());
      if (!text.contains("/")) {
        // oci://host alone: the chart's name is appended to it, so it names that registry
        text = text + "/chart";
      }
    }
    return ImageReference.parse(text).map(ImageReference::registry);
  }
}
