package dev.lifecycle.edge.operator.definition;

import dev.lifecycle.edge.bundle.sign.KeyId;
import java.nio.file.Path;

/**
 * A cluster definition that passed every check: its index, the key that signed it (null when unsigned and
 * accepted as such), and the directory holding its verified files at their paths.
 */
public record VerifiedDefinition(DefinitionIndex index, KeyId signer, Path directory) {

  public Path manifest(DefinitionIndex.Profile profile) {
    return directory.resolve(profile.manifest());
  }

  public Path variables(DefinitionIndex.Profile profile) {
    return directory.resolve(profile.variables());
  }
}
