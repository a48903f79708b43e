package dev.lifecycle.edge.bundle.archive;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.regex.Pattern;

/** One file a signed archive holds: its path inside the archive, its {@code sha256:<hex>} digest and its size. */
@JsonPropertyOrder({"path", "digest", "size"})
public record ArchiveFile(String path, String digest, long size) {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  public ArchiveFile {
    String unsafe = EntryNames.problem(path);
    if (unsafe != null) {
      throw new IllegalArgumentException("file path \"" + path + "\": " + unsafe);
    }
    checkDigest(digest);
    if (size < 0) {
      throw new IllegalArgumentException(path + ": negative size " + size);
    }
  }

  /** Refuses anything but {@code sha256:} and 64 lowercase hex digits, naming it. */
  public static String checkDigest(String digest) {
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("\"" + digest + "\" is not a digest of the form sha256:<64 lowercase hex>");
    }
    return digest;
  }
}
