package dev.lifecycle.edge.oci;

/** The registry has no manifest (or no repository) for a reference: a missing tag, a wrong name. */
public class ManifestNotFoundException extends RegistryException {

  private static final long serialVersionUID = 1L;

  private final ImageReference reference;

  public ManifestNotFoundException(ImageReference reference, String message) {
    super(message);
    this.reference = reference;
  }

  public ImageReference reference() {
    return reference;
  }
}
