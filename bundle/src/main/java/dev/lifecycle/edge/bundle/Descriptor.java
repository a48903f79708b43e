package dev.lifecycle.edge.bundle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lifecycle.edge.bundle.archive.ArchiveFile;

/** An OCI content descriptor: what a blob is (media type), its digest ({@code sha256:<hex>}) and its size. */
@JsonPropertyOrder({"mediaType", "digest", "size"})
public record Descriptor(String mediaType, String digest, long size) {

  public Descriptor {
    if (mediaType == null || mediaType.isBlank()) {
      throw new IllegalArgumentException("descriptor " + digest + " has no media type");
    }
    ArchiveFile.checkDigest(digest);
    if (size < 0) {
      throw new IllegalArgumentException("descriptor " + digest + " has a negative size");
    }
  }

  /** The blob's path in an OCI image layout. */
  public String layoutPath() {
    return BundleFormat.blobPath(digest);
  }
}
