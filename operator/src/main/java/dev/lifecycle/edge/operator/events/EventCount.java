package dev.lifecycle.edge.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.util.Optional;

/**
 * Whether an occurrence of an Event creates it or counts on the object already there. Pure.
 *
 * @param kind create the Event, or update it
 * @param event the object to write
 */
public record EventCount(Kind kind, Event event) {

  /** The write an occurrence takes. */
  public enum Kind {
    /** The first occurrence: the Event is created with the occurrence's count. */
    CREATE,
    /** A repeat: the Event there gets its count plus the occurrence's, and the occurrence's lastTimestamp. */
    INCREMENT
  }

  /**
   * @param occurrence the Event as it would be created: count 1, or the occurrences folded into it while it
   *     waited to be written
   * @param existing the Event of that name as last read or written, with its resourceVersion
   */
  public static EventCount next(Event occurrence, Optional<Event> existing) {
    return existing
        .map(there -> new EventCount(Kind.INCREMENT, new EventBuilder(there)
            .withCount(EventQueue.count(there) + EventQueue.count(occurrence))
            .withLastTimestamp(occurrence.getLastTimestamp())
            .withMessage(occurrence.getMessage())
            .build()))
        .orElseGet(() -> new EventCount(Kind.CREATE, occurrence));
  }
}
