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
 * EventAggregator does; when that combined Event cannot find room either (another {@code limit} of
 * them), into one Event per namespace, kind of subject, type and reason, about the Namespace (a fleet
 * of 10,000 hosts registering at once outran the writers by that much: the count of those Events says
 * how many occurrences they stand for). Only when even that finds no room is an occurrence dropped.
 * Oldest first. Not I/O; thread-safe.
 */
public final class EventQueue {

  static final String COMBINED = "(combined from similar events): ";
  private static final String NAMESPACE = "Namespace";

  /** What became of an offered occurrence. */
  public enum Offer {
    /** A new Event, waiting for its write. */
    QUEUED,
    /** Counted on the same Event, already waiting. */
    FOLDED,
    /** The queue was full: counted on the combined Event of its subject, type and reason. */
    COMBINED,
    /** The combined Events were full too: counted on the Event of its namespace, kind, type and reason. */
    AGGREGATED,
    /** Neither the Event, its combined Event nor its namespace's found room. */
    DROPPED
  }

  private final int limit;
  private final Map<String, Event> waiting = new LinkedHashMap<>();
  private final Map<String, Event> combined = new LinkedHashMap<>();
  private final Map<String, Event> aggregated = new LinkedHashMap<>();

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
    String namespaceKey = namespaceKey(occurrence);
    Event ofNamespace = aggregated.get(namespaceKey);
    String told = subject(occurrence) + ": " + occurrence.getMessage();
    if (ofNamespace != null) {
      aggregated.put(namespaceKey, fold(ofNamespace, occurrence, COMBINED + told));
      return Offer.AGGREGATED;
    }
    if (aggregated.size() < limit) {
      aggregated.put(namespaceKey, aboutNamespace(occurrence, told));
      return Offer.AGGREGATED;
    }
    return Offer.DROPPED;
  }

  /** The occurrence as an Event of its namespace's, named for the namespace, kind of subject, type and reason. */
  static Event aboutNamespace(Event occurrence, String told) {
    String namespace = occurrence.getMetadata().getNamespace();
    return new EventBuilder(occurrence)
        .editMetadata().withName(EventName.of(NAMESPACE, namespace, namespace, null, occurrence.getType(),
            occurrence.getReason(), COMBINED + occurrence.getInvolvedObject().getKind()))
        .endMetadata()
        .withNewInvolvedObject().withApiVersion("v1").withKind(NAMESPACE).withName(namespace).endInvolvedObject()
        .withMessage(COMBINED + told).build();
  }

  private static String subject(Event event) {
    return event.getInvolvedObject().getKind() + " " + event.getInvolvedObject().getName();
  }

  /** The oldest Event waiting, with the count of its occurrences, taken out of the queue; empty when none waits. */
  public synchronized Optional<Event> poll() {
    for (Map<String, Event> queue : List.of(waiting, combined, aggregated)) {
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
    return waiting.size() + combined.size() + aggregated.size();
  }

  /** The occurrence counted on the Event waiting: counts add up, the latest time and message win. */
  static Event fold(Event there, Event occurrence, String message) {
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

  static String namespaceKey(Event event) {
    return String.join("\n", event.getMetadata().getNamespace(), event.getInvolvedObject().getKind(),
        event.getType(), event.getReason());
  }

  private static String similarKey(Event event) {
    ObjectReference subject = event.getInvolvedObject();
    return String.join("\n", event.getMetadata().getNamespace(), subject.getKind(), subject.getName(),
        String.valueOf(subject.getUid()), event.getType(), event.getReason());
  }
}
