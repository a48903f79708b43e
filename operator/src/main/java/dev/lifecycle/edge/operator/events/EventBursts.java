package dev.lifecycle.edge.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Which Normal Events are written about their own object, and which are counted on their namespace's summary: a
 * fleet's routine Events come in storms (the 500 hosts of a namespace registering, its 100 clusters rolling out
 * together), each an API write, and they bury the few a person looks for. Per namespace, kind of subject and reason,
 * the first {@value #BURST} Normal Events of a {@link #WINDOW} are written about their objects; the rest of that
 * window are summarized (see {@link EventSummaries}). Warnings are always written about their objects, and a
 * namespace with a few objects never reaches the burst.
 *
 * <p>Kubernetes' EventAggregator combines similar Events of one object after 10 in 10 minutes, and its spam filter
 * lets a burst of 25 through; this applies the burst across the objects of a namespace. The time is passed in, so
 * the decision is pure; thread-safe.
 */
final class EventBursts {

  static final int BURST = 25;
  static final Duration WINDOW = Duration.ofMinutes(10);
  /** Keys kept before the windows that ended are forgotten. */
  private static final int PRUNE_AT = 4096;

  private record Window(Instant start, int occurrences) {
  }

  private final int burst;
  private final Map<String, Window> windows = new HashMap<>();

  /** @param burst Normal Events per namespace, kind and reason written about their objects in a window */
  EventBursts(int burst) {
    if (burst < 0) {
      throw new IllegalArgumentException("a burst is at least 0 Events, not " + burst);
    }
    this.burst = burst;
  }

  /** Whether this occurrence is written about its own object ({@code false}: it goes to its namespace's summary). */
  synchronized boolean ownEvent(Event occurrence, Instant now) {
    if (!"Normal".equals(occurrence.getType())) {
      return true;
    }
    if (windows.size() >= PRUNE_AT) {
      windows.values().removeIf(w -> ended(w, now));
    }
    Window window = windows.get(EventQueue.namespaceKey(occurrence));
    if (window == null || ended(window, now)) {
      window = new Window(now, 0);
    }
    window = new Window(window.start(), window.occurrences() + 1);
    windows.put(EventQueue.namespaceKey(occurrence), window);
    return window.occurrences() <= burst;
  }

  private static boolean ended(Window window, Instant now) {
    return !now.isBefore(window.start().plus(WINDOW));
  }
}
