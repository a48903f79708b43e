package dev.lifecycle.edge.operator.definition;

import dev.lifecycle.edge.bundle.archive.ArchiveLimits;
import dev.lifecycle.edge.bundle.archive.RefusalReason;
import dev.lifecycle.edge.bundle.archive.RefusedException;
import dev.lifecycle.edge.bundle.archive.SignedArchiveReader;
import dev.lifecycle.edge.bundle.archive.VerifiedArchive;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Verifies a cluster definition (docs/definitions.md) as a site does: every check of the signed archive
 * (docs/bundles.md#verification), then the definition's own: its index's format, each profile's files listed,
 * and that the index's {@code signed}/{@code signedBy} agree with the signature the archive carries (a signature
 * removed from a signed definition is refused even where unsigned definitions are accepted).
 */
public final class DefinitionVerifier {

  /** A definition is a few profile versions: far below the limits of a content bundle. */
  static final ArchiveLimits LIMITS = new ArchiveLimits(16L << 20, 1L << 30, 100_000);

  private final SignedArchiveReader reader;

  private DefinitionVerifier(SignedArchiveReader reader) {
    this.reader = reader;
  }

  /** Accepts only definitions signed by a key of {@code trust}. */
  public static DefinitionVerifier signedBy(TrustStore trust) {
    return new DefinitionVerifier(new SignedArchiveReader(trust, LIMITS));
  }

  /** Accepts unsigned definitions too (each file still checked against the index); signed ones against trust. */
  public static DefinitionVerifier allowingUnsigned(TrustStore trust) {
    return new DefinitionVerifier(new SignedArchiveReader(trust, LIMITS).allowingUnsigned());
  }

  /**
   * Verifies the definition read from {@code in} into {@code staging} (empty or absent).
   *
   * @throws RefusedException with the reason; {@code staging} is left empty
   */
  public VerifiedDefinition verify(InputStream in, Path staging) throws RefusedException, IOException {
    DefinitionIndex[] parsed = new DefinitionIndex[1];
    VerifiedArchive archive = reader.read(in, DefinitionIndex.FILE_NAME, (index, files) -> {
      try {
        parsed[0] = DefinitionIndex.parse(index);
      } catch (IllegalArgumentException e) {
        throw new RefusedException(RefusalReason.MALFORMED_INDEX, DefinitionIndex.FILE_NAME + ": " + e.getMessage());
      }
    }, staging);
    DefinitionIndex index = parsed[0];
    String signer = archive.signer() == null ? null : archive.signer().value();
    String mismatch = null;
    if (index.signed() && signer == null) {
      mismatch = DefinitionIndex.FILE_NAME + " says it is signed" + (index.signedBy() == null ? ""
          : " by key " + index.signedBy()) + ", but the archive carries no signature: it was removed";
    } else if (!index.signed() && signer != null) {
      mismatch = DefinitionIndex.FILE_NAME + " says it is unsigned, but the archive carries a signature by key "
          + signer;
    } else if (signer != null && index.signedBy() != null && !index.signedBy().equals(signer)) {
      mismatch = DefinitionIndex.FILE_NAME + " says it is signed by key " + index.signedBy()
          + ", but the signature is by key " + signer;
    }
    if (mismatch != null) {
      empty(staging);
      throw new RefusedException(RefusalReason.BAD_SIGNATURE, mismatch);
    }
    return new VerifiedDefinition(index, archive.signer(), staging);
  }

  private static void empty(Path directory) throws IOException {
    List<Path> paths;
    try (Stream<Path> tree = Files.walk(directory)) {
      paths = tree.filter(path -> !path.equals(directory)).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
