package dev.lifecycle.edge.oci;

/**
 * A manifest or an index as the registry served it: the raw bytes (whose digest is the descriptor's) and
 * what was read from them.
 */
public sealed interface ManifestContent permits ImageManifest, ImageIndex {

  /** Media type, digest and size of the raw bytes. */
  Descriptor descriptor();

  /** A copy of the bytes exactly as served; their sha256 is {@code descriptor().digest()}. */
  byte[] raw();
}
