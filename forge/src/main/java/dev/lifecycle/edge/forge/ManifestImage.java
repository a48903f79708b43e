package dev.lifecycle.edge.forge;

/**
 * An image a rendered Kubernetes manifest names.
 *
 * @param image the reference as written in the manifest
 * @param role  {@code container}, {@code initContainer} or {@code ephemeralContainer}
 * @param kind  the manifest's kind, e.g. {@code Deployment}
 * @param name  the manifest's metadata.name
 */
public record ManifestImage(String image, String role, String kind, String name) {

  /** {@code initContainer of Deployment web}. */
  public String describe() {
    return role + " of " + kind + " " + name;
  }
}
