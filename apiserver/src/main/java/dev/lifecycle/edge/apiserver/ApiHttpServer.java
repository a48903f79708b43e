package dev.lifecycle.edge.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded API's HTTP server: Vert.x on one address, HTTP/1.1 and WebSockets, each request
 * answered by the dispatcher as the mock web server would answer it, except a watch over plain HTTP
 * ({@code kubectl get -w}), which the mock server cannot stream: it is held open here and sent each
 * event as a chunk.
 */
final class ApiHttpServer implements AutoCloseable {

  /** The WebSocket subprotocols kubectl and the fabric8 client ask for (exec, attach, port-forward). */
  private static final List<String> SUBPROTOCOLS = List.of("v1.channel.k8s.io", "v2.channel.k8s.io",
      "v3.channel.k8s.io", "v4.channel.k8s.io");
  private static final long START_SECONDS = 10;

  private final Vertx vertx;
  private final HttpServer server;

  private ApiHttpServer(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Listens on the address and port (0: any free one), answering with the dispatcher. */
  static ApiHttpServer start(InetAddress address, int port, EmbeddedApiDispatcher dispatcher) {
    Vertx vertx = Vertx.vertx();
    HttpServerRequestHandler served = new HttpServerRequestHandler(vertx) {
      @Override
      protected MockResponse onHttpRequest(RecordedRequest request) {
        return dispatcher.dispatch(request);
      }
    };
    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
            .setHost(address.getHostAddress()).setPort(port)
            // HTTP/1.1 only. The JDK's client asks every plain-HTTP connection to upgrade to h2c; under load
            // some upgraded connections carried HTTP/1.1 bytes read as HTTP/2 frames ("Frame type(101)
            // length(7103776) exceeds MAX_FRAME_SIZE"), and an operator restarting at 10,000 hosts lost an
            // informer to it. kube-apiserver offers HTTP/2 over TLS only, never h2c.
            .setHttp2ClearTextEnabled(false)
            .setWebSocketSubProtocols(SUBPROTOCOLS)
            .setHandle100ContinueAutomatically(true))
        .requestHandler(request -> {
          if (isWatchOverHttp(request)) {
            stream(request, dispatcher);
          } else {
            served.handle(request);
          }
        });
    try {
      await(server.listen());
      return new ApiHttpServer(vertx, server);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    try {
      await(server.close());
    } finally {
      await(vertx.close());
    }
  }

  /** A GET with {@code watch=true} (or 1) that asks for no WebSocket. */
  static boolean isWatchOverHttp(HttpServerRequest request) {
    String query = request.query();
    return request.method() == HttpMethod.GET && request.getHeader(HttpHeaders.UPGRADE) == null && query != null
        && (query.contains("watch=true") || query.contains("watch=1"));
  }

  private static void stream(HttpServerRequest request, EmbeddedApiDispatcher dispatcher) {
    HttpServerResponse response = request.response().setChunked(true).setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, Responses.JSON);
    response.writeHead();
    Runnable close = dispatcher.watchOverHttp(request.uri(), request.getHeader(HttpHeaders.ACCEPT),
        request.getHeader(HttpHeaders.USER_AGENT), response::write, () -> request.connection().close(),
        () -> response.end());
    response.closeHandler(closed -> close.run());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting or stopping the embedded API", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the embedded API's HTTP server did not start or stop: " + e.getMessage(), e);
    }
  }
}
