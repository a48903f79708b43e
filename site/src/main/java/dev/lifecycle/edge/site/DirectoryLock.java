package dev.lifecycle.edge.site;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the data directory, held while the site controller runs, so that two site controllers
 * never share it (two writers would corrupt the store). The operating system releases it when the process ends,
 * however it ends: a kill leaves no stale lock. The lock file holds the process id of its holder, for the message
 * a second controller gives.
 */
public final class DirectoryLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of the directory, creating the directory when it does not exist.
   *
   * @throws IllegalStateException when another site controller holds it, or the directory cannot be used
   */
  public static DirectoryLock acquire(SiteDirectory directory) {
    FileChannel channel = null;
    try {
      Files.createDirectories(directory.root());
      channel = FileChannel.open(directory.lock(), StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new IllegalStateException("another site controller" + holder + " uses the data directory "
            + directory + ": stop it first, or give this one another --data-dir");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(true);
      return new DirectoryLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new IllegalStateException("cannot use the data directory " + directory + ": " + e.getMessage(), e);
    }
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
      return pid.matches("\\d{1,10}") ? " (process " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // already failing: the first error is the one to tell
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }
}
