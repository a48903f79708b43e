package dev.lifecycle.edge.oci;

import java.util.List;

/** An image has no manifest for a platform that was asked for. */
public class MissingPlatformException extends RegistryException {

  private static final long serialVersionUID = 1L;

  private final ImageReference reference;
  private final List<Platform> missing;

  public MissingPlatformException(ImageReference reference, List<Platform> missing, List<Platform> available) {
    super(reference + " has no image for " + join(missing) + " (it has: "
        + (available.isEmpty() ? "no platform" : join(available)) + ")");
    this.reference = reference;
    this.missing = List.copyOf(missing);
  }

  private static String join(List<Platform> platforms) {
    return String.join(", ", platforms.stream().map(Platform::toString).toList());
  }

  public ImageReference reference() {
    return reference;
  }

  public List<Platform> missing() {
    return missing;
  }
}
