package dev.lifecycle.edge.forge;

/** A layer of a profile version, as build messages name it: {@code layer 'web' in profile store-edge 1.1.0}. */
public record LayerRef(String profile, String profileVersion, String layer) {

  @Override
  public String toString() {
    return "layer '" + layer + "' in profile " + profile + " " + profileVersion;
  }
}
