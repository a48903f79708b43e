package dev.lifecycle.edge.bundle.archive;

/** Thrown by a reader when the archive is refused; nothing of it was kept. */
public final class RefusedException extends Exception {

  private final transient Refusal refusal;

  public RefusedException(RefusalReason reason, String message) {
    super(reason + ": " + message);
    this.refusal = new Refusal(reason, message);
  }

  public Refusal refusal() {
    return refusal;
  }
}
