package dev.lifecycle.edge.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events for transitions a user wants in {@code kubectl describe}. An Event that
 * cannot be written is logged and dropped: Events inform, they never stop a reconcile.
 *
 * <p>An Event is named for what it is about ({@link EventName}): its first occurrence creates it with
 * count 1, a repeat raises {@code count} and {@code lastTimestamp} on that object, as Kubernetes and
 * Apache Flink's operator do, instead of a new object with a random name each time. The Events this
 * recorder wrote last are kept (a bounded LRU), so a repeat costs one write, an update with their
 * resourceVersion; when that update conflicts or the Event is gone (another replica, or the API's
 * Event TTL), it is tried once more from a fresh read.
 *
 * <p>Events are written in the background, oldest first, as client-go's event broadcaster does: a
 * reconcile that moves a batch of hosts does not wait for one API round trip per Event. While an Event
 * waits, its repeats are folded into it ({@link EventQueue}): a burst of the same Event while the writer
 * is behind becomes one write with the count of the burst, not one write each, and nothing is lost. The
 * metric {@value #METRIC} counts occurrences by outcome: {@code written} (an API write), {@code folded}
 * (counted on a waiting Event), {@code combined} (the queue was full: counted on the Event of its
 * subject, type and reason), {@code dropped} (not even that found room), {@code failed} (the API refused
 * the write).
 */
public class EventRecorder {

  public static final String COMPONENT = "edge-operator";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  public static final String METRIC = "edge.operator.events";
  static final int QUEUE_LIMIT = 10_000;
  /** As many Events as client-go's correlator keeps; an Event older than that is read again on its next repeat. */
  static final int KNOWN_LIMIT = 4096;

  private final KubernetesClient client;
  private final Clock clock;
  private final EventQueue queue;
  private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
  /** Whether a writer thread is draining the queue; guarded by {@code this}. */
  private boolean draining;

  /** The Events last written, by namespace and name; only the writer thread touches it. */
  private final Map<String, Event> known = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Event> eldest) {
      return size() > KNOWN_LIMIT;
    }
  };

  /** What became of an occurrence, as the metric tags it. */
  enum Outcome {
    WRITTEN, FOLDED, COMBINED, DROPPED, FAILED
  }

  /** A recorder whose metrics stay in memory. */
  public EventRecorder(KubernetesClient client, Clock clock) {
    this(client, clock, new SimpleMeterRegistry(), QUEUE_LIMIT);
  }

  public EventRecorder(KubernetesClient client, Clock clock, MeterRegistry meters) {
    this(client, clock, meters, QUEUE_LIMIT);
  }

  EventRecorder(KubernetesClient client, Clock clock, MeterRegistry meters, int queueLimit) {
    this.client = client;
    this.clock = clock;
    this.queue = new EventQueue(queueLimit);
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, Counter.builder(METRIC).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
          .description("Event occurrences by what became of them").register(meters));
    }
  }

  public void normal(HasMetadata subject, String reason, String message) {
    record(subject, "Normal", reason, message);
  }

  public void warning(HasMetadata subject, String reason, String message) {
    record(subject, "Warning", reason, message);
  }

  /** A Warning or a Normal Event, as a notice of a transition says. */
  public void record(HasMetadata subject, boolean warning, String reason, String message) {
    record(subject, warning ? "Warning" : "Normal", reason, message);
  }

  private void record(HasMetadata subject, String type, String reason, String message) {
    // Built now, from the subject as it is now; written later.
    Event event = event(subject, type, reason, message);
    switch (queue.offer(event)) {
      case QUEUED -> startDraining();
      case FOLDED -> outcomes.get(Outcome.FOLDED).increment();
      case COMBINED -> {
        outcomes.get(Outcome.COMBINED).increment();
        startDraining();
      }
      case DROPPED -> {
        outcomes.get(Outcome.DROPPED).increment();
        LOG.warn("dropped event {} on {} {}/{}: {} distinct events are waiting to be written", reason,
            subject.getKind(), subject.getMetadata().getNamespace(), subject.getMetadata().getName(), queue.size());
      }
    }
  }

  /** One writer at a time; it ends when the queue is empty, so an idle recorder holds no thread. */
  private synchronized void startDraining() {
    if (draining) {
      return;
    }
    draining = true;
    Thread writer = new Thread(this::drain, "edge-operator-events");
    writer.setDaemon(true);
    writer.start();
  }

  private void drain() {
    while (true) {
      Optional<Event> next;
      synchronized (this) {
        next = queue.poll();
        if (next.isEmpty()) {
          draining = false;
          return;
        }
      }
      try {
        write(next.get());
      } catch (RuntimeException e) {
        outcomes.get(Outcome.FAILED).increment();
        LOG.warn("could not record event {}: {}", next.get().getReason(), e.toString());
      }
    }
  }

  private void write(Event occurrence) {
    String key = occurrence.getMetadata().getNamespace() + "/" + occurrence.getMetadata().getName();
    try {
      known.put(key, write(EventCount.next(occurrence, Optional.ofNullable(known.get(key)))));
      outcomes.get(Outcome.WRITTEN).increment();
    } catch (KubernetesClientException e) {
      known.remove(key);
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT && e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        dropped(occurrence, e);
        return;
      }
      try {
        known.put(key, write(EventCount.next(occurrence, Optional.ofNullable(read(occurrence)))));
        outcomes.get(Outcome.WRITTEN).increment();
      } catch (KubernetesClientException again) {
        dropped(occurrence, again);
      }
    }
  }

  private Event write(EventCount count) {
    Resource<Event> event = client.v1().events().inNamespace(count.event().getMetadata().getNamespace())
        .resource(count.event());
    return switch (count.kind()) {
      case CREATE -> event.create();
      case INCREMENT -> event.update();
    };
  }

  private Event read(Event occurrence) {
    return client.v1().events().inNamespace(occurrence.getMetadata().getNamespace())
        .withName(occurrence.getMetadata().getName()).get();
  }

  private void dropped(Event event, KubernetesClientException e) {
    outcomes.get(Outcome.FAILED).increment();
    LOG.warn("could not record event {} on {} {}/{}: {}", event.getReason(), event.getInvolvedObject().getKind(),
        event.getMetadata().getNamespace(), event.getInvolvedObject().getName(), e.getMessage());
  }

  private Event event(HasMetadata subject, String type, String reason, String message) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    String name = EventName.of(subject, type, reason, message);
    return new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(subject.getMetadata().getNamespace()).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(subject.getApiVersion())
            .withKind(subject.getKind())
            .withName(subject.getMetadata().getName())
            .withNamespace(subject.getMetadata().getNamespace())
            .withUid(subject.getMetadata().getUid())
            .withResourceVersion(subject.getMetadata().getResourceVersion())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withCount(1)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .build();
  }
}
