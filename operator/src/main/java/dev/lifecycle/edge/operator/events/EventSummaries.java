package dev.lifecycle.edge.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The namespace summaries of the Events {@link EventBursts} keeps from their objects: one Event per namespace, kind
 * of subject, type and reason, about the Namespace ("(combined from similar events): EdgeHost store-7-b: ..."), its
 * count the occurrences it stands for, written at most once per {@code every} however many occurrences come. Not
 * I/O: the caller writes what {@link #due} hands out, when {@link #add} says; the time is passed in; thread-safe.
 */
final class EventSummaries {

  static final Duration EVERY = Duration.ofSeconds(30);

  private final Duration every;
  /** Occurrences not handed out yet, folded into one Event per summary. */
  private final Map<String, Event> waiting = new LinkedHashMap<>();
  /** When each summary was last handed out. */
  private final Map<String, Instant> handedOut = new HashMap<>();

  EventSummaries(Duration every) {
    this.every = every;
  }

  /**
   * Counts an occurrence on its summary.
   *
   * @return when the summary is to be handed out, if this occurrence is the first to wait for it (the caller
   *     schedules a call of {@link #due} then); empty when a hand-out is already due for it
   */
  synchronized Optional<Instant> add(Event occurrence, Instant now) {
    String key = EventQueue.namespaceKey(occurrence);
    String told = occurrence.getInvolvedObject().getKind() + " " + occurrence.getInvolvedObject().getName() + ": "
        + occurrence.getMessage();
    Event there = waiting.get(key);
    if (there != null) {
      waiting.put(key, EventQueue.fold(there, occurrence, EventQueue.COMBINED + told));
      return Optional.empty();
    }
    waiting.put(key, EventQueue.aboutNamespace(occurrence, told));
    return Optional.of(dueAt(key, now));
  }

  /** When the summary of this key may be handed out: now, or {@code every} after its last hand-out. */
  private Instant dueAt(String key, Instant now) {
    Instant last = handedOut.get(key);
    return last == null || !last.plus(every).isAfter(now) ? now : last.plus(every);
  }

  /** The summaries due at {@code now}, taken out: each to be written (created, or its count raised). */
  synchronized List<Event> due(Instant now) {
    List<Event> due = new ArrayList<>();
    waiting.entrySet().removeIf(entry -> {
      if (dueAt(entry.getKey(), now).isAfter(now)) {
        return false;
      }
      due.add(entry.getValue());
      handedOut.put(entry.getKey(), now);
      return true;
    });
    if (handedOut.size() > 4096) {
      // A summary handed out longer than {@code every} ago is due at once anyway: forgetting it changes nothing.
      handedOut.values().removeIf(at -> !at.plus(every).isAfter(now));
    }
    return due;
  }

  /**
   * When the next summary still waiting is due, if one waits: asked after {@link #due}, so that a summary a timer
   * reached a little early (its clock and the timer's are not the same) is handed out later, not left waiting.
   */
  synchronized Optional<Instant> nextDue(Instant now) {
    return waiting.keySet().stream().map(key -> dueAt(key, now)).min(Instant::compareTo);
  }
}
