package dev.lifecycle.edge.bundle;

/** A profile version a bundle covers; both strings are the caller's and are written as given. */
public record ProfileRef(String name, String version) {

  public ProfileRef {
    if (name == null || name.isBlank() || version == null || version.isBlank()) {
      throw new IllegalArgumentException("a profile needs a name and a version");
    }
  }
}
