package dev.lifecycle.edge.operator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.function.UnaryOperator;

/**
 * Writes the status of the resource a reconciler owns, only when it changed: an unchanged status is
 * not written, so it raises no watch event and no reconcile loop. The write uses optimistic locking
 * and puts the result in JOSDK's cache, so the next reconcile sees it.
 */
public final class PrimaryStatus {

  private PrimaryStatus() {
  }

  /** Writes {@code desired} unless the resource already has it; true when it was written. */
  public static <S, P extends CustomResource<?, S>> boolean writeIfChanged(P resource, S desired,
      Context<P> context) {
    return writeIfChangedFrom(resource, previous -> desired, context);
  }

  /**
   * Writes the status {@code desiredFrom} makes of the resource's status, unless it is already so;
   * true when written. On a conflict it is made again from the fresher status, so that a field another
   * party wrote meanwhile (the gateway raising a token's registrations) is merged, not overwritten.
   */
  public static <S, P extends CustomResource<?, S>> boolean writeIfChangedFrom(P resource, UnaryOperator<S> desiredFrom,
      Context<P> context) {
    S previous = resource.getStatus();
    S desired = desiredFrom.apply(previous);
    if (previous != null && json(context, previous).equals(json(context, desired))) {
      return false;
    }
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(resource, context, fresh -> {
      fresh.setStatus(desiredFrom.apply(fresh.getStatus()));
      return fresh;
    });
    return true;
  }

  /**
   * Writes {@code desired} now, in the middle of a reconcile, and returns the written resource: a
   * record of intent that must be stored before the writes it announces (a rollout before its moves).
   */
  public static <S, P extends CustomResource<?, S>> P write(P resource, S desired, Context<P> context) {
    return PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(resource, context, fresh -> {
      fresh.setStatus(desired);
      return fresh;
    });
  }

  private static String json(Context<?> context, Object status) {
    return context.getClient().getKubernetesSerialization().asJson(status);
  }
}
