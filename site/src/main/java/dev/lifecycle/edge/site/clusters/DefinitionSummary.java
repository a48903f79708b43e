package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import java.time.Instant;
import java.util.List;

/**
 * A kept definition as the site lists it.
 *
 * @param digest the archive's sha256, its name at the site
 * @param name the profiles it holds versions of
 * @param namespace the namespace it was exported from (for people)
 * @param versions its profile versions with their variables
 * @param size the archive's size in bytes
 * @param signer the key id that signed it, or null when unsigned
 * @param uploadedAt when it was uploaded
 * @param usedBy the clusters created or updated from it, or that ran it before their last update
 */
public record DefinitionSummary(String digest, String name, String namespace, List<Version> versions, long size,
    String signer, Instant uploadedAt, List<String> usedBy) {

  /** One profile version of the definition. */
  public record Version(String name, String profile, String version, String description,
      List<ProfileVariable> variables) {
  }
}
