package dev.lifecycle.edge.operator.host;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code status.lastSeen} texts parsed once: every cluster round judges every host of its view, and every
 * judgement reads when the host was last seen. The gateway records lastSeen to the second, so the hosts of a fleet
 * share a few hundred distinct texts at any time (one per second of the last staleness window): a small map holds
 * them, and is emptied when it grows past its bound (texts of the past are never asked again).
 */
final class LastSeenTimes {

  static final int BOUND = 4096;

  private final Map<String, Optional<Instant>> parsed = new ConcurrentHashMap<>();

  /** The instant the text records, or empty when it is not an RFC 3339 timestamp. */
  Optional<Instant> parse(String text) {
    Optional<Instant> known = parsed.get(text);
    if (known != null) {
      return known;
    }
    Optional<Instant> instant;
    try {
      instant = Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      instant = Optional.empty();
    }
    if (parsed.size() >= BOUND) {
      parsed.clear();
    }
    parsed.put(text, instant);
    return instant;
  }

  int size() {
    return parsed.size();
  }
}
