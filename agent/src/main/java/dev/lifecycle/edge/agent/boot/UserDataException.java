package dev.lifecycle.edge.agent.boot;

import java.nio.file.Path;

/**
 * A user-data or site user-data file the agent cannot boot from. The message names the file, the line
 * and the field, and says what was expected; it never quotes a value the file holds for a secret (the
 * token), only what is wrong with it.
 */
public final class UserDataException extends RuntimeException {

  UserDataException(Path file, int line, String field, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : field + ": ") + problem);
  }
}
