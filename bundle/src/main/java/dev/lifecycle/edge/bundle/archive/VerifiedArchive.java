package dev.lifecycle.edge.bundle.archive;

import dev.lifecycle.edge.bundle.sign.DetachedSignature;
import dev.lifecycle.edge.bundle.sign.KeyId;
import java.nio.file.Path;
import java.util.List;

/**
 * A signed archive that passed every check, its files in {@code directory} at their paths (the index and its
 * signature there too, under their entry names). The caller moves them where they belong. Signature and signer
 * are null for an unsigned archive, which only a reader {@link SignedArchiveReader#allowingUnsigned() allowing
 * unsigned archives} accepts.
 */
public record VerifiedArchive(byte[] index, DetachedSignature signature, KeyId signer, Path directory,
    List<ArchiveFile> files) {

  public Path fileOf(ArchiveFile file) {
    return directory.resolve(file.path());
  }
}
