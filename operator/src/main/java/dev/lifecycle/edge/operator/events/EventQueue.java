package dev.lifecycle.edge.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Events waiting to be written, folded as they wait: an occurrence of an Event already waiting
 * (same name: same subject, type, reason and message, see {@link EventName}) raises that Event's
 * {@code count} and {@code lastTimestamp} instead of waiting as another write, as Kubernetes'
 * EventCorrelator does. So a writer that falls behind a burst writes each distinct Event once, with
 * the count of all its occurrences, and loses none.
 *
 * <p>Bounded: at most {@code limit} distinct Events wait. Beyond it a new Event is combined into one
 * Event per subject, type and reason, whose message is the latest one prefixed as Kubernetes'
 * EventAggregator does; only when that combined Event cannot find room either (another {@code limit}
 * of them) is an occurrence dropped. Oldest first. Not I/O; thread-safe.
 */
public final class EventQueue {

  static final String COMBINED = "(combined from similar events): ";

  /** What became of an offered occurrence. */
  public enum Offer {
    /** A new Event, waiting for its write. */
    QUEUED,
    /** Counted on the same Event, already waiting. */
    FOLDED,
    /** The queue was full: counted on the combined Event of its subject, type and reason. */
    COMBINED,
    /** Neither the Event nor its combined Event found room. */
    DROPPED
  }

  private final int limit;
  private final Map<String, Event> waiting = new LinkedHashMap<>();
  private final Map<String, Event> combined = new LinkedHashMap<>();

  public EventQueue(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("an event queue holds at least one event, not " + limit);
    }
    this.limit = limit;
  }

  /** Queues an occurrence (count 1, or more when already folded), or counts it on one waiting. */
  public synchronized Offer offer(Event occurrence) {
    String key = key(occurrence);
    Event there = waiting.get(key);
    if (there != null) {
      waiting.put(key, fold(there, occurrence, there.getMessage()));
      return Offer.FOLDED;
    }
    if (waiting.size() < limit) {
      waiting.put(key, occurrence);
      return Offer.QUEUED;
    }
    String similar = similarKey(occurrence);
    Event aggregate = combined.get(similar);
    if (aggregate != null) {
      combined.put(similar, fold(aggregate, occurrence, COMBINED + occurrence.getMessage()));
      return Offer.COMBINED;
    }
    if (combined.size() < limit) {
      ObjectReference subject = occurrence.getInvolvedObject();
      combined.put(similar, new EventBuilder(occurrence)
          .editMetadata().withName(EventName.of(subject.getKind(), occurrence.getMetadata().getNamespace(),
              subject.getName(), subject.getUid(), occurrence.getType(), occurrence.getReason(), COMBINED))
          .endMetadata()
          .withMessage(COMBINED + occurrence.getMessage()).build());
      return Offer.COMBINED;
    }
    return Offer.DROPPED;
  }

  /** The oldest Event waiting, with the count of its occurrences, taken out of the queue; empty when none waits. */
  public synchronized Optional<Event> poll() {
    for (Map<String, Event> queue : List.of(waiting, combined)) {
      Iterator<Event> oldest = queue.values().iterator();
      if (oldest.hasNext()) {
        Event event = oldest.next();
        oldest.remove();
        return Optional.of(event);
      }
    }
    return Optional.empty();
  }

  public synchronized int size() {
    return waiting.size() + combined.size();
  }

  /** The occurrence counted on the Event waiting: counts add up, the latest time and message win. */
  private static Event fold(Event there, Event occurrence, String message) {
    return new EventBuilder(there)
        .withCount(count(there) + count(occurrence))
        .withLastTimestamp(occurrence.getLastTimestamp())
        .withMessage(message)
        .build();
  }

  static int count(Event event) {
    return event.getCount() == null ? 1 : event.getCount();
  }

  private static String key(Event event) {
    return event.getMetadata().getNamespace() + "/" + event.getMetadata().getName();
  }

  private static String similarKey(Event event) {
    ObjectReference subject = event.getInvolvedObject();
    return String.join("\n", event.getMetadata().getNamespace(), subject.getKind(), subject.getName(),
        String.valueOf(subject.getUid()), event.getType(), event.getReason());
  }
}
