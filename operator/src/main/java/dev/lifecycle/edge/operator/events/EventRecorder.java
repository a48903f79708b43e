package dev.lifecycle.edge.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events for transitions a user wants in {@code kubectl describe}. An Event that
 * cannot be written is logged and dropped: Events inform, they never stop a reconcile.
 */
public class EventRecorder {

  public static final String COMPONENT = "edge-operator";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(HasMetadata subject, String reason, String message) {
    record(subject, "Normal", reason, message);
  }

  public void warning(HasMetadata subject, String reason, String message) {
    record(subject, "Warning", reason, message);
  }

  private void record(HasMetadata subject, String type, String reason, String message) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    String name = subject.getMetadata().getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
        .toLowerCase(Locale.ROOT);
    try {
      client.v1().events().inNamespace(subject.getMetadata().getNamespace()).resource(new EventBuilder()
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
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {} {}/{}: {}", reason, subject.getKind(),
          subject.getMetadata().getNamespace(), subject.getMetadata().getName(), e.getMessage());
    }
  }
}
