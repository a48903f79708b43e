package dev.lifecycle.edge.bundle;

import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import dev.lifecycle.edge.bundle.archive.Compression;
import dev.lifecycle.edge.bundle.archive.FileContent;
import dev.lifecycle.edge.bundle.archive.SignedArchiveWriter;
import dev.lifecycle.edge.bundle.archive.WrittenArchive;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Writes a signed content bundle (docs/bundles.md) from a plan, streaming every blob from a {@link BlobSource}
 * into the archive and checking its digest and size on the way: a mismatch fails the build with a
 * {@link dev.lifecycle.edge.bundle.archive.ContentMismatchException} naming the digest and the images that need
 * it, and leaves nothing at the target. No blob is ever held in memory (manifests, a few kilobytes, are).
 */
public final class BundleWriter {

  private final SignedArchiveWriter archives;

  public BundleWriter(SigningKey key) {
    this(key, Compression.defaults());
  }

  public BundleWriter(SigningKey key, Compression compression) {
    this.archives = new SignedArchiveWriter(key, compression);
  }

  /**
   * Writes the bundle of {@code plan} to {@code target} (conventionally {@code <name>.tar.zst}).
   *
   * @param base a site's inventory for a delta bundle: the blobs it holds are left out; null for a full bundle
   * @throws IllegalArgumentException the plan is incomplete or inconsistent (the message names the image)
   */
  public BuiltBundle write(BundlePlan plan, BlobSource source, SiteInventory base, Path target) throws IOException {
    BundleAssembly.Contents contents = BundleAssembly.assemble(plan, base);
    byte[] indexBytes = contents.index().toJson();
    WrittenArchive written = archives.write(target, BundleFormat.INDEX, indexBytes, new FileContent() {
      @Override
      public InputStream open(ArchiveFile file) throws IOException {
        byte[] bytes = contents.inline().get(file.path());
        return bytes != null ? new ByteArrayInputStream(bytes) : source.open(contents.streamed().get(file.path()));
      }

      @Override
      public String describe(ArchiveFile file) {
        return contents.usersByDigest().containsKey(file.digest())
            ? "blob " + file.digest() + " (of " + String.join(", ", contents.usersByDigest().get(file.digest())) + ")"
            : file.path();
      }
    });
    int blobs = contents.index().files().size() - 2;
    long blobBytes = written.contentBytes() - contents.inline().get(BundleFormat.OCI_LAYOUT).length
        - contents.inline().get(BundleFormat.OCI_INDEX).length;
    int leftOut = contents.index().base() == null ? 0 : contents.index().base().blobs().size();
    return new BuiltBundle(written.path(), contents.index(), indexBytes, written.signature(), written.archiveBytes(),
        blobBytes, blobs, leftOut);
  }
}
