package dev.lifecycle.edge.demo;

/** A MAJOR.MINOR.PATCH version, ordered numerically (1.10.0 after 1.9.0). */
record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion> {

  static SemanticVersion of(String text) {
    String[] parts = text.split("[.+-]");
    if (parts.length < 3) {
      throw new IllegalArgumentException("not a semantic version: " + text);
    }
    return new SemanticVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
  }

  @Override
  public int compareTo(SemanticVersion other) {
    int byMajor = Integer.compare(major, other.major);
    if (byMajor != 0) {
      return byMajor;
    }
    int byMinor = Integer.compare(minor, other.minor);
    return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
  }
}
