package dev.lifecycle.edge.apiserver.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One generation's log, open for appending: each record is written and synced
 * ({@link FileChannel#force}) before {@link #append} returns, so that a write whose answer was sent is on
 * disk. A write that fails is cut off again, so that no half record sits before the next one; when even
 * that fails, the log refuses every later write (the store must be restarted, and its recovery cuts the
 * tail).
 */
final class DurableLog implements AutoCloseable {

  private final Path file;
  private final long generation;
  private final FileChannel channel;
  private long size;
  private IOException broken;

  private DurableLog(Path file, long generation, FileChannel channel, long size) {
    this.file = file;
    this.generation = generation;
    this.channel = channel;
    this.size = size;
  }

  /** Creates a new, empty log (its header written and synced); the caller syncs the directory. */
  static DurableLog create(Path file, long generation) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    try {
      writeFully(channel, ByteBuffer.wrap(StoreFileHeader.current(StoreFileHeader.Kind.LOG, generation).encode()));
      channel.force(true);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new DurableLog(file, generation, channel, StoreFileHeader.SIZE);
  }

  /** Opens an existing log whose sound part ends at {@code goodEnd}; anything after it is cut first. */
  static DurableLog openAt(Path file, long generation, long goodEnd) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
    try {
      if (channel.size() > goodEnd) {
        channel.truncate(goodEnd);
        channel.force(true);
      }
      channel.position(goodEnd);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new DurableLog(file, generation, channel, goodEnd);
  }

  /** Appends the record and syncs it; when this returns, the record survives a crash or a power cut. */
  void append(LogRecord record) {
    if (broken != null) {
      throw new StoreUnavailableException("the store's log " + file + " failed to write earlier ("
          + broken.getMessage() + "); restart to recover it", broken);
    }
    byte[] framed = RecordFrame.frame(LogRecord.encode(record));
    try {
      writeFully(channel, ByteBuffer.wrap(framed));
      channel.force(false);
      size += framed.length;
    } catch (IOException e) {
      cutBack(e);
      throw new StoreUnavailableException("cannot write to the store's log " + file + ": " + e.getMessage(), e);
    }
  }

  private void cutBack(IOException cause) {
    try {
      channel.truncate(size);
      channel.position(size);
      channel.force(true);
    } catch (IOException e) {
      cause.addSuppressed(e);
      broken = cause;
    }
  }

  long size() {
    return size;
  }

  long generation() {
    return generation;
  }

  Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the store's log " + file, e);
    }
  }

  static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
