package dev.lifecycle.edge.bundle;

import dev.lifecycle.edge.bundle.sign.DetachedSignature;
import java.nio.file.Path;

/**
 * A bundle written: the archive, its signed index (parsed, and the exact bytes signed), the signature, the
 * archive's size, the bytes of blobs written and how many blobs were written and left out (delta).
 */
public record BuiltBundle(Path archive, BundleIndex index, byte[] indexBytes, DetachedSignature signature,
    long archiveBytes, long blobBytes, int blobsWritten, int blobsLeftOut) {
}
