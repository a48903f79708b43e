package dev.lifecycle.edge.operator.gateway.http;

import dev.lifecycle.edge.operator.gateway.limits.ClientRateLimiter;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The first handler of every request: a client over its limits gets 429 with Retry-After before any
 * work is done; a path that is not written exactly (dot segments, empty segments, percent-encoding) is
 * no path of the gateway; a header that must appear once (Authorization among them) and appears twice is
 * refused. Every refused request (a 4xx other than 429) is counted against its client
 * when its answer is written, wherever it was refused.
 */
public final class RequestGuard {

  /** Headers an agent sends are small; the HTTP layer refuses beyond the gateway's larger hard limit. */
  static final int MAX_HEADER_BYTES = 8 * 1024;
  /** Headers a request may carry once: with two, which one counts would depend on who reads it. */
  private static final List<String> SINGLE = List.of("Authorization", "Content-Type", "Host", LongPoll.PREFER,
      "If-None-Match");

  private final ClientRateLimiter limiter;
  private final String served;
  private final Function<RoutingContext, Optional<String>> provenHost;

  /**
   * @param served the calls the gateway serves, as a refused path is told
   * @param provenHost the host whose current credential a request carries, if any: such a request is
   *     limited by its host's own budget, never by its address's (which a failing neighbour behind the
   *     same NAT spends)
   */
  public RequestGuard(ClientRateLimiter limiter, String served, Function<RoutingContext, Optional<String>> provenHost) {
    this.limiter = limiter;
    this.served = served;
    this.provenHost = provenHost;
  }

  public void handle(RoutingContext ctx) {
    String client = provenHost.apply(ctx).map(ClientRateLimiter::host).orElseGet(() -> client(ctx));
    Optional<Duration> wait = limiter.admit(client);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (long) Math.ceil(wait.get().toMillis() / 1000.0));
      Replies.error(ctx, ApiError.tooManyRequests(seconds), Map.of("Retry-After", Long.toString(seconds)));
      return;
    }
    ctx.addHeadersEndHandler(done -> {
      int status = ctx.response().getStatusCode();
      if (status >= 400 && status < 500 && status != 429) {
        limiter.failed(client);
      }
    });
    Optional<String> repeated = SINGLE.stream().filter(name -> ctx.request().headers().getAll(name).size() > 1)
        .findFirst();
    if (repeated.isPresent()) {
      Replies.error(ctx, ApiError.badRequest("the header '" + repeated.get() + "' appears more than once: send it "
          + "once"));
      return;
    }
    if (headerBytes(ctx) > MAX_HEADER_BYTES) {
      Replies.error(ctx, ApiError.badRequest("the request headers are larger than " + MAX_HEADER_BYTES + " bytes"));
      return;
    }
    String path = ctx.request().path();
    if (!PathGuard.canonical(path)) {
      Replies.error(ctx, ApiError.notFound("no such path '" + PathGuard.shown(path) + "': paths are matched exactly "
          + "as written, without '.' or '..' segments, empty segments or percent-encoding; the gateway serves "
          + served));
      return;
    }
    ctx.next();
  }

  private static int headerBytes(RoutingContext ctx) {
    int total = 0;
    for (Map.Entry<String, String> header : ctx.request().headers()) {
      total += header.getKey().length() + header.getValue().length() + 4;
    }
    return total;
  }

  /** The client's address as the connection shows it (forwarding headers are not trusted). */
  static String client(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }
}
