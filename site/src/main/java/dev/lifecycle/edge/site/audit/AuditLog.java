package dev.lifecycle.edge.site.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in {@code DIR/audit/audit.jsonl}: one JSON object a line, appended and synced to disk before
 * {@link #record} returns. A torn last line (a crash mid-write) is skipped when read, with a warning, and the next
 * entry starts on a line of its own.
 */
public final class AuditLog implements Audit {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_FIELD = 300;

  private final Path file;
  private final Clock clock;
  private final FileChannel channel;
  private long lastSeq;

  public AuditLog(Path dataDir, Clock clock) {
    Path dir = dataDir.resolve("audit");
    this.file = dir.resolve("audit.jsonl");
    this.clock = clock;
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      this.channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      List<AuditEntry> all = readAll();
      this.lastSeq = all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
      if (channel.size() > 0 && !endsWithNewline()) {
        channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the audit log " + file, e);
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized AuditEntry record(String actor, String address, String action, String target, String result,
      String reason) {
    AuditEntry entry = new AuditEntry(lastSeq + 1, clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(),
        clip(actor), clip(address), clip(action), clip(target), result, clip(reason));
    try {
      byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit log " + file, e);
    }
    lastSeq = entry.seq();
    return entry;
  }

  /** At most {@code limit} entries older than {@code before} (a sequence number; null for the newest), newest first. */
  public synchronized List<AuditEntry> list(int limit, Long before) {
    Deque<AuditEntry> kept = new ArrayDeque<>(limit);
    for (AuditEntry entry : readAll()) {
      if (before != null && entry.seq() >= before) {
        break;
      }
      if (kept.size() == limit) {
        kept.removeFirst();
      }
      kept.addLast(entry);
    }
    List<AuditEntry> newestFirst = new ArrayList<>(kept);
    java.util.Collections.reverse(newestFirst);
    return newestFirst;
  }

  private List<AuditEntry> readAll() {
    List<AuditEntry> entries = new ArrayList<>();
    if (!Files.exists(file)) {
      return entries;
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          entries.add(JSON.readValue(line, AuditEntry.class));
        } catch (IOException torn) {
          LOG.warn("audit log {}: line {} is not a complete entry (a write cut short); skipped", file, number);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
    return entries;
  }

  private boolean endsWithNewline() throws IOException {
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      reader.read(last, reader.size() - 1);
      return last.get(0) == '\n';
    }
  }

  private static String clip(String value) {
    if (value == null) {
      return null;
    }
    String printable = value.replaceAll("[\\p{Cntrl}]", "?");
    return printable.length() > MAX_FIELD ? printable.substring(0, MAX_FIELD) + "..." : printable;
  }
}
