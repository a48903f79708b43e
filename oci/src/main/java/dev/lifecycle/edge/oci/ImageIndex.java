package dev.lifecycle.edge.oci;

import java.util.List;

/** An image index (OCI) or manifest list (Docker): one manifest per platform. */
public record ImageIndex(Descriptor descriptor, byte[] raw, List<Descriptor> manifests) implements ManifestContent {

  public ImageIndex {
    raw = raw.clone();
    manifests = List.copyOf(manifests);
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }
}
