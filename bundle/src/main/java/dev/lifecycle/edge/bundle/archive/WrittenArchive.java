package dev.lifecycle.edge.bundle.archive;

import dev.lifecycle.edge.bundle.sign.DetachedSignature;
import java.nio.file.Path;

/**
 * A signed archive written: where, the exact index bytes and the signature over them, the archive's size on disk
 * and the sum of its files' sizes (index and signature not counted). The signature is null for an unsigned archive.
 */
public record WrittenArchive(Path path, byte[] index, DetachedSignature signature, long archiveBytes,
    long contentBytes) {
}
