package dev.lifecycle.edge.bundle.archive;

/** A refused archive: the reason, and a message a person understands (it names the entry or key concerned). */
public record Refusal(RefusalReason reason, String message) {

  @Override
  public String toString() {
    return reason + ": " + message;
  }
}
