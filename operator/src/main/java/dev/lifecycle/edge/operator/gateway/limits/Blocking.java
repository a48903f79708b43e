package dev.lifecycle.edge.operator.gateway.limits;

import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.gateway.http.Replies;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs the blocking part of a request (Kubernetes writes) on the gateway's worker pool, off the event
 * loop. When more requests wait than the workers can serve soon ({@link Admission}: a few seconds at
 * their recent pace), a new one is turned away at once with 503 and Retry-After, rather than queued
 * until its agent times out and sends it again: a fleet powering on at once is served at the API's
 * pace without work done twice.
 */
public final class Blocking {

  private static final long RETRY_AFTER_SECONDS = 1;

  private final WorkerExecutor workers;
  private final Admission admission;

  public Blocking(WorkerExecutor workers, Admission admission) {
    this.workers = workers;
    this.admission = admission;
  }

  /**
   * Runs the work; its result goes to {@code then} on the event loop, a failure to the failure handler.
   *
   * @return false when the request was turned away (503 answered) and the work will not run
   */
  public <T> boolean run(RoutingContext ctx, Callable<T> work, Consumer<T> then) {
    if (!admission.tryAdmit()) {
      Replies.error(ctx, ApiError.busy(RETRY_AFTER_SECONDS),
          Map.of("Retry-After", Long.toString(RETRY_AFTER_SECONDS)));
      return false;
    }
    workers.<T>executeBlocking(() -> {
      try {
        return work.call();
      } finally {
        admission.finished();
      }
    }, false).onComplete(result -> {
      if (result.succeeded()) {
        then.accept(result.result());
      } else {
        ctx.fail(result.cause());
      }
    });
    return true;
  }
}
