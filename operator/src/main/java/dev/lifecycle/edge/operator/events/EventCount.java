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
    /** The first occurrence: the Event is created with count 1. */
    CREATE,
    /** A repeat: the Event there gets count + 1 and the occurrence's lastTimestamp. */
    INCREMENT
  }

  /**
   * @param occurrence the Event as it would be created, count 1
   * @param existing the Event of that name as last read or written, with its resourceVersion
   */
  public static EventCount next(Event occurrence, Optional<Event> existing) {
    return existing
        .map(there -> new EventCount(Kind.INCREMENT, new EventBuilder(there)
            .withCount((there.getCount() == null ? 1 : there.getCount()) + 1)
            .withLastTimestamp(occurrence.getLastTimestamp())
            .build()))
        .orElseGet(() -> new EventCount(Kind.CREATE, occurrence));
  }
}
