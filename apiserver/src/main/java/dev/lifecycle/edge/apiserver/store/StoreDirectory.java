package dev.lifecycle.edge.apiserver.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The store's directory: its files' names, its lock, and the directory sync that makes a create,
 * rename or delete itself durable.
 *
 * <pre>
 * DIR/store/lock                          held (FileChannel.tryLock) while a process has the store open
 * DIR/store/snapshot-00000000000000000003 the live objects when log 3 began (none for generation 0)
 * DIR/store/log-00000000000000000003      every write since, appended and synced before its answer
 * DIR/store/snapshot-...-.tmp             a snapshot being written (deleted at start if left by a crash)
 * </pre>
 */
final class StoreDirectory implements AutoCloseable {

  static final String LOCK = "lock";
  private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{20})");
  private static final Pattern LOG = Pattern.compile("log-(\\d{20})");
  private static final String TEMPORARY = ".tmp";

  private final Path path;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StoreDirectory(Path path, FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the directory if need be and takes its lock; refuses with a clear message when another
   * process (or this one) has it open.
   */
  static StoreDirectory lock(Path path) {
    try {
      if (!Files.isDirectory(path)) {
        Files.createDirectories(path);
        // The new directory's own entry must be durable too, or a power cut could take the whole store.
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
          syncDirectory(parent);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the store directory " + path + ": " + e.getMessage(), e);
    }
    Path lockFile = path.resolve(LOCK);
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the store's lock file " + lockFile + ": " + e.getMessage(), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock the store " + lockFile + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new StoreLockedException("the store " + path + " is in use by another process (it holds " + lockFile
          + "): stop that process first, or start on another data directory");
    }
    return new StoreDirectory(path, channel, lock);
  }

  Path path() {
    return path;
  }

  Path snapshot(long generation) {
    return path.resolve(String.format(Locale.ROOT, "snapshot-%020d", generation));
  }

  Path temporarySnapshot(long generation) {
    return path.resolve(snapshot(generation).getFileName() + TEMPORARY);
  }

  Path log(long generation) {
    return path.resolve(String.format(Locale.ROOT, "log-%020d", generation));
  }

  /** The generations that have a (renamed, so complete when written) snapshot, newest first. */
  List<Long> snapshotGenerations() {
    return generations(SNAPSHOT);
  }

  /** The generations that have a log, newest first. */
  List<Long> logGenerations() {
    return generations(LOG);
  }

  OptionalLong newestLog() {
    List<Long> logs = logGenerations();
    return logs.isEmpty() ? OptionalLong.empty() : OptionalLong.of(logs.get(0));
  }

  /** Snapshots being written when a crash came: never complete, never read. */
  List<Path> temporaryFiles() {
    try (Stream<Path> files = Files.list(path)) {
      return files.filter(file -> file.getFileName().toString().endsWith(TEMPORARY)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the store directory " + path, e);
    }
  }

  private List<Long> generations(Pattern pattern) {
    List<Long> generations = new ArrayList<>();
    try (Stream<Path> files = Files.list(path)) {
      files.forEach(file -> {
        Matcher matcher = pattern.matcher(file.getFileName().toString());
        if (matcher.matches()) {
          generations.add(Long.parseLong(matcher.group(1)));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the store directory " + path, e);
    }
    generations.sort((a, b) -> Long.compare(b, a));
    return generations;
  }

  /** Makes the directory's entries (files created, renamed, deleted) durable. */
  void sync() throws IOException {
    syncDirectory(path);
  }

  private static void syncDirectory(Path path) throws IOException {
    try (FileChannel directory = FileChannel.open(path, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory as a file; its file system orders the metadata itself.
      if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
        throw e;
      }
    }
  }

  void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // The channel's close releases it as well.
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing was written through it.
    }
  }
}
