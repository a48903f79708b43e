package dev.lifecycle.edge.demo;

/** A readiness count as the cluster status writes it, {@code "2/3"}: healthy hosts over wanted ones. */
record ReadyCount(int ready, int wanted) {

  static final ReadyCount NONE = new ReadyCount(0, 0);

  /** Reads {@code "2/3"}; anything else (unset, malformed) counts as nothing known. */
  static ReadyCount parse(String text) {
    if (text == null) {
      return NONE;
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      return NONE;
    }
    try {
      return new ReadyCount(Integer.parseInt(text.substring(0, slash).trim()),
          Integer.parseInt(text.substring(slash + 1).trim()));
    } catch (NumberFormatException e) {
      return NONE;
    }
  }

  boolean complete() {
    return wanted > 0 && ready >= wanted;
  }

  @Override
  public String toString() {
    return ready + "/" + wanted;
  }
}
