package dev.lifecycle.edge.agent.link;

/** A host of a site controller that cannot talk to one: no link token, and no usable link kept. */
public final class NotLinkedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  NotLinkedException(String message) {
    super(message);
  }
}
