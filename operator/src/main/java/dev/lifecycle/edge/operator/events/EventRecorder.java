package dev.lifecycle.edge.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
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
 * <p>Events are written in the background, in the order they were recorded, as client-go's event
 * broadcaster does: a reconcile that moves a batch of hosts does not wait for one API round trip per
 * Event. A burst beyond {@link #QUEUE_LIMIT} pending Events drops the excess with a log line.
 */
public class EventRecorder {

  public static final String COMPONENT = "edge-operator";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  static final int QUEUE_LIMIT = 10_000;
  /** As many Events as client-go's correlator keeps; an Event older than that is read again on its next repeat. */
  static final int KNOWN_LIMIT = 4096;

  private final KubernetesClient client;
  private final Clock clock;
  private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(QUEUE_LIMIT), runnable -> {
        Thread thread = new Thread(runnable, "edge-operator-events");
        thread.setDaemon(true);
        return thread;
      });

  /** The Events last written, by namespace and name; only the writer thread touches it. */
  private final Map<String, Event> known = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Event> eldest) {
      return size() > KNOWN_LIMIT;
    }
  };

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    writer.allowCoreThreadTimeOut(true);
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
    try {
      writer.execute(() -> write(event));
    } catch (RejectedExecutionException e) {
      LOG.warn("dropped event {} on {} {}/{}: more than {} events are waiting to be written", reason,
          subject.getKind(), subject.getMetadata().getNamespace(), subject.getMetadata().getName(), QUEUE_LIMIT);
    }
  }

  private void write(Event occurrence) {
    String key = occurrence.getMetadata().getNamespace() + "/" + occurrence.getMetadata().getName();
    try {
      known.put(key, write(EventCount.next(occurrence, Optional.ofNullable(known.get(key)))));
    } catch (KubernetesClientException e) {
      known.remove(key);
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT && e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        dropped(occurrence, e);
        return;
      }
      try {
        known.put(key, write(EventCount.next(occurrence, Optional.ofNullable(read(occurrence)))));
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

  private static void dropped(Event event, KubernetesClientException e) {
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
