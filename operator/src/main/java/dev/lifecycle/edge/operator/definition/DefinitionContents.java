package dev.lifecycle.edge.operator.definition;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import dev.lifecycle.edge.bundle.sign.KeyId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a cluster definition holds, before it is written: the index and each file's bytes, in the order of the
 * index. Profile versions are small (a ClusterProfile is at most a few hundred kilobytes), so they are held in
 * memory.
 */
public record DefinitionContents(DefinitionIndex index, Map<String, byte[]> files) {

  public DefinitionContents {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /**
   * The contents for these profile versions (as {@link DefinitionSelection} chose them).
   *
   * @param signer the id of the key that will sign the index, or empty for an unsigned definition
   */
  public static DefinitionContents of(String namespace, List<ClusterProfile> profiles, Optional<KeyId> signer) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    List<DefinitionIndex.Profile> entries = new ArrayList<>();
    for (ClusterProfile profile : profiles) {
      String name = profile.getMetadata().getName();
      String manifest = DefinitionFiles.manifestPath(name);
      String variables = DefinitionFiles.variablesPath(name);
      files.put(manifest, DefinitionFiles.manifest(profile));
      files.put(variables, DefinitionFiles.variables(profile));
      List<String> variableNames = profile.getSpec().getVariables() == null ? List.of()
          : profile.getSpec().getVariables().stream().map(ProfileVariable::getName).toList();
      entries.add(new DefinitionIndex.Profile(name, ProfileFamily.of(profile), profile.getSpec().getVersion(),
          manifest, variables, variableNames));
    }
    List<ArchiveFile> listed = files.entrySet().stream()
        .map(file -> new ArchiveFile(file.getKey(), sha256(file.getValue()), file.getValue().length)).toList();
    DefinitionIndex index = new DefinitionIndex(DefinitionIndex.FORMAT, DefinitionIndex.FORMAT_VERSION, namespace,
        signer.isPresent(), signer.map(KeyId::value).orElse(null), entries, listed);
    return new DefinitionContents(index, files);
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
