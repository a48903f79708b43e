package dev.lifecycle.edge.bundle.archive;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.lifecycle.edge.bundle.sign.DetachedSignature;
import dev.lifecycle.edge.bundle.sign.KeyId;
import dev.lifecycle.edge.bundle.sign.SignatureVerdict;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Reads and verifies a signed archive in one pass over its stream (docs/bundles.md, "Verification"): the index
 * and its signature first, checked against the trust store before anything else is read; then the limits and
 * the archive kind's own checks of the index; then each file, its declared size checked from its tar header
 * before its content is read, its digest while it is streamed into a temporary file of the staging directory.
 * Only a verified file gets its name there; when the archive is refused, everything written into the staging
 * directory is deleted, so nothing unverified is ever kept.
 */
public final class SignedArchiveReader {

  private static final byte[] ZSTD_MAGIC = {(byte) 0x28, (byte) 0xB5, (byte) 0x2F, (byte) 0xFD};
  /** zstd's own default bound for a frame's window (128 MiB): a frame asking more is refused, not allocated. */
  private static final int MAX_WINDOW_LOG = 27;
  private static final int BUFFER = 1 << 17;
  /**
   * What the tar reader may read to find one entry: its headers (PAX and GNU long names included, which it keeps in
   * memory), the padding before them and, at the end, the end-of-archive records and block padding.
   */
  static final int MAX_HEADER_BYTES = 1 << 20;

  private final TrustStore trust;
  private final ArchiveLimits limits;
  private final boolean unsignedAccepted;

  public SignedArchiveReader(TrustStore trust, ArchiveLimits limits) {
    this(trust, limits, false);
  }

  private SignedArchiveReader(TrustStore trust, ArchiveLimits limits, boolean unsignedAccepted) {
    this.trust = trust;
    this.limits = limits;
    this.unsignedAccepted = unsignedAccepted;
  }

  /**
   * A reader that also accepts an archive without {@code <index>.sig} (every other check unchanged; a signed
   * archive is still checked against the trust store). Without it, an unsigned archive is
   * {@link RefusalReason#NOT_A_SIGNED_ARCHIVE}.
   */
  public SignedArchiveReader allowingUnsigned() {
    return new SignedArchiveReader(trust, limits, true);
  }

  /**
   * Verifies the archive read from {@code in} into {@code stagingDirectory}, which must be empty or absent.
   *
   * @throws RefusedException the archive is refused; the staging directory is left empty
   * @throws IOException      the staging directory could not be written (the archive was not judged)
   */
  public VerifiedArchive read(InputStream in, String indexName, IndexAcceptance acceptance, Path stagingDirectory)
      throws RefusedException, IOException {
    Files.createDirectories(stagingDirectory);
    try (Stream<Path> entries = Files.list(stagingDirectory)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalArgumentException("the staging directory " + stagingDirectory + " is not empty");
      }
    }
    boolean accepted = false;
    try {
      VerifiedArchive verified = new Pass(indexName, acceptance, stagingDirectory).run(in);
      accepted = true;
      return verified;
    } finally {
      if (!accepted) {
        emptyDirectory(stagingDirectory);
      }
    }
  }

  /** One reading of one archive. */
  private final class Pass {

    private final String indexName;
    private final String signatureName;
    private final IndexAcceptance acceptance;
    private final Path staging;
    private TailGuard tail;
    private TarArchiveInputStream tar;
    /** Where the content of the last entry read ends, in the uncompressed tar. */
    private long contentEnd;
    private final byte[] buffer = new byte[BUFFER];
    private BackgroundFileWriter writer;
    private int partials;

    Pass(String indexName, IndexAcceptance acceptance, Path staging) {
      this.indexName = indexName;
      this.signatureName = indexName + ".sig";
      this.acceptance = acceptance;
      this.staging = staging;
    }

    VerifiedArchive run(InputStream in) throws RefusedException, IOException {
      try (BackgroundFileWriter writer = new BackgroundFileWriter()) {
        this.writer = writer;
        return verify(in);
      }
    }

    private VerifiedArchive verify(InputStream in) throws RefusedException, IOException {
      BufferedInputStream source = new BufferedInputStream(in, BUFFER);
      requireZstdMagic(source);
      ZstdInputStreamNoFinalizer zstd = new ZstdInputStreamNoFinalizer(source);
      zstd.setLongMax(MAX_WINDOW_LOG);
      tail = new TailGuard(zstd);
      tar = new TarArchiveInputStream(tail);

      TarArchiveEntry indexEntry = nextEntry();
      if (indexEntry == null) {
        throw new RefusedException(RefusalReason.NOT_A_SIGNED_ARCHIVE, "the archive has no entries");
      }
      byte[] index = readSmallEntry(indexEntry, indexName, limits.maxIndexBytes());
      TarArchiveEntry signatureEntry = nextEntry();
      byte[] signatureBytes = null;
      DetachedSignature signature = null;
      KeyId signer = null;
      // an unsigned archive (when accepted): the entry after the index is its first file, read in the loop below
      TarArchiveEntry firstFile = null;
      if (unsignedAccepted && (signatureEntry == null || !signatureName.equals(signatureEntry.getName()))) {
        firstFile = signatureEntry;
      } else {
        if (signatureEntry == null) {
          throw new RefusedException(RefusalReason.NOT_A_SIGNED_ARCHIVE,
              "the archive ends after " + indexName + ", without its signature " + signatureName);
        }
        signatureBytes = readSmallEntry(signatureEntry, signatureName, ArchiveLimits.MAX_SIGNATURE_BYTES);
        signature = parseSignature(signatureBytes, signatureName);
        signer = checkSignature(index, signature);
      }
      List<ArchiveFile> files = checkIndex(index);
      acceptance.accept(index, files);

      Files.write(staging.resolve(indexName), index, StandardOpenOption.CREATE_NEW);
      if (signatureBytes != null) {
        Files.write(staging.resolve(signatureName), signatureBytes, StandardOpenOption.CREATE_NEW);
      }
      Map<String, ArchiveFile> expected = new LinkedHashMap<>();
      files.forEach(file -> expected.put(file.path(), file));
      Set<String> seen = new HashSet<>();
      for (TarArchiveEntry entry = firstFile != null ? firstFile : nextEntry(); entry != null; entry = nextEntry()) {
        String name = checkedName(entry);
        if (name.equals(indexName) || name.equals(signatureName) || !seen.add(name)) {
          throw new RefusedException(RefusalReason.DUPLICATE_ENTRY, "the entry " + name + " appears twice");
        }
        ArchiveFile file = expected.get(name);
        if (file == null) {
          throw new RefusedException(RefusalReason.UNLISTED_ENTRY,
              "the entry " + name + " is not listed in the signed " + indexName);
        }
        if (entry.getSize() != file.size()) {
          throw new RefusedException(RefusalReason.SIZE_MISMATCH, "the entry " + name + " is " + entry.getSize()
              + " bytes, the signed " + indexName + " says " + file.size());
        }
        stage(file);
        contentEnd = tail.position();
      }
      List<String> missing = expected.keySet().stream().filter(name -> !seen.contains(name)).toList();
      if (!missing.isEmpty()) {
        throw new RefusedException(RefusalReason.MISSING_ENTRY, missing.size() + " file(s) listed in " + indexName
            + " are not in the archive: " + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
            + (missing.size() > 5 ? ", ..." : ""));
      }
      requireCleanEnd();
      return new VerifiedArchive(index, signature, signer, staging, files);
    }

    private void requireZstdMagic(BufferedInputStream source) throws RefusedException {
      byte[] magic = new byte[4];
      int read;
      try {
        source.mark(4);
        read = source.readNBytes(magic, 0, 4);
        source.reset();
      } catch (IOException e) {
        throw damaged(e);
      }
      if (read < 4 || !java.util.Arrays.equals(magic, ZSTD_MAGIC)) {
        throw new RefusedException(RefusalReason.NOT_A_SIGNED_ARCHIVE,
            read == 0 ? "the archive is empty" : "not zstd-compressed (no zstd frame at the start)");
      }
    }

    private TarArchiveEntry nextEntry() throws RefusedException {
      tail.arm(MAX_HEADER_BYTES);
      try {
        return tar.getNextEntry();
      } catch (TailGuard.BudgetExceeded e) {
        throw new RefusedException(RefusalReason.TOO_LARGE, "the archive has " + e.getMessage()
            + " (PAX or GNU extended headers)");
      } catch (IOException e) {
        throw damaged(e);
      } finally {
        tail.disarm();
      }
    }

    private String checkedName(TarArchiveEntry entry) throws RefusedException {
      String name = entry.getName();
      if (entry.isSymbolicLink() || entry.isLink()) {
        throw new RefusedException(RefusalReason.LINK_ENTRY, "the entry " + name + " is a "
            + (entry.isSymbolicLink() ? "symbolic" : "hard") + " link to \"" + entry.getLinkName()
            + "\"; only regular files are accepted");
      }
      byte type = entry.getLinkFlag();
      if ((type != TarConstants.LF_NORMAL && type != TarConstants.LF_OLDNORM) || entry.isSparse()) {
        throw new RefusedException(RefusalReason.UNSUPPORTED_ENTRY_TYPE, "the entry " + name + " is a "
            + describeType(entry) + "; only regular files are accepted");
      }
      String unsafe = EntryNames.problem(name);
      if (unsafe != null) {
        throw new RefusedException(RefusalReason.UNSAFE_ENTRY_NAME, "the entry name \"" + name + "\" is unsafe: "
            + unsafe);
      }
      return name;
    }

    private byte[] readSmallEntry(TarArchiveEntry entry, String expectedName, long maxBytes) throws RefusedException {
      String name = checkedName(entry);
      if (!name.equals(expectedName)) {
        throw new RefusedException(RefusalReason.NOT_A_SIGNED_ARCHIVE, "the entry " + name + " comes where "
            + expectedName + " must be (the index and its signature are the first two entries)");
      }
      if (entry.getSize() > maxBytes) {
        throw new RefusedException(RefusalReason.TOO_LARGE, name + " declares " + entry.getSize()
            + " bytes, more than the " + maxBytes + " allowed");
      }
      try {
        byte[] bytes = tar.readNBytes((int) entry.getSize());
        if (bytes.length != entry.getSize()) {
          throw new RefusedException(RefusalReason.TRUNCATED_OR_DAMAGED, "the archive ends inside " + name);
        }
        contentEnd = tail.position();
        return bytes;
      } catch (IOException e) {
        throw damaged(e);
      }
    }

    private KeyId checkSignature(byte[] index, DetachedSignature signature) throws RefusedException {
      SignatureVerdict verdict = trust.verify(index, signature);
      if (verdict instanceof SignatureVerdict.Rejected rejected) {
        RefusalReason reason = switch (rejected.why()) {
          case UNTRUSTED_KEY -> RefusalReason.UNTRUSTED_KEY;
          case REVOKED_KEY -> RefusalReason.REVOKED_KEY;
          case BAD_SIGNATURE -> RefusalReason.BAD_SIGNATURE;
        };
        throw new RefusedException(reason, indexName + " is " + rejected.message());
      }
      return ((SignatureVerdict.Trusted) verdict).signer();
    }

    private List<ArchiveFile> checkIndex(byte[] index) throws RefusedException, IOException {
      List<ArchiveFile> files;
      try {
        files = IndexFiles.parse(index);
      } catch (IllegalArgumentException e) {
        throw new RefusedException(RefusalReason.MALFORMED_INDEX, indexName + ": " + e.getMessage());
      }
      for (ArchiveFile file : files) {
        if (file.path().equals(indexName) || file.path().equals(signatureName)) {
          throw new RefusedException(RefusalReason.MALFORMED_INDEX, indexName + " lists " + file.path()
              + ", the name of its own entry");
        }
      }
      if (files.size() > limits.maxFiles()) {
        throw new RefusedException(RefusalReason.TOO_LARGE, indexName + " lists " + files.size()
            + " files, more than the " + limits.maxFiles() + " allowed");
      }
      long total = 0;
      for (ArchiveFile file : files) {
        total += file.size();
        if (total > limits.maxTotalBytes() || total < 0) {
          throw new RefusedException(RefusalReason.TOO_LARGE, indexName + " declares more than the "
              + limits.maxTotalBytes() + " bytes of content allowed");
        }
      }
      long free = Files.getFileStore(staging).getUsableSpace();
      if (total > free) {
        throw new RefusedException(RefusalReason.TOO_LARGE, indexName + " declares " + total
            + " bytes of content; the staging directory's file system has " + free + " bytes free");
      }
      return files;
    }

    /** Streams one entry's content into a temporary file, checks its digest, and only then names it. */
    private void stage(ArchiveFile file) throws RefusedException, IOException {
      Path partial = staging.resolve(".partial-" + (++partials));
      MessageDigest sha256 = SignedArchiveWriter.sha256();
      long remaining = file.size();
      writer.open(partial);
      while (remaining > 0) {
        byte[] chunk = writer.buffer();
        int filled = 0;
        int wanted = (int) Math.min(chunk.length, remaining);
        while (filled < wanted) {
          filled += readContent(chunk, filled, wanted - filled, file);
        }
        sha256.update(chunk, 0, filled);
        writer.submit(chunk, filled);
        remaining -= filled;
      }
      writer.finish();
      String actual = "sha256:" + HexFormat.of().formatHex(sha256.digest());
      if (!actual.equals(file.digest())) {
        Files.delete(partial);
        throw new RefusedException(RefusalReason.DIGEST_MISMATCH, "the entry " + file.path() + " has digest "
            + actual + ", the signed " + indexName + " says " + file.digest());
      }
      Path target = staging.resolve(file.path());
      Files.createDirectories(target.getParent());
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private int readContent(byte[] chunk, int offset, int length, ArchiveFile file) throws RefusedException {
      try {
        int read = tar.read(chunk, offset, length);
        if (read < 0) {
          throw new RefusedException(RefusalReason.TRUNCATED_OR_DAMAGED, "the archive ends inside " + file.path());
        }
        return read;
      } catch (IOException e) {
        throw damaged(e);
      }
    }

    /**
     * After the last entry: only zeros (its padding, the end-of-archive records, block padding) up to the end of
     * a complete zstd frame, including what the tar reader skipped.
     */
    private void requireCleanEnd() throws RefusedException {
      try {
        while (tail.read(buffer) >= 0) {
          // read to the end: the guard looks at every byte, and zstd checks the frame is complete
        }
      } catch (IOException e) {
        throw damaged(e);
      }
      long paddedEnd = (contentEnd + 511) / 512 * 512;
      if (tail.lastNonZero() >= paddedEnd) {
        throw new RefusedException(RefusalReason.TRUNCATED_OR_DAMAGED, "data after the end of the tar archive (at "
            + "byte " + tail.lastNonZero() + " of the uncompressed tar)");
      }
    }
  }

  private static DetachedSignature parseSignature(byte[] bytes, String name) throws RefusedException {
    try {
      return DetachedSignature.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new RefusedException(RefusalReason.BAD_SIGNATURE, name + ": " + e.getMessage());
    }
  }

  private static RefusedException damaged(IOException cause) {
    if (cause instanceof ZstdIOException zstdError
        && zstdError.getErrorCode() == Zstd.errFrameParameterWindowTooLarge()) {
      return new RefusedException(RefusalReason.TOO_LARGE, "the zstd frame needs a window of more than "
          + (1 << MAX_WINDOW_LOG >> 20) + " MiB to decompress (written with --long or a larger window log)");
    }
    return new RefusedException(RefusalReason.TRUNCATED_OR_DAMAGED,
        "the archive is truncated or damaged (" + cause.getMessage() + ")");
  }

  private static String describeType(TarArchiveEntry entry) {
    if (entry.isDirectory()) {
      return "directory";
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice()) {
      return "device";
    }
    if (entry.isFIFO()) {
      return "FIFO";
    }
    if (entry.isSparse()) {
      return "sparse file";
    }
    return "tar entry of type '" + (char) entry.getLinkFlag() + "'";
  }

  private static void emptyDirectory(Path directory) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
      for (Path child : children) {
        try (Stream<Path> tree = Files.walk(child)) {
          tree.forEach(paths::add);
        }
      }
    }
    paths.sort(Comparator.reverseOrder());
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
