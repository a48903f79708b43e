package dev.lifecycle.edge.operator.gateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadlines on reading a request, whatever the client's pace: Vert.x's idle timeout restarts with every
 * byte, so a client sending one byte every few seconds would hold a connection for ever. A request's
 * headers must be complete within {@code headers} of the connection opening or of the previous answer
 * (the connection is closed otherwise, which also bounds how long a kept-alive connection stays idle);
 * its body within {@code body} of its headers (408, and the connection is closed). While the gateway
 * works on an answer (a long poll included) no deadline runs. HTTP/1.1: the gateway serves nothing else.
 */
public final class ReadDeadlines {

  private static final Logger LOG = LoggerFactory.getLogger(ReadDeadlines.class);

  private final Vertx vertx;
  private final Duration headers;
  private final Duration body;
  /** Per open connection, how many requests' headers arrived on it. */
  private final Map<HttpConnection, AtomicLong> requests = new ConcurrentHashMap<>();

  public ReadDeadlines(Vertx vertx, Duration headers, Duration body) {
    this.vertx = vertx;
    this.headers = headers;
    this.body = body;
  }

  /** For every new connection. */
  public void opened(HttpConnection connection) {
    AtomicLong seen = new AtomicLong();
    requests.put(connection, seen);
    connection.closeHandler(closed -> requests.remove(connection));
    expectHeaders(connection, seen);
  }

  /** The first handler of every request: its headers arrived; its body, if any, must follow in time. */
  public void handle(RoutingContext ctx) {
    headersArrived(ctx);
    HttpServerRequest request = ctx.request();
    if (!request.isEnded()) {
      vertx.setTimer(body.toMillis(), id -> {
        if (!request.isEnded() && !ctx.response().ended()) {
          ctx.fail(ApiError.requestTimeout(Math.max(1, body.toSeconds())).exception());
        }
      });
    }
    ctx.next();
  }

  /**
   * The first handler of a request whose body has no deadline here (a large upload on a server that hosts the
   * gateway's routes beside others): its headers arrived, so its connection is not closed for want of them.
   */
  public void headersArrived(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    AtomicLong seen = requests.get(connection);
    if (seen != null) {
      seen.incrementAndGet();
      ctx.addEndHandler(answered -> {
        if (requests.containsKey(connection)) {
          expectHeaders(connection, seen);
        }
      });
    }
  }

  /** Closes the connection unless another request's headers arrive on it in time. */
  private void expectHeaders(HttpConnection connection, AtomicLong seen) {
    long before = seen.get();
    vertx.setTimer(headers.toMillis(), id -> {
      if (seen.get() == before && requests.containsKey(connection)) {
        // A kept-alive connection idle after its answers is routine (an agent between heartbeats: 21,000 a few
        // minutes at 10,000 hosts); one that never sent a whole request is worth a line.
        if (before == 0) {
          LOG.info("connection from {}: closed: no complete request headers within {} s", address(connection),
              Math.max(1, headers.toSeconds()));
        } else {
          LOG.debug("connection from {}: closed: idle {} s after {} request(s)", address(connection),
              Math.max(1, headers.toSeconds()), before);
        }
        connection.close();
      }
    });
  }

  private static String address(HttpConnection connection) {
    return connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().hostAddress();
  }
}
