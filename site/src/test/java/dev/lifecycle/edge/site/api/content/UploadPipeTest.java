package dev.lifecycle.edge.site.api.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UploadPipeTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A client sending {@code chunks} chunks as fast as the pipe lets it (it honours pause), on an event loop. */
  private static final class Client implements ReadStream<Buffer> {
    private final Context context;
    private final int chunks;
    private final int size;
    private final boolean ends;
    private int sent;
    private boolean paused = true;
    private Handler<Buffer> handler;
    private Handler<Void> end;
    private Handler<Throwable> failure;

    /** @param ends whether the request ends after the chunks; if not, the client falls silent */
    Client(Context context, int chunks, int size, boolean ends) {
      this.context = context;
      this.chunks = chunks;
      this.size = size;
      this.ends = ends;
    }

    private void pump() {
      while (!paused && sent < chunks && handler != null) {
        sent++;
        handler.handle(Buffer.buffer(new byte[size]).setByte(0, (byte) sent));
      }
      if (ends && !paused && sent == chunks && end != null) {
        Handler<Void> done = end;
        end = null;
        done.handle(null);
      }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      failure = handler;
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
      this.handler = handler;
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      paused = true;
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      paused = false;
      context.runOnContext(v -> pump());
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      return resume();
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
      end = handler;
      return this;
    }
  }

  private UploadPipe started(Client client, long capacity, long max, Duration idle) throws Exception {
    CompletableFuture<UploadPipe> pipe = new CompletableFuture<>();
    client.context.runOnContext(v -> {
      UploadPipe created = new UploadPipe(client, vertx, capacity, max, idle);
      created.start();
      pipe.complete(created);
    });
    return pipe.get(10, TimeUnit.SECONDS);
  }

  private static long drain(UploadPipe pipe, Duration pause) throws IOException, InterruptedException {
    byte[] buffer = new byte[300];
    long total = 0;
    int n;
    while ((n = pipe.read(buffer, 0, buffer.length)) >= 0) {
      total += n;
      if (!pause.isZero()) {
        Thread.sleep(pause.toMillis());
      }
    }
    return total;
  }

  @Test
  @DisplayName("Every byte arrives in order, and no more than the capacity and one chunk ever wait")
  void backPressure() throws Exception {
    Client client = new Client(vertx.getOrCreateContext(), 400, 1000, true);
    UploadPipe pipe = started(client, 4096, Long.MAX_VALUE, Duration.ofSeconds(30));

    ByteArrayOutputStream read = new ByteArrayOutputStream();
    pipe.transferTo(read);

    byte[] bytes = read.toByteArray();
    assertThat(bytes).hasSize(400_000);
    for (int chunk = 0; chunk < 400; chunk++) {
      assertThat(bytes[chunk * 1000]).isEqualTo((byte) (chunk + 1));
    }
    assertThat(pipe.peakBufferedBytes()).isLessThanOrEqualTo(4096 + 1000);
    assertThat(pipe.aborted()).isNull();
  }

  @Test
  @DisplayName("A reader slower than the idle timeout does not end the upload: only a silent client does")
  void slowReaderIsNotIdle() throws Exception {
    Client client = new Client(vertx.getOrCreateContext(), 5, 1000, true);
    UploadPipe pipe = started(client, 1000, Long.MAX_VALUE, Duration.ofMillis(100));

    // the reader takes 100 ms per 300 bytes: the pipe is full and the client paused for about 200 ms at a time,
    // twice the idle timeout
    assertThat(drain(pipe, Duration.ofMillis(100))).isEqualTo(5_000);
    assertThat(pipe.aborted()).isNull();
  }

  @Test
  @DisplayName("A client that stops sending ends the pipe as IDLE, and the reader's next read fails")
  void silentClient() throws Exception {
    Client client = new Client(vertx.getOrCreateContext(), 3, 100, false);
    UploadPipe pipe = started(client, 1 << 20, Long.MAX_VALUE, Duration.ofMillis(100));

    assertThatThrownBy(() -> drain(pipe, Duration.ZERO)).isInstanceOf(IOException.class).hasMessageContaining("IDLE");
    assertThat(pipe.aborted()).isEqualTo(UploadPipe.Abort.IDLE);
  }

  @Test
  @DisplayName("More than the limit ends the pipe as TOO_LARGE at the chunk that passes it")
  void tooLarge() throws Exception {
    Client client = new Client(vertx.getOrCreateContext(), 100, 1000, true);
    UploadPipe pipe = started(client, 1 << 20, 10_500, Duration.ofSeconds(30));

    assertThatThrownBy(() -> drain(pipe, Duration.ZERO)).isInstanceOf(IOException.class)
        .hasMessageContaining("TOO_LARGE");
    assertThat(pipe.aborted()).isEqualTo(UploadPipe.Abort.TOO_LARGE);
    assertThat(client.sent).isEqualTo(11);
  }

  @Test
  @DisplayName("A broken connection ends the pipe as BROKEN")
  void broken() throws Exception {
    Client client = new Client(vertx.getOrCreateContext(), 2, 100, false);
    UploadPipe pipe = started(client, 1 << 20, Long.MAX_VALUE, Duration.ofSeconds(30));
    client.context.runOnContext(v -> client.failure.handle(new IOException("connection reset")));

    assertThatThrownBy(() -> drain(pipe, Duration.ZERO)).isInstanceOf(IOException.class).hasMessageContaining("BROKEN");
    assertThat(pipe.aborted()).isEqualTo(UploadPipe.Abort.BROKEN);
  }
}
