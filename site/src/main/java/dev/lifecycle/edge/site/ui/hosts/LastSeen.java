package dev.lifecycle.edge.site.ui.hosts;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When a host was last heard from, as a person reads it: "12 s ago", "3 min ago", "5 h ago", "2 days ago", "never"
 * (never reported), "just now" (a clock a little ahead). Pure.
 */
public final class LastSeen {

  private LastSeen() {
  }

  /** @param lastSeen the host's status.lastSeen (ISO-8601), or null when it never reported */
  public static String of(String lastSeen, Instant now) {
    if (lastSeen == null || lastSeen.isBlank()) {
      return "never";
    }
    Instant seen;
    try {
      seen = Instant.parse(lastSeen);
    } catch (DateTimeParseException e) {
      return "unknown (" + lastSeen + ")";
    }
    return of(Duration.between(seen, now));
  }

  static String of(Duration ago) {
    long seconds = ago.toSeconds();
    if (seconds < 1) {
      return "just now";
    }
    if (seconds < 60) {
      return seconds + " s ago";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min ago";
    }
    if (seconds < 86_400) {
      return seconds / 3600 + " h ago";
    }
    long days = seconds / 86_400;
    return days == 1 ? "1 day ago" : days + " days ago";
  }
}
