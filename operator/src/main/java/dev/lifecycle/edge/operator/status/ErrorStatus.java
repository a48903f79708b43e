package dev.lifecycle.edge.operator.status;

import dev.lifecycle.edge.api.v1alpha1.ReconciledStatus;
import dev.lifecycle.edge.operator.events.EventRecorder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every reconciler does when its reconcile throws (java-operator-sdk's
 * {@code updateErrorStatus}): the object's status tells the {@link ReconcileFailure}, a Warning Event
 * records it, and java-operator-sdk goes on retrying as usual. A status that cannot be written either
 * is logged: the retry is what matters.
 */
public final class ErrorStatus {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorStatus.class);

  private final EventRecorder events;
  private final Clock clock;

  public ErrorStatus(EventRecorder events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /**
   * For a kind whose status only its reconciler writes: written over the status as last seen, and only
   * when it changes, so a failure repeated on every retry costs no further status write.
   *
   * @param noStatus a new, empty status, for an object that has none yet
   */
  public <S extends ReconciledStatus, P extends CustomResource<?, S>> ErrorStatusUpdateControl<P> report(P resource,
      Context<P> context, Exception failure, Supplier<S> noStatus) {
    return report(resource, context, failure, (verdict, now) -> {
      S status = resource.getStatus() == null ? noStatus.get()
          : context.getClient().getKubernetesSerialization().clone(resource.getStatus());
      StatusContract.apply(status, verdict, resource.getMetadata().getGeneration(), now);
      PrimaryStatus.writeIfChanged(resource, status, context);
    });
  }

  /**
   * For a kind whose status several parties write (an EdgeHost): a read-modify-write of the conditions
   * on a fresh object through the {@link StatusWriter}, so nobody's update is lost; skipped when the
   * fresh object says so already.
   */
  public <S extends ReconciledStatus, P extends CustomResource<?, S>> ErrorStatusUpdateControl<P> reportShared(
      P resource, Context<P> context, Exception failure, Supplier<S> noStatus, StatusWriter writer) {
    return report(resource, context, failure, (verdict, now) -> writer.update(resource,
        fresh -> fresh.getStatus() == null
            || StatusContract.wouldChange(fresh.getStatus(), verdict, fresh.getMetadata().getGeneration(), now),
        fresh -> {
          if (fresh.getStatus() == null) {
            fresh.setStatus(noStatus.get());
          }
          StatusContract.apply(fresh.getStatus(), verdict, fresh.getMetadata().getGeneration(), now);
          return fresh;
        }));
  }

  /** Writes a failure's verdict at an instant. */
  private interface VerdictWrite {
    void write(StatusVerdict verdict, Instant now);
  }

  private <P extends CustomResource<?, ?>> ErrorStatusUpdateControl<P> report(P resource, Context<P> context,
      Exception failure, VerdictWrite write) {
    ReconcileFailure seen = ReconcileFailure.of(failure, context.getRetryInfo());
    String subject = resource.getKind() + " " + resource.getMetadata().getNamespace() + "/"
        + resource.getMetadata().getName();
    // java-operator-sdk logs the stack trace.
    LOG.warn("{}: {}", subject, seen.message());
    try {
      write.write(seen.verdict(), clock.instant());
    } catch (RuntimeException statusFailure) {
      LOG.warn("{}: could not write the failure into the status either: {}", subject, statusFailure.toString());
    }
    events.warning(resource, seen.reason(), seen.message());
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }
}
