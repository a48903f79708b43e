package dev.lifecycle.edge.operator.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The worker pool's admission, through a real Vert.x server: what a caller learns when a request is turned away. */
class BlockingIT {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("When the workers are busy beyond what may wait, then a request is answered 503 with Retry-After and "
      + "its caller learns that its work will not run; the admitted one runs")
  void turnedAwayIsToldToTheCaller() throws Exception {
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("blocking-it", 1);
    Blocking blocking = new Blocking(workers, new Admission(1, 1, System::nanoTime));
    CountDownLatch working = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Boolean> admitted = new CopyOnWriteArrayList<>();
    Router router = Router.router(vertx);
    router.post("/work").handler(ctx -> admitted.add(blocking.run(ctx, () -> {
      working.countDown();
      release.await();
      return "done";
    }, result -> ctx.response().end(result))));
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    URI work = URI.create("http://127.0.0.1:" + server.actualPort() + "/work");
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest post = HttpRequest.newBuilder(work).POST(HttpRequest.BodyPublishers.noBody()).build();

    CompletableFuture<HttpResponse<String>> first = http.sendAsync(post, HttpResponse.BodyHandlers.ofString());
    assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
    HttpResponse<String> second = http.send(post, HttpResponse.BodyHandlers.ofString());
    release.countDown();

    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(first.get(10, TimeUnit.SECONDS).body()).isEqualTo("done");
    assertThat(admitted).containsExactly(true, false);
  }
}
