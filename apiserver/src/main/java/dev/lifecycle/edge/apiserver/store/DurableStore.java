package dev.lifecycle.edge.apiserver.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded API's objects on disk: a snapshot and a log under one directory (layout in
 * {@link StoreDirectory}). {@link #open} locks the directory and recovers the live objects (cutting a
 * torn or damaged log tail, reported in {@link #recovery()}); {@link #put} and {@link #delete} append a
 * record and sync it before they return, and fold the log into a new snapshot when the
 * {@link CompactionPolicy} says so. Callers serialize writes (the API's write monitor); this class
 * synchronizes as well, so that it is safe on its own.
 */
public final class DurableStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DurableStore.class);

  private final StoreDirectory directory;
  private final CompactionPolicy policy;
  private final Recovery recovery;
  /** The live objects by identity, in the order first written (a snapshot keeps it). */
  private final Map<String, LogRecord.Put> live;
  private final Map<String, Integer> liveSizes = new LinkedHashMap<>();
  private long liveBytes;
  private long resourceVersion;
  private DurableLog log;
  private StoreUnavailableException broken;
  private boolean closed;

  private DurableStore(StoreDirectory directory, CompactionPolicy policy, Recovered recovered) {
    this.directory = directory;
    this.policy = policy;
    this.recovery = recovered.recovery;
    this.live = recovered.live;
    this.resourceVersion = recovered.recovery.resourceVersion();
    this.log = recovered.log;
    live.forEach((identity, put) -> track(identity, RecordFrame.OVERHEAD + LogRecord.encode(put).length));
  }

  /** Locks the directory (created if need be) and recovers what it holds. */
  public static DurableStore open(Path path, CompactionPolicy policy) {
    StoreDirectory directory = StoreDirectory.lock(path);
    try {
      DurableStore store = new DurableStore(directory, policy, recover(directory));
      if (!store.recovery.warnings().isEmpty()) {
        // Rebuilt from an older generation: a sound snapshot now, so that the next start needs no workaround.
        store.compact();
      }
      return store;
    } catch (IOException e) {
      directory.close();
      throw new UncheckedIOException("cannot open the store " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  public Recovery recovery() {
    return recovery;
  }

  /** The live objects as recovered or written since, in the order first written. */
  public synchronized List<LogRecord.Put> objects() {
    return new ArrayList<>(live.values());
  }

  /** The highest resourceVersion handed out, as far as the store knows. */
  public synchronized long resourceVersion() {
    return resourceVersion;
  }

  /** The current generation's log file and its size, for reports and benchmarks. */
  public synchronized Path logFile() {
    return log.file();
  }

  /** Stores the object under its identity; returns once that is synced to disk. */
  public synchronized void put(long resourceVersion, String identity, List<KeyAttribute> key, String object) {
    LogRecord.Put put = new LogRecord.Put(resourceVersion, identity, key, object);
    int size = append(put);
    live.put(identity, put);
    track(identity, size);
    afterWrite(resourceVersion);
  }

  /** Deletes the object of this identity; returns once that is synced to disk. */
  public synchronized void delete(long resourceVersion, String identity) {
    append(new LogRecord.Delete(resourceVersion, identity));
    live.remove(identity);
    Integer size = liveSizes.remove(identity);
    liveBytes -= size == null ? 0 : size;
    afterWrite(resourceVersion);
  }

  private int append(LogRecord record) {
    if (closed) {
      throw new IllegalStateException("the store " + directory.path() + " is closed");
    }
    if (broken != null) {
      throw broken;
    }
    long before = log.size();
    log.append(record);
    return (int) (log.size() - before);
  }

  private void track(String identity, int size) {
    Integer previous = liveSizes.put(identity, size);
    liveBytes += size - (previous == null ? 0 : previous);
  }

  private void afterWrite(long written) {
    resourceVersion = Math.max(resourceVersion, written);
    if (policy.shouldCompact(log.size(), liveBytes)) {
      compact();
    }
  }

  /** Folds the log into a new snapshot now (see {@link Compaction} for why a crash at any step loses nothing). */
  public synchronized void compact() {
    Compaction compaction = new Compaction(directory, log.generation());
    long logBytes = log.size();
    long snapshotBytes;
    try {
      snapshotBytes = compaction.writeSnapshot(resourceVersion, live.values());
    } catch (IOException e) {
      compaction.abandon();
      LOG.warn("Could not compact the store {} (the log goes on): {}", directory.path(), e.getMessage());
      return;
    }
    try {
      compaction.publishSnapshot();
      DurableLog next = compaction.startLog();
      log.close();
      log = next;
      compaction.removeOlder();
    } catch (IOException | UncheckedIOException e) {
      // The new snapshot may be in place: appending to the old log now could lose writes at the next start.
      broken = new StoreUnavailableException("the store " + directory.path() + " failed while compacting ("
          + e.getMessage() + "); it takes no more writes until it is restarted", e);
      LOG.error("{}", broken.getMessage());
      return;
    }
    LOG.info("Compacted the store {}: a log of {} bytes into a snapshot of {} objects, {} bytes (generation {})",
        directory.path(), logBytes, live.size(), snapshotBytes, compaction.nextGeneration());
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        log.close();
      } finally {
        directory.close();
      }
    }
  }

  private record Recovered(Recovery recovery, LinkedHashMap<String, LogRecord.Put> live, DurableLog log) {
  }

  private static Recovered recover(StoreDirectory directory) throws IOException {
    for (Path temporary : directory.temporaryFiles()) {
      LOG.info("Deleting {}, a snapshot a crash left unfinished (the log it was made from is still there)", temporary);
      directory.delete(temporary);
    }
    List<Long> snapshots = directory.snapshotGenerations();
    long generation = snapshots.isEmpty() ? 0 : snapshots.get(0);
    long newestLog = directory.newestLog().orElse(generation);
    if (newestLog > generation) {
      throw new StoreCorruptException("the store " + directory.path() + " holds " + directory.log(newestLog)
          + " but not the snapshot it starts from (" + directory.snapshot(newestLog) + ")");
    }
    List<String> warnings = new ArrayList<>();
    LinkedHashMap<String, LogRecord.Put> live = new LinkedHashMap<>();
    long[] counter = {0};
    long replayed = loadSnapshot(directory, generation, snapshots, live, counter, warnings);

    Path logFile = directory.log(generation);
    Optional<Recovery.Cut> cut = Optional.empty();
    DurableLog log;
    if (!Files.exists(logFile)) {
      log = DurableLog.create(logFile, generation);
    } else {
      byte[] bytes = Files.readAllBytes(logFile);
      if (StoreFileHeader.decode(bytes, StoreFileHeader.Kind.LOG, logFile.toString()).isEmpty()) {
        // A log is created, its header synced, before any record goes in: a torn header holds no write.
        if (bytes.length > 0) {
          cut = Optional.of(new Recovery.Cut(logFile, 0, bytes.length, "torn header", 0));
        }
        log = DurableLog.create(logFile, generation);
      } else {
        LogScan.Result scan = LogScan.scan(bytes, StoreFileHeader.SIZE);
        replayed += apply(scan.records(), live, counter, logFile);
        if (scan.damage().isPresent()) {
          LogScan.Damage damage = scan.damage().get();
          cut = Optional.of(new Recovery.Cut(logFile, damage.offset(), damage.bytesCut(),
              reasonText(damage.reason()), damage.soundRecordsAfter()));
        }
        log = DurableLog.openAt(logFile, generation, scan.goodEnd());
      }
    }
    directory.sync();
    if (warnings.isEmpty()) {
      new Compaction(directory, generation - 1).removeOlder();
    }
    Recovery recovery = new Recovery(directory.path(), generation, live.size(), replayed, counter[0], cut, warnings);
    if (cut.isPresent()) {
      LOG.warn("The store's log was not sound at its end, so it was {}; nothing after that point was loaded",
          cut.get().describe());
    }
    warnings.forEach(warning -> LOG.warn("{}", warning));
    LOG.info("Store {} recovered: generation {}, {} objects, {} records read, resourceVersion {}", directory.path(),
        generation, live.size(), replayed, counter[0]);
    return new Recovered(recovery, live, log);
  }

  /**
   * Loads the generation's snapshot. When it does not read, an older snapshot and the logs from it up to
   * this generation (left by a compaction that had not finished deleting them) rebuild the same state;
   * without them the store refuses to start rather than lose acknowledged writes.
   */
  private static long loadSnapshot(StoreDirectory directory, long generation, List<Long> snapshots,
      Map<String, LogRecord.Put> live, long[] counter, List<String> warnings) throws IOException {
    if (generation == 0) {
      return 0;
    }
    try {
      return loadOne(directory, generation, live, counter);
    } catch (StoreCorruptException damaged) {
      long older = snapshots.size() > 1 ? snapshots.get(1) : 0;
      for (long g = older; g < generation; g++) {
        if (!Files.exists(directory.log(g))) {
          throw damaged;
        }
      }
      live.clear();
      counter[0] = 0;
      long replayed = older == 0 ? 0 : loadOne(directory, older, live, counter);
      for (long g = older; g < generation; g++) {
        byte[] bytes = Files.readAllBytes(directory.log(g));
        StoreFileHeader.decode(bytes, StoreFileHeader.Kind.LOG, directory.log(g).toString())
            .orElseThrow(() -> damaged);
        LogScan.Result scan = LogScan.scan(bytes, StoreFileHeader.SIZE);
        if (scan.damage().isPresent()) {
          throw damaged;
        }
        replayed += apply(scan.records(), live, counter, directory.log(g));
      }
      warnings.add(damaged.getMessage() + "; the store was rebuilt from generation " + older
          + " and its logs, which a compaction had not yet deleted");
      return replayed;
    }
  }

  private static long loadOne(StoreDirectory directory, long generation, Map<String, LogRecord.Put> live,
      long[] counter) throws IOException {
    StoreSnapshot.Contents contents = StoreSnapshot.read(directory.snapshot(generation), generation);
    contents.objects().forEach(put -> live.put(put.identity(), put));
    counter[0] = Math.max(counter[0], contents.resourceVersion());
    return contents.objects().size();
  }

  private static long apply(List<LogRecord> records, Map<String, LogRecord.Put> live, long[] counter, Path file) {
    for (LogRecord record : records) {
      if (record instanceof LogRecord.Put put) {
        live.put(put.identity(), put);
      } else if (record instanceof LogRecord.Delete delete) {
        live.remove(delete.identity());
      } else {
        throw new StoreCorruptException(file + " holds a snapshot's end record, which no log has");
      }
      counter[0] = Math.max(counter[0], record.resourceVersion());
    }
    return records.size();
  }

  private static String reasonText(LogScan.Reason reason) {
    return switch (reason) {
      case TORN_TAIL -> "torn tail: the last record is incomplete, a write cut by a crash before it was acknowledged";
      case CHECKSUM_MISMATCH -> "checksum mismatch: a record's CRC32C does not match its bytes";
      case BAD_LENGTH -> "bad length: a record's length is impossible";
      case UNREADABLE_RECORD -> "unreadable record: its checksum matches but its contents do not read";
    };
  }
}
