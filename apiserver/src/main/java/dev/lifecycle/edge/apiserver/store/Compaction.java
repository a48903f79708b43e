package dev.lifecycle.edge.apiserver.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * Folds generation {@code N} (its snapshot and log) into generation {@code N+1}, step by step, so that
 * a crash between any two steps, or inside one, loses nothing:
 * <ol>
 *   <li>{@link #writeSnapshot}: the live objects into {@code snapshot-N+1.tmp}, synced. A crash leaves a
 *   temporary file, which the next start deletes; generation N is still whole.</li>
 *   <li>{@link #publishSnapshot}: renamed to {@code snapshot-N+1} (atomic), the directory synced. From
 *   here on the next start loads generation N+1, whose snapshot holds everything log N held.</li>
 *   <li>{@link #startLog}: a new, empty {@code log-N+1}, synced; the next start creates it if missing.</li>
 *   <li>{@link #removeOlder}: generation N's files deleted, the directory synced; the next start deletes
 *   them if a crash left them.</li>
 * </ol>
 */
final class Compaction {

  private final StoreDirectory directory;
  private final long next;

  Compaction(StoreDirectory directory, long current) {
    this.directory = directory;
    this.next = current + 1;
  }

  long nextGeneration() {
    return next;
  }

  /** Step 1; returns the snapshot's size. */
  long writeSnapshot(long resourceVersion, Collection<LogRecord.Put> live) throws IOException {
    return StoreSnapshot.write(directory.temporarySnapshot(next), next, resourceVersion, live);
  }

  /** Step 2. */
  void publishSnapshot() throws IOException {
    Files.move(directory.temporarySnapshot(next), directory.snapshot(next), StandardCopyOption.ATOMIC_MOVE);
    directory.sync();
  }

  /** Step 3. */
  DurableLog startLog() throws IOException {
    DurableLog log = DurableLog.create(directory.log(next), next);
    directory.sync();
    return log;
  }

  /** Step 4. */
  void removeOlder() throws IOException {
    for (long generation : directory.snapshotGenerations()) {
      if (generation < next) {
        directory.delete(directory.snapshot(generation));
      }
    }
    for (long generation : directory.logGenerations()) {
      if (generation < next) {
        directory.delete(directory.log(generation));
      }
    }
    directory.sync();
  }

  /** Undoes step 1 after it failed (best effort: the next start deletes the file otherwise). */
  void abandon() {
    try {
      directory.delete(directory.temporarySnapshot(next));
    } catch (IOException e) {
      // Left for the next start, which deletes temporary files.
    }
  }
}
