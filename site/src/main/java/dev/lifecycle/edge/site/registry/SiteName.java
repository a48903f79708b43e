package dev.lifecycle.edge.site.registry;

import dev.lifecycle.edge.oci.ImageReference;
import java.util.Optional;

/**
 * The name the site registry serves a bundled image or chart under: its reference without the registry host, as a
 * mirror does ({@code registry.example.com/retail/pos:1.4} is {@code retail/pos:1.4}, {@code nginx:1.27} is
 * {@code library/nginx:1.27}, {@code oci://registry.example.com/charts/web:1.0.0} is {@code charts/web:1.0.0}). A
 * host's plan names it {@code <site-controller-address>/<repository>:<tag>}; an ImageRegistry mapping rule
 * {@code registry.example.com/* -> <site-controller-address>/*} says the same for every repository of a registry.
 *
 * @param repository the repository path, e.g. {@code retail/pos}
 * @param tag        the tag, or null for a reference by digest only
 */
public record SiteName(String repository, String tag) {

  private static final String OCI_SCHEME = "oci://";

  /** The name of a bundle's reference; empty when it is not one an OCI client could pull (the message is logged). */
  public static Optional<SiteName> of(String reference) {
    String text = reference.startsWith(OCI_SCHEME) ? reference.substring(OCI_SCHEME.length()) : reference;
    try {
      ImageReference parsed = ImageReference.parse(text);
      return Optional.of(new SiteName(parsed.repository(), parsed.tag()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return repository + (tag != null ? ":" + tag : "");
  }
}
