package dev.lifecycle.edge.apiserver.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The live objects at the start of a generation, in one file: a header, one {@link LogRecord.Put} per
 * object, and an {@link LogRecord.End} counting them. Written to a temporary file and synced before it
 * is renamed into place, so a snapshot under its final name is complete; one that still fails to read
 * (the disk damaged it) is refused whole.
 */
final class StoreSnapshot {

  /** What a snapshot holds: the counter and the objects. */
  record Contents(long resourceVersion, List<LogRecord.Put> objects) {
  }

  private StoreSnapshot() {
  }

  /** Writes the snapshot to {@code file} and syncs it; returns its size. */
  static long write(Path file, long generation, long resourceVersion, Collection<LogRecord.Put> objects)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
      out.write(StoreFileHeader.current(StoreFileHeader.Kind.SNAPSHOT, generation).encode());
      for (LogRecord.Put object : objects) {
        out.write(RecordFrame.frame(LogRecord.encode(object)));
      }
      out.write(RecordFrame.frame(LogRecord.encode(new LogRecord.End(resourceVersion, objects.size()))));
      out.flush();
      channel.force(true);
      return channel.size();
    }
  }

  /** Reads a complete snapshot; an error naming the file when it is not one. */
  static Contents read(Path file, long generation) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Optional<StoreFileHeader> header = StoreFileHeader.decode(bytes, StoreFileHeader.Kind.SNAPSHOT, file.toString());
    if (header.isEmpty() || header.get().generation() != generation) {
      throw new StoreCorruptException("the snapshot " + file + " has a damaged header");
    }
    LogScan.Result scan = LogScan.scan(bytes, StoreFileHeader.SIZE);
    if (scan.damage().isPresent()) {
      LogScan.Damage damage = scan.damage().get();
      throw new StoreCorruptException("the snapshot " + file + " is damaged at byte " + damage.offset() + " ("
          + damage.reason() + ")");
    }
    List<LogRecord> records = scan.records();
    if (records.isEmpty() || !(records.get(records.size() - 1) instanceof LogRecord.End end)
        || end.objects() != records.size() - 1) {
      throw new StoreCorruptException("the snapshot " + file + " is incomplete (no end record counting its objects)");
    }
    List<LogRecord.Put> objects = new ArrayList<>(records.size() - 1);
    for (LogRecord record : records.subList(0, records.size() - 1)) {
      if (!(record instanceof LogRecord.Put put)) {
        throw new StoreCorruptException("the snapshot " + file + " holds a record that is not an object: " + record);
      }
      objects.add(put);
    }
    return new Contents(end.resourceVersion(), objects);
  }
}
