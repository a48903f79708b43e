package dev.lifecycle.edge.agent.boot;

import java.util.Locale;
import java.util.Optional;

/**
 * Who manages a host: the management cluster's gateway ({@code central}, the default), or a site
 * controller the host links to with a link token ({@code local}).
 */
public enum Management {
  CENTRAL,
  LOCAL;

  /** What {@code management:} takes, for "must be ..." messages. */
  static final String EXPECTED = "central or local";

  /** The value as written in user-data. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code central} or {@code local}; empty for anything else. */
  static Optional<Management> parse(String text) {
    for (Management management : values()) {
      if (management.text().equals(text)) {
        return Optional.of(management);
      }
    }
    return Optional.empty();
  }
}
