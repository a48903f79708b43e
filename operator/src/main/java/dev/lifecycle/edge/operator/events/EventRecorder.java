package dev.lifecycle.edge.operator.events;

import dev.lifecycle.edge.operator.DaemonThreads;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * <p>Events are written in the background, as client-go's event broadcaster does: a reconcile that moves
 * a batch of hosts does not wait for one API round trip per Event. They are written on {@value #LANES}
 * lanes, each its own queue and thread, an Event's lane chosen by the object it is about: a rollout's
 * Events about hundreds of hosts are written side by side, and the Events of one object keep their
 * order (oldest first). A storm of routine Events (the hosts of a namespace registering together) is written
 * about its first {@value EventBursts#BURST} objects and summarized on one Event of their namespace
 * ({@link EventBursts}, {@link EventSummaries}). While an Event
 * waits, its repeats are folded into it ({@link EventQueue}): a burst of the same Event while the writer
 * is behind becomes one write with the count of the burst, not one write each, and nothing is lost. The
 * metric {@value #METRIC} counts occurrences by outcome: {@code written} (an API write), {@code folded}
 * (counted on a waiting Event), {@code combined} (the queue was full: counted on the Event of its
 * subject, type and reason), {@code aggregated} (those were full too: counted on the Event of its namespace,
 * kind, type and reason), {@code summarized} (a Normal Event past its namespace's burst, {@link EventBursts}:
 * counted on its namespace's summary, written at most every {@link EventSummaries#EVERY}), {@code dropped} (not
 * even that found room), {@code failed} (the API refused the write).
 */
public class EventRecorder {

  public static final String COMPONENT = "edge-operator";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  public static final String METRIC = "edge.operator.events";
  static final int QUEUE_LIMIT = 10_000;
  /**
   * Writer threads. One wrote about 12 Events a second against a loaded API server, a round trip at a
   * time, and fell a rollout behind at a few hundred hosts; client-go writes on one, but its Events are
   * fewer (no Event per host per batch).
   */
  static final int LANES = 4;

  private final Clock clock;
  private final EventLane[] lanes;
  private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

  /** What became of an occurrence, as the metric tags it. */
  enum Outcome {
    WRITTEN, FOLDED, COMBINED, AGGREGATED, SUMMARIZED, DROPPED, FAILED
  }

  private final EventBursts bursts;
  private final EventSummaries summaries;
  /** Hands the namespace summaries to their lanes when they are due. */
  private final ScheduledExecutorService summaryTimer = Executors.newSingleThreadScheduledExecutor(
      DaemonThreads.named("edge-operator-event-summaries"));

  /** A recorder whose metrics stay in memory. */
  public EventRecorder(KubernetesClient client, Clock clock) {
    this(client, clock, new SimpleMeterRegistry(), QUEUE_LIMIT);
  }

  public EventRecorder(KubernetesClient client, Clock clock, MeterRegistry meters) {
    this(client, clock, meters, QUEUE_LIMIT);
  }

  /** {@code queueLimit} distinct Events may wait in all, shared evenly by the lanes (at least one each). */
  EventRecorder(KubernetesClient client, Clock clock, MeterRegistry meters, int queueLimit) {
    this(client, clock, meters, queueLimit, new EventBursts(EventBursts.BURST), EventSummaries.EVERY);
  }

  /**
   * @param bursts which Normal Events are written about their objects, and which summarized
   * @param summaryEvery how often a namespace summary is written at most
   */
  EventRecorder(KubernetesClient client, Clock clock, MeterRegistry meters, int queueLimit, EventBursts bursts,
      Duration summaryEvery) {
    this.clock = clock;
    this.bursts = bursts;
    this.summaries = new EventSummaries(summaryEvery);
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, Counter.builder(METRIC).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
          .description("Event occurrences by what became of them").register(meters));
    }
    int laneLimit = Math.max(1, queueLimit / LANES);
    this.lanes = new EventLane[LANES];
    for (int i = 0; i < LANES; i++) {
      lanes[i] = new EventLane(client, new EventQueue(laneLimit), "edge-operator-events-" + i,
          () -> outcomes.get(Outcome.WRITTEN).increment(), () -> outcomes.get(Outcome.FAILED).increment());
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
    Instant now = clock.instant();
    if (!bursts.ownEvent(event, now)) {
      // The first to wait for its summary's next write counts as that write's outcome, the others as summarized.
      summaries.add(event, now).ifPresentOrElse(at -> offerSummariesAt(at, now),
          () -> outcomes.get(Outcome.SUMMARIZED).increment());
      return;
    }
    offer(event, subject.getKind(), subject.getMetadata().getNamespace(), subject.getMetadata().getName());
  }

  private void offerSummariesAt(Instant at, Instant now) {
    summaryTimer.schedule(this::offerDueSummaries, Math.max(0, Duration.between(now, at).toMillis()),
        TimeUnit.MILLISECONDS);
  }

  private void offerDueSummaries() {
    Instant now = clock.instant();
    for (Event summary : summaries.due(now)) {
      ObjectReference namespace = summary.getInvolvedObject();
      offer(summary, namespace.getKind(), summary.getMetadata().getNamespace(), namespace.getName());
    }
    // Whatever is still waiting (the timer came a little early by this clock) gets its own turn.
    summaries.nextDue(now).ifPresent(at -> offerSummariesAt(at.isAfter(now) ? at : now.plusMillis(1), now));
  }

  private void offer(Event event, String kind, String namespace, String name) {
    EventLane lane = laneOf(kind, namespace, name);
    switch (lane.offer(event)) {
      case QUEUED -> { }
      case FOLDED -> outcomes.get(Outcome.FOLDED).increment();
      case COMBINED -> outcomes.get(Outcome.COMBINED).increment();
      case AGGREGATED -> outcomes.get(Outcome.AGGREGATED).increment();
      case DROPPED -> {
        outcomes.get(Outcome.DROPPED).increment();
        LOG.warn("dropped event {} on {} {}/{}: {} distinct events are waiting to be written on its lane",
            event.getReason(), kind, namespace, name, lane.size());
      }
    }
  }

  /** The same object always on the same lane, so that its Events are written in the order they happened. */
  private EventLane laneOf(String kind, String namespace, String name) {
    int hash = Objects.hash(kind, namespace, name);
    return lanes[Math.floorMod(hash, lanes.length)];
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
