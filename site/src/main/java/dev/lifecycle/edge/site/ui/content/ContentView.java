package dev.lifecycle.edge.site.ui.content;

import dev.lifecycle.edge.site.ui.Chrome;
import java.util.List;

/**
 * The content page: the kept bundles and definitions, what the site takes, and the result of an upload just made
 * (null when none).
 *
 * @param bundlesTaken whether the site keeps bundles (it trusts a signing key)
 * @param definitionsTaken whether the site takes definitions (the same)
 * @param result the verification result of the upload just made, in words, or null
 */
public record ContentView(Chrome chrome, boolean bundlesTaken, boolean definitionsTaken, List<Item> bundles,
    List<Item> definitions, String result, String bundleLimit, String definitionLimit) {

  /**
   * A kept bundle or definition as the page lists it.
   *
   * @param id its id (a bundle's) or digest (a definition's), {@code sha256:...}
   * @param versions its profile versions, each "retail 1.4.0" (with a definition's description after a colon)
   * @param usedBy the clusters that use it; it can be deleted only when none
   */
  public record Item(String id, String name, List<String> versions, String size, String signer, String uploadedAt,
      List<String> usedBy) {

    public boolean inUse() {
      return !usedBy.isEmpty();
    }

    /** The digest without its algorithm, for element ids. */
    public String shortId() {
      String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
      return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
  }
}
