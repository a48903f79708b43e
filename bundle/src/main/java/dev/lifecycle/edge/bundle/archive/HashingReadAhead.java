package dev.lifecycle.edge.bundle.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads one source stream on a thread of its own, hashing what it reads, while the caller writes the chunks
 * already read into the archive: reading (a registry's network stream, a file) and sha256 then overlap with tar
 * and zstd. At most {@code declared} bytes are read, then one more to tell whether the source is longer. Memory
 * is bounded by a fixed pool of buffers.
 */
final class HashingReadAhead implements AutoCloseable {

  private static final int BUFFERS = 6;
  private static final int BUFFER_SIZE = 1 << 18;

  /** The buffers one archive's blobs are read into, one after the other: allocated once per archive. */
  static BlockingQueue<byte[]> bufferPool() {
    BlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(BUFFERS);
    for (int i = 0; i < BUFFERS; i++) {
      pool.add(new byte[BUFFER_SIZE]);
    }
    return pool;
  }

  /** A chunk read, or the end ({@code bytes == null}) with what the reading found. */
  private record Chunk(byte[] bytes, int length, String digest, long total, boolean longer, IOException failure) {
  }

  /** What the whole source gave: its digest, its length up to the declared size, and whether it is longer. */
  record Result(String digest, long total, boolean longer) {
  }

  private final BlockingQueue<byte[]> free;
  private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final Thread thread;
  private final InputStream source;
  private volatile boolean stopped;
  private Result result;

  /** @param pool from {@link #bufferPool}; every buffer is back in it when this is closed after a full read */
  HashingReadAhead(InputStream source, long declared, BlockingQueue<byte[]> pool) {
    this.source = source;
    this.free = pool;
    thread = new Thread(() -> read(source, declared), "bundle-blob-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void read(InputStream source, long declared) {
    MessageDigest sha256 = SignedArchiveWriter.sha256();
    long total = 0;
    try {
      while (total < declared && !stopped) {
        byte[] buffer = free.take();
        int length = 0;
        int wanted = (int) Math.min(buffer.length, declared - total);
        while (length < wanted) {
          int read = source.read(buffer, length, wanted - length);
          if (read < 0) {
            break;
          }
          length += read;
        }
        sha256.update(buffer, 0, length);
        total += length;
        filled.put(new Chunk(buffer, length, null, 0, false, null));
        if (length < wanted) {
          break;
        }
      }
      boolean longer = total == declared && source.read() >= 0;
      filled.put(new Chunk(null, 0, "sha256:" + HexFormat.of().formatHex(sha256.digest()), total, longer, null));
    } catch (IOException e) {
      filled.offer(new Chunk(null, 0, null, total, false, e));
    } catch (RuntimeException e) {
      filled.offer(new Chunk(null, 0, null, total, false, new IOException("reading the source failed", e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next chunk's bytes (give them back with {@link #recycle}), or null at the end (then see {@link #result}). */
  byte[] next(int[] length) throws IOException {
    Chunk chunk;
    try {
      chunk = filled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading a blob");
    }
    if (chunk.failure() != null) {
      throw chunk.failure();
    }
    if (chunk.bytes() == null) {
      result = new Result(chunk.digest(), chunk.total(), chunk.longer());
      return null;
    }
    length[0] = chunk.length();
    return chunk.bytes();
  }

  void recycle(byte[] buffer) {
    free.add(buffer);
  }

  Result result() {
    return result;
  }

  /**
   * Stops the reading thread and waits for it. When it is still at work (the caller failed), the source is closed
   * too: a thread blocked reading a socket does not see an interrupt, but does see its stream closed.
   */
  @Override
  public void close() {
    stopped = true;
    if (thread.isAlive()) {
      thread.interrupt();
      try {
        source.close();
      } catch (IOException e) {
        // the caller is failing already; its own close of the source reports nothing more useful
      }
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Chunk chunk = filled.poll(); chunk != null; chunk = filled.poll()) {
      if (chunk.bytes() != null) {
        free.offer(chunk.bytes());
      }
    }
  }
}
