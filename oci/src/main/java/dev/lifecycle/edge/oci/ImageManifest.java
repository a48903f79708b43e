package dev.lifecycle.edge.oci;

import java.util.ArrayList;
import java.util.List;

/** An image (or artifact) manifest: one config and its layers. */
public record ImageManifest(Descriptor descriptor, byte[] raw, Descriptor config, List<Descriptor> layers)
    implements ManifestContent {

  public ImageManifest {
    raw = raw.clone();
    layers = List.copyOf(layers);
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  /** The config followed by the layers: every blob this manifest needs. */
  public List<Descriptor> blobs() {
    List<Descriptor> blobs = new ArrayList<>(layers.size() + 1);
    blobs.add(config);
    blobs.addAll(layers);
    return blobs;
  }

  /** Whether this is a container image (its config says which platform it runs on), not another artifact. */
  public boolean isImage() {
    return MediaTypes.isImageConfig(config.mediaType());
  }
}
