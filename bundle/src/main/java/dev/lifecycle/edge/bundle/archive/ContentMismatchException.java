package dev.lifecycle.edge.bundle.archive;

import java.io.IOException;

/** A writer's source gave content other than the index declares: the archive is not written. */
public final class ContentMismatchException extends IOException {

  public ContentMismatchException(String message) {
    super(message);
  }
}
