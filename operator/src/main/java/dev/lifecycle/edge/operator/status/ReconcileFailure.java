package dev.lifecycle.edge.operator.status;

import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.operator.status.StatusVerdict.Cause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.util.Optional;

/**
 * A reconcile that threw, as the status contract tells it. Pure. While java-operator-sdk retries it,
 * the object is Reconciling and its readiness Unknown (the operator cannot vouch for it); once the
 * retries are exhausted it is Stalled and not Ready, until a change of the object or of what it
 * watches reconciles it again.
 *
 * @param retriesExhausted whether this was the last attempt java-operator-sdk makes
 * @param detail what failed, for a person: the exception's class and the first line of its message,
 *     bounded; for an API error the server's own message, never a request body
 */
public record ReconcileFailure(boolean retriesExhausted, String detail) {

  /** Reconciling: the last reconcile failed and is retried with backoff. */
  public static final String RETRYING = "RetryingAfterError";
  /** Stalled: the reconcile failed on every retry. */
  public static final String RETRIES_EXHAUSTED = "RetriesExhausted";

  static final int DETAIL_LIMIT = 300;

  public static ReconcileFailure of(Exception failure, Optional<RetryInfo> retry) {
    return new ReconcileFailure(retry.map(RetryInfo::isLastAttempt).orElse(false), detail(failure));
  }

  public String reason() {
    return retriesExhausted ? RETRIES_EXHAUSTED : RETRYING;
  }

  public String message() {
    return retriesExhausted
        ? "the reconcile failed on every retry; a change of the object reconciles it again: " + detail
        : "the last reconcile failed and is retried: " + detail;
  }

  /** Ready Unknown and Reconciling while retried; Ready False and Stalled once the retries are exhausted. */
  public StatusVerdict verdict() {
    Cause cause = new Cause(reason(), message());
    return retriesExhausted
        ? new StatusVerdict(ConditionStatus.False, false, true, cause, cause)
        : new StatusVerdict(ConditionStatus.Unknown, true, false, cause, cause);
  }

  private static String detail(Exception failure) {
    String text = failure.getMessage();
    if (failure instanceof KubernetesClientException api && api.getStatus() != null
        && api.getStatus().getMessage() != null) {
      text = "HTTP " + api.getCode() + ": " + api.getStatus().getMessage();
    }
    String firstLine = text == null ? "" : text.lines().findFirst().orElse("");
    String detail = failure.getClass().getSimpleName() + (firstLine.isBlank() ? "" : ": " + firstLine);
    return detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT - 3) + "...";
  }
}
