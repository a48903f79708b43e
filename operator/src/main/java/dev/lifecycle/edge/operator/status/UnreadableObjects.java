package dev.lifecycle.edge.operator.status;

import dev.lifecycle.edge.api.v1alpha1.Unreadable;
import dev.lifecycle.edge.operator.events.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects the operator could not read ({@link Unreadable} placeholders): a reconciler hands each
 * object here first and leaves alone what this reports, since a placeholder says nothing of what its
 * spec asks. Each version of such an object is reported once: a log line, a Warning Event on it and
 * the counter {@value #METRIC} of its kind.
 */
public final class UnreadableObjects {

  /** The reason of the Warning Event on an object that could not be read. */
  public static final String REASON = "Unreadable";
  /** Versions of objects found unreadable, by kind ({@code edge_unreadable_objects_total} in Prometheus). */
  public static final String METRIC = "edge.unreadable.objects";

  private static final Logger LOG = LoggerFactory.getLogger(UnreadableObjects.class);

  private final EventRecorder events;
  private final MeterRegistry meters;
  /** The version last reported of each object unreadable now, by uid (forgotten once a version reads). */
  private final Map<String, String> reported = new ConcurrentHashMap<>();

  public UnreadableObjects(EventRecorder events, MeterRegistry meters) {
    this.events = events;
    this.meters = meters;
  }

  /**
   * Whether the object could not be read (reported on its version's first visit); false for an object read
   * as it is.
   */
  public boolean skip(HasMetadata resource) {
    String uid = resource.getMetadata().getUid();
    Optional<String> problem = Unreadable.problem(resource);
    if (problem.isEmpty()) {
      if (uid != null) {
        reported.remove(uid);
      }
      return false;
    }
    String version = resource.getMetadata().getResourceVersion();
    if (!Objects.equals(reported.put(String.valueOf(uid), String.valueOf(version)), String.valueOf(version))) {
      String message = "the operator cannot read this object and leaves it as it is until it can: "
          + problem.get();
      LOG.warn("{} {}/{}: {}", resource.getKind(), resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(), message);
      events.warning(resource, REASON, message);
      Counter.builder(METRIC).tag("kind", resource.getKind())
          .description("Versions of objects the operator could not read as its classes and left alone")
          .register(meters).increment();
    }
    return true;
  }
}
