package dev.lifecycle.edge.operator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

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
    S previous = resource.getStatus();
    if (previous != null && json(context, previous).equals(json(context, desired))) {
      return false;
    }
    write(resource, desired, context);
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
