package dev.lifecycle.edge.oci;

/** An image or chart reference that cannot be parsed; the message names the reference and what is wrong. */
public class InvalidReferenceException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String problem;

  public InvalidReferenceException(String reference, String problem) {
    super("invalid reference '" + reference + "': " + problem);
    this.problem = problem;
  }

  /** What is wrong, without the reference. */
  public String problem() {
    return problem;
  }
}
