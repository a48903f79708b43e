package dev.lifecycle.edge.site.api.content;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request body as an {@link InputStream} for a worker thread, with back-pressure: the event loop queues the chunks
 * that arrive and pauses the request once {@code capacity} bytes wait; the reader resumes it when it has taken half of
 * them. So an upload holds at most about {@code capacity} bytes (plus the chunk that crossed it) in memory, however
 * large it is. Vert.x 4 has no such adapter.
 *
 * <p>Bounds: more than {@code maxBytes} in all ends the pipe as {@link Abort#TOO_LARGE} at the chunk that passes it; no
 * chunk for {@code idleTimeout} while the pipe waits for the client (not while it waits for its reader) ends it as
 * {@link Abort#IDLE}; a broken connection as {@link Abort#BROKEN}. An ended pipe stops reading the request, and its
 * reader's next read fails.
 */
final class UploadPipe extends InputStream {

  enum Abort {
    TOO_LARGE, IDLE, BROKEN
  }

  private final ReadStream<Buffer> source;
  private final Vertx vertx;
  private final Context context;
  private final long capacity;
  private final long maxBytes;
  private final Duration idleTimeout;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private int headOffset;
  private long queued;
  private long peak;
  private boolean ended;
  private boolean closed;
  private volatile Abort aborted;

  // event-loop state
  private long received;
  private volatile boolean paused;
  private volatile boolean resumeScheduled;
  private long lastArrival;
  private long timer = -1;

  UploadPipe(ReadStream<Buffer> source, Vertx vertx, long capacity, long maxBytes, Duration idleTimeout) {
    this.source = source;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.idleTimeout = idleTimeout;
  }

  /** Starts reading the request; call on its event loop. */
  void start() {
    lastArrival = System.nanoTime();
    long period = Math.max(10, Math.min(1000, idleTimeout.toMillis() / 4));
    timer = vertx.setPeriodic(period, id -> checkIdle());
    source.handler(this::arrived);
    source.endHandler(end -> {
      stopTimer();
      lock.lock();
      try {
        ended = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    });
    source.exceptionHandler(failure -> abort(Abort.BROKEN));
    source.resume();
  }

  private void arrived(Buffer chunk) {
    if (aborted != null || closed) {
      return;
    }
    lastArrival = System.nanoTime();
    received += chunk.length();
    if (received > maxBytes) {
      abort(Abort.TOO_LARGE);
      return;
    }
    boolean pause = false;
    lock.lock();
    try {
      queue.add(chunk.getBytes());
      queued += chunk.length();
      peak = Math.max(peak, queued);
      // Decided under the lock that read() decides a resume under: decided outside it, a reader could drain the
      // queue between "full" and "paused", see no pause to undo, and wait for ever on a paused upload.
      if (queued >= capacity && !paused) {
        paused = true;
        pause = true;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (pause) {
      source.pause();
    }
  }

  private void checkIdle() {
    if (aborted != null || paused || ended()) {
      return;
    }
    if (System.nanoTime() - lastArrival > idleTimeout.toNanos()) {
      abort(Abort.IDLE);
    }
  }

  /** Ends the pipe with {@code reason}; call on the event loop. The first reason stays. */
  void abort(Abort reason) {
    stopTimer();
    lock.lock();
    try {
      if (aborted != null || ended) {
        return;
      }
      aborted = reason;
      queue.clear();
      queued = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    source.pause();
    source.handler(null);
  }

  private void stopTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private boolean ended() {
    lock.lock();
    try {
      return ended;
    } finally {
      lock.unlock();
    }
  }

  /** Why the pipe was ended early; null while it runs or once the request ended whole. */
  Abort aborted() {
    return aborted;
  }

  /** The most bytes that waited in the pipe at once. */
  long peakBufferedBytes() {
    lock.lock();
    try {
      return peak;
    } finally {
      lock.unlock();
    }
  }

  long capacity() {
    return capacity;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    int n;
    boolean low;
    lock.lock();
    try {
      while (queue.isEmpty() && !ended && aborted == null && !closed) {
        try {
          changed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the upload");
        }
      }
      if (aborted != null) {
        throw new IOException("the upload was ended: " + aborted);
      }
      if (closed) {
        throw new IOException("the upload stream is closed");
      }
      if (queue.isEmpty()) {
        return -1;
      }
      byte[] head = queue.peek();
      n = Math.min(length, head.length - headOffset);
      System.arraycopy(head, headOffset, buffer, offset, n);
      headOffset += n;
      if (headOffset == head.length) {
        queue.poll();
        headOffset = 0;
      }
      queued -= n;
      low = queued <= capacity / 2 && paused && !resumeScheduled;
      if (low) {
        resumeScheduled = true;
      }
    } finally {
      lock.unlock();
    }
    if (low) {
      context.runOnContext(v -> resume());
    }
    return n;
  }

  private void resume() {
    lock.lock();
    try {
      resumeScheduled = false;
      if (aborted != null || closed || !paused) {
        return;
      }
      paused = false;
    } finally {
      lock.unlock();
    }
    lastArrival = System.nanoTime();
    source.resume();
  }

  @Override
  public int available() {
    lock.lock();
    try {
      return (int) Math.min(Integer.MAX_VALUE, queued);
    } finally {
      lock.unlock();
    }
  }

  /** The reader is done: what arrives from now on is dropped, and the request stays paused. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      queue.clear();
      queued = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    context.runOnContext(v -> {
      stopTimer();
      if (!ended()) {
        source.pause();
      }
    });
  }
}
