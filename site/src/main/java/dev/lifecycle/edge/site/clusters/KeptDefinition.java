package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.operator.definition.DefinitionIndex;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A cluster definition the site verified and keeps: the digest of the archive as uploaded (its name at the site),
 * its size, the key that signed it (null when the site accepts unsigned ones), when it was uploaded, its index,
 * and its profile versions as the site applies them, in the order of the index.
 */
public record KeptDefinition(String digest, long size, String signer, Instant uploadedAt, DefinitionIndex index,
    List<ClusterProfile> versions) {

  public KeptDefinition {
    versions = List.copyOf(versions);
  }

  /**
   * The version named by its object name ({@code retail-1.5.0}) or its version ({@code 1.5.0}, when only one
   * version of the definition has it).
   */
  public Optional<ClusterProfile> version(String nameOrVersion) {
    if (nameOrVersion == null) {
      return Optional.empty();
    }
    Optional<ClusterProfile> byName = versions.stream()
        .filter(p -> nameOrVersion.equals(p.getMetadata().getName())).findFirst();
    if (byName.isPresent()) {
      return byName;
    }
    List<ClusterProfile> byVersion = versions.stream()
        .filter(p -> nameOrVersion.equals(p.getSpec().getVersion())).toList();
    return byVersion.size() == 1 ? Optional.of(byVersion.get(0)) : Optional.empty();
  }

  /** The names of its versions, for messages: {@code retail-1.4.0 (1.4.0), retail-1.5.0 (1.5.0)}. */
  public String versionList() {
    return String.join(", ", versions.stream()
        .map(p -> p.getMetadata().getName() + " (" + p.getSpec().getVersion() + ")").toList());
  }

  /** The profiles it holds versions of, such as {@code retail}: what a person calls the definition. */
  public String name() {
    return String.join(", ", index.profiles().stream()
        .map(p -> p.profile() == null ? p.name() : p.profile()).distinct().toList());
  }
}
