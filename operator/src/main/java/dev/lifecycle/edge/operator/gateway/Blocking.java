package dev.lifecycle.edge.operator.gateway;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs the blocking part of a request (Kubernetes writes) on the gateway's worker pool, off the event loop. */
final class Blocking {

  private final WorkerExecutor workers;

  Blocking(WorkerExecutor workers) {
    this.workers = workers;
  }

  /** Runs the work; its result goes to {@code then} on the event loop, a failure to the failure handler. */
  <T> void run(RoutingContext ctx, Callable<T> work, Consumer<T> then) {
    workers.<T>executeBlocking(work, false).onComplete(result -> {
      if (result.succeeded()) {
        then.accept(result.result());
      } else {
        ctx.fail(result.cause());
      }
    });
  }
}
