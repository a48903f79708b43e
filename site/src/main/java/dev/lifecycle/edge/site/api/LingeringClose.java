package dev.lifecycle.edge.site.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes the connection of a request answered before its body was read (an upload refused as too large, or one
 * whose archive ended early), the way HTTP servers do it (nginx's lingering close): the answer goes out with
 * {@code Connection: close}, then the rest of the body is read and dropped until it ends, and only then is the
 * connection closed, or after {@link #MOST_MILLIS} at the latest. Closed at once, the connection's unread bytes made
 * the kernel reset it, and a client still sending lost the answer it had been sent ("header parser received no
 * bytes" instead of the 413).
 */
public final class LingeringClose {

  /** The longest a refused body is read and dropped before the connection closes anyway. */
  public static final long MOST_MILLIS = 5_000;

  private LingeringClose() {
  }

  /** Marks the response as the connection's last, and closes the connection as above once it has gone out. */
  public static void afterAnswer(RoutingContext ctx) {
    ctx.response().putHeader("Connection", "close");
    ctx.addEndHandler(sent -> linger(ctx.vertx(), ctx.request()));
  }

  /** Reads and drops the rest of the request's body, then closes its connection (at once if nothing is left). */
  public static void linger(Vertx vertx, HttpServerRequest request) {
    AtomicBoolean closed = new AtomicBoolean();
    Runnable close = () -> {
      if (closed.compareAndSet(false, true)) {
        request.connection().close();
      }
    };
    if (request.isEnded()) {
      close.run();
      return;
    }
    long timer = vertx.setTimer(MOST_MILLIS, id -> close.run());
    Runnable closeNow = () -> {
      vertx.cancelTimer(timer);
      close.run();
    };
    request.exceptionHandler(broken -> closeNow.run());
    request.endHandler(ended -> closeNow.run());
    request.handler(dropped -> { });
    request.resume();
  }
}
