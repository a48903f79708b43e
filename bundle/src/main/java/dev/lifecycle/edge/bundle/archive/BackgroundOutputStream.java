package dev.lifecycle.edge.bundle.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** A new file written through a {@link BackgroundFileWriter}: the caller fills buffers, another thread writes them. */
final class BackgroundOutputStream extends OutputStream {

  private final BackgroundFileWriter writer;
  private byte[] buffer;
  private int filled;
  private boolean closed;

  BackgroundOutputStream(Path path) throws IOException {
    writer = new BackgroundFileWriter();
    try {
      writer.open(path);
      buffer = writer.buffer();
    } catch (IOException e) {
      writer.close();
      throw e;
    }
  }

  @Override
  public void write(int b) throws IOException {
    if (filled == buffer.length) {
      handOver();
    }
    buffer[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      if (filled == buffer.length) {
        handOver();
      }
      int chunk = Math.min(length, buffer.length - filled);
      System.arraycopy(bytes, offset, buffer, filled, chunk);
      filled += chunk;
      offset += chunk;
      length -= chunk;
    }
  }

  private void handOver() throws IOException {
    writer.submit(buffer, filled);
    buffer = writer.buffer();
    filled = 0;
  }

  /** Writes what is left and waits until the file is closed. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (filled > 0) {
        writer.submit(buffer, filled);
      }
      writer.finish();
    } finally {
      writer.close();
    }
  }
}
