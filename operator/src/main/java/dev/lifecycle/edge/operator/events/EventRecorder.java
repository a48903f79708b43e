package dev.lifecycle.edge.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events for transitions a user wants in {@code kubectl describe}. An Event that
 * cannot be written is logged and dropped: Events inform, they never stop a reconcile.
 *
 * <p>Events are written in the background, in the order they were recorded, as client-go's event
 * broadcaster does: a reconcile that moves a batch of hosts does not wait for one API round trip per
 * Event. A burst beyond {@link #QUEUE_LIMIT} pending Events drops the excess with a log line.
 */
public class EventRecorder {

  public static final String COMPONENT = "edge-operator";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  static final int QUEUE_LIMIT = 10_000;

  private final KubernetesClient client;
  private final Clock clock;
  private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(QUEUE_LIMIT), runnable -> {
        Thread thread = new Thread(runnable, "edge-operator-events");
        thread.setDaemon(true);
        return thread;
      });

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

  private void write(Event event) {
    try {
      client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {} {}/{}: {}", event.getReason(), event.getInvolvedObject().getKind(),
          event.getMetadata().getNamespace(), event.getInvolvedObject().getName(), e.getMessage());
    }
  }

  private Event event(HasMetadata subject, String type, String reason, String message) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    String name = subject.getMetadata().getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
        .toLowerCase(Locale.ROOT);
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
