package dev.lifecycle.edge.forge;

import java.util.List;

/** The closure check failed: what the profiles need that could not be found, one line each. */
public final class IncompleteContentException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public IncompleteContentException(List<String> problems) {
    super("the bundle is incomplete, nothing was written: " + problems.size() + " missing\n  "
        + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
