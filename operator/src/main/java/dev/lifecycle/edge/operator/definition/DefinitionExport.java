package dev.lifecycle.edge.operator.definition;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.bundle.archive.Compression;
import dev.lifecycle.edge.bundle.archive.SignedArchiveWriter;
import dev.lifecycle.edge.bundle.archive.WrittenArchive;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code definition export}: reads the namespace's ClusterProfiles, decides with {@link DefinitionSelection}, and
 * writes the chosen versions as a (signed) archive. A refusal writes nothing; the archive is written under a
 * temporary name beside {@code out} and moved into place only when complete.
 */
public final class DefinitionExport {

  private final KubernetesClient client;

  public DefinitionExport(KubernetesClient client) {
    this.client = client;
  }

  /** What was written. */
  public record Exported(DefinitionIndex index, WrittenArchive archive) {
  }

  /**
   * @param key the signing key, or empty for an unsigned definition
   * @throws DefinitionRefusedException what a site could not use; nothing written
   */
  public Exported export(String namespace, List<String> names, Optional<SigningKey> key, Path out)
      throws DefinitionRefusedException, IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new IOException("the directory of " + out + " does not exist");
    }
    if (Files.isDirectory(out)) {
      throw new IOException(out + " is a directory; name the archive file to write");
    }
    List<ClusterProfile> profiles = client.resources(ClusterProfile.class).inNamespace(namespace).list().getItems();
    DefinitionSelection.Selection selection = DefinitionSelection.decide(namespace, names, profiles);
    if (selection.isRefused()) {
      throw new DefinitionRefusedException(selection.refusals());
    }
    DefinitionContents contents = DefinitionContents.of(namespace, selection.profiles(),
        key.map(SigningKey::keyId));
    SignedArchiveWriter writer = key.map(signing -> new SignedArchiveWriter(signing, Compression.defaults()))
        .orElseGet(() -> SignedArchiveWriter.unsigned(Compression.defaults()));
    WrittenArchive written = writer.write(out, DefinitionIndex.FILE_NAME, contents.index().toJson(),
        file -> new ByteArrayInputStream(contents.files().get(file.path())));
    return new Exported(contents.index(), written);
  }
}
