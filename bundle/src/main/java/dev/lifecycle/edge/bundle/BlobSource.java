package dev.lifecycle.edge.bundle;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where a {@link BundleWriter} streams blobs from (a registry client, a local OCI layout). The writer reads the
 * stream to the descriptor's size, checks one byte more is not there, verifies the digest, and closes it.
 */
@FunctionalInterface
public interface BlobSource {

  InputStream open(Descriptor blob) throws IOException;
}
