package dev.lifecycle.edge.bundle.archive;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.lifecycle.edge.bundle.sign.DetachedSignature;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a signed archive (docs/bundles.md, "Signed archive"): one zstd frame holding a tar whose first entry is
 * the index, whose second is the index's detached signature ({@code <index>.sig}), followed by every file the
 * index's {@code files} array lists, in that order. Each file is streamed from its {@link FileContent} and
 * checked against its declared digest and size while it is written; on any mismatch or error nothing is left at
 * the target (the archive is written beside it under a temporary name and moved into place when complete).
 */
public final class SignedArchiveWriter {

  /** Every entry gets this modification time (2000-01-01T00:00:00Z), so that equal content gives equal archives. */
  static final long ENTRY_TIME_MILLIS = 946_684_800_000L;
  private static final int BUFFER = 1 << 17;

  private final SigningKey key;
  private final Compression compression;

  public SignedArchiveWriter(SigningKey key, Compression compression) {
    this.key = java.util.Objects.requireNonNull(key, "key");
    this.compression = compression;
  }

  private SignedArchiveWriter(Compression compression) {
    this.key = null;
    this.compression = compression;
  }

  /**
   * A writer of unsigned archives: the same layout without the {@code <index>.sig} entry (docs/bundles.md,
   * "Unsigned archives"). A reader accepts one only when told to ({@link SignedArchiveReader#allowingUnsigned()}).
   */
  public static SignedArchiveWriter unsigned(Compression compression) {
    return new SignedArchiveWriter(compression);
  }

  /**
   * Signs {@code index} (unless this writer is {@link #unsigned}) and writes the archive to {@code target}.
   *
   * @throws IllegalArgumentException the index lists no valid files, or names the index or signature entry
   * @throws ContentMismatchException a file's content does not match its declared digest or size
   */
  public WrittenArchive write(Path target, String indexName, byte[] index, FileContent content) throws IOException {
    String unsafe = EntryNames.problem(indexName);
    if (unsafe != null) {
      throw new IllegalArgumentException("index name \"" + indexName + "\": " + unsafe);
    }
    List<ArchiveFile> files = IndexFiles.parse(index);
    String signatureName = indexName + ".sig";
    for (ArchiveFile file : files) {
      if (file.path().equals(indexName) || file.path().equals(signatureName)) {
        throw new IllegalArgumentException("the index lists " + file.path() + ", the name of its own entry");
      }
    }
    DetachedSignature signature = key == null ? null : key.sign(index);
    Path absolute = target.toAbsolutePath();
    Path partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
    boolean complete = false;
    long contentBytes = 0;
    try {
      try (OutputStream out = new BackgroundOutputStream(partial);
          ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out, compression.level());
          TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(zstd, BUFFER))) {
        zstd.setChecksum(true);
        zstd.setWorkers(compression.workers());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        writeBytes(tar, indexName, index);
        if (signature != null) {
          writeBytes(tar, signatureName, signature.toJson());
        }
        BlockingQueue<byte[]> buffers = HashingReadAhead.bufferPool();
        for (ArchiveFile file : files) {
          tar.putArchiveEntry(entry(file.path(), file.size()));
          try (InputStream in = open(content, file)) {
            copyChecked(in, tar, file, content.describe(file), buffers);
          }
          tar.closeArchiveEntry();
          contentBytes += file.size();
        }
        tar.finish();
      }
      Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      complete = true;
      return new WrittenArchive(absolute, index.clone(), signature, Files.size(absolute), contentBytes);
    } finally {
      if (!complete) {
        Files.deleteIfExists(partial);
      }
    }
  }

  private static InputStream open(FileContent content, ArchiveFile file) throws IOException {
    try {
      return content.open(file);
    } catch (IOException e) {
      throw new IOException(content.describe(file) + ": the source cannot give it: " + e.getMessage(), e);
    }
  }

  private static void writeBytes(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
    tar.putArchiveEntry(entry(name, bytes.length));
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  static TarArchiveEntry entry(String name, long size) {
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(size);
    entry.setModTime(ENTRY_TIME_MILLIS);
    return entry;
  }

  private static void copyChecked(InputStream in, OutputStream out, ArchiveFile file, String name,
      BlockingQueue<byte[]> buffers) throws IOException {
    HashingReadAhead.Result read;
    try (HashingReadAhead ahead = new HashingReadAhead(in, file.size(), buffers)) {
      int[] length = new int[1];
      for (byte[] chunk = ahead.next(length); chunk != null; chunk = ahead.next(length)) {
        out.write(chunk, 0, length[0]);
        ahead.recycle(chunk);
      }
      read = ahead.result();
    }
    if (read.total() < file.size()) {
      throw new ContentMismatchException(name + ": the source ended after " + read.total() + " bytes, but "
          + file.size() + " are declared");
    }
    if (read.longer()) {
      throw new ContentMismatchException(name + ": the source gives more than the " + file.size()
          + " bytes declared");
    }
    if (!read.digest().equals(file.digest())) {
      throw new ContentMismatchException(name + ": the source's content has digest " + read.digest() + ", not "
          + file.digest());
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
