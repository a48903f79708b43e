package dev.lifecycle.edge.bundle.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes files on a thread of its own, so that a reader decompresses and hashes the next chunk while the last one
 * goes to disk (on two cores, verification then runs at about the speed of the slower half instead of the sum).
 * Memory is bounded: a fixed pool of buffers circulates between the reader and the writing thread.
 * One file at a time: {@link #open}, then {@link #buffer} and {@link #submit} chunks, then {@link #finish}.
 */
final class BackgroundFileWriter implements AutoCloseable {

  private static final int BUFFERS = 8;
  static final int BUFFER_SIZE = 1 << 18;

  /** A unit of work for the writing thread. */
  private record Task(Kind kind, Path path, byte[] bytes, int length) {
  }

  private enum Kind { OPEN, WRITE, FINISH, STOP }

  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<Task> tasks = new ArrayBlockingQueue<>(BUFFERS + 2);
  private final BlockingQueue<Object> finished = new ArrayBlockingQueue<>(1);
  private final Thread thread;
  private volatile IOException failure;

  BackgroundFileWriter() {
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[BUFFER_SIZE]);
    }
    thread = new Thread(this::run, "bundle-staging-writer");
    thread.setDaemon(true);
    thread.start();
  }

  void open(Path path) throws IOException {
    put(new Task(Kind.OPEN, path, null, 0));
  }

  /** An empty buffer to fill; give it back with {@link #submit}. */
  byte[] buffer() throws IOException {
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while staging");
    }
  }

  void submit(byte[] buffer, int length) throws IOException {
    put(new Task(Kind.WRITE, null, buffer, length));
  }

  /** Waits until the current file is written and closed; throws what writing it failed with. */
  void finish() throws IOException {
    put(new Task(Kind.FINISH, null, null, 0));
    try {
      finished.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while staging");
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void put(Task task) throws IOException {
    if (failure != null) {
      throw failure;
    }
    try {
      tasks.put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while staging");
    }
  }

  private void run() {
    FileChannel channel = null;
    while (true) {
      Task task;
      try {
        task = tasks.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        switch (task.kind()) {
          case OPEN -> channel = FileChannel.open(task.path(), StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
          case WRITE -> {
            try {
              if (failure == null) {
                ByteBuffer bytes = ByteBuffer.wrap(task.bytes(), 0, task.length());
                while (bytes.hasRemaining()) {
                  channel.write(bytes);
                }
              }
            } finally {
              free.add(task.bytes());
            }
          }
          case FINISH -> {
            closeQuietly(channel);
            channel = null;
            finished.add(Boolean.TRUE);
          }
          case STOP -> {
            closeQuietly(channel);
            return;
          }
        }
      } catch (IOException | RuntimeException e) {
        // kept for the reader's next call; the thread goes on taking tasks, so that the reader never waits forever
        if (failure == null) {
          failure = e instanceof IOException io ? io : new IOException("writing a staged file failed", e);
        }
        if (task.kind() == Kind.FINISH) {
          finished.add(Boolean.TRUE);
        }
      }
    }
  }

  private void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
  }

  /** Stops the thread, after the work already submitted; a file left open is closed (the caller deletes it). */
  @Override
  public void close() {
    try {
      tasks.put(new Task(Kind.STOP, null, null, 0));
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.interrupt();
    }
  }
}
