package dev.lifecycle.edge.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableStoreTest {

  private static final List<KeyAttribute> KEY = List.of(new KeyAttribute("plural", "WITH", List.of("configmaps")));
  /** Never compacts on its own. */
  private static final CompactionPolicy NEVER = new CompactionPolicy(Long.MAX_VALUE, 1);

  @TempDir
  Path dir;

  private static Map<String, String> contents(DurableStore store) {
    return store.objects().stream().collect(Collectors.toMap(LogRecord.Put::identity, LogRecord.Put::object,
        (a, b) -> b, LinkedHashMap::new));
  }

  private static void write(DurableStore store, int from, int to) {
    for (int i = from; i <= to; i++) {
      store.put(i, "cm/" + i, KEY, "{\"n\":" + i + "}");
    }
  }

  @Test
  @DisplayName("When objects are written and deleted, then a restart finds the same objects and counter")
  void reopen() {
    try (DurableStore store = DurableStore.open(dir, NEVER)) {
      write(store, 1, 5);
      store.put(6, "cm/1", KEY, "{\"n\":\"one\"}");
      store.delete(7, "cm/3");
    }
    try (DurableStore store = DurableStore.open(dir, NEVER)) {
      assertThat(contents(store)).containsExactly(Map.entry("cm/1", "{\"n\":\"one\"}"), Map.entry("cm/2", "{\"n\":2}"),
          Map.entry("cm/4", "{\"n\":4}"), Map.entry("cm/5", "{\"n\":5}"));
      assertThat(store.resourceVersion()).isEqualTo(7);
      assertThat(store.recovery().clean()).isTrue();
      assertThat(store.recovery().recordsReplayed()).isEqualTo(7);
      assertThat(store.objects().get(0).key()).isEqualTo(KEY);
    }
  }

  @Test
  @DisplayName("When the log's last record is torn at any byte, then a restart cuts it, reports it, and takes new writes after the cut")
  void tornTailAtEveryOffset() throws IOException {
    Path log;
    try (DurableStore store = DurableStore.open(dir, NEVER)) {
      write(store, 1, 3);
      log = store.logFile();
    }
    long before = Files.size(log);
    try (DurableStore store = DurableStore.open(dir, NEVER)) {
      write(store, 4, 4);
    }
    byte[] whole = Files.readAllBytes(log);
    for (long length = before + 1; length < whole.length; length++) {
      Files.write(log, java.util.Arrays.copyOf(whole, (int) length));
      try (DurableStore store = DurableStore.open(dir, NEVER)) {
        Recovery recovery = store.recovery();
        assertThat(recovery.cut()).hasValueSatisfying(cut -> {
          assertThat(cut.file()).isEqualTo(log);
          assertThat(cut.offset()).isEqualTo(before);
          assertThat(cut.reason()).startsWith("torn tail");
        });
        assertThat(recovery.cut().get().bytesCut()).isEqualTo(length - before);
        assertThat(contents(store)).containsOnlyKeys("cm/1", "cm/2", "cm/3");
        assertThat(Files.size(log)).isEqualTo(before);
        write(store, 5, 5);
      }
      try (DurableStore store = DurableStore.open(dir, NEVER)) {
        assertThat(store.recovery().clean()).isTrue();
        assertThat(contents(store)).containsOnlyKeys("cm/1", "cm/2", "cm/3", "cm/5");
        assertThat(store.resourceVersion()).isEqualTo(5);
      }
    }
  }

  @Test
  @DisplayName("When a record in the middle of the log is damaged, then nothing from it on is loaded and the report counts the dropped records")
  void damagedMiddleRecord() throws IOException {
    Path log;
    long third;
    try (DurableStore store = DurableStore.open(dir, NEVER)) {
      write(store, 1, 2);
      third = Files.size(store.logFile());
      write(store, 3, 6);
      log = store.logFile();
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
      file.seek(third + RecordFrame.OVERHEAD + 2);
      int b = file.read();
      file.seek(third + RecordFrame.OVERHEAD + 2);
      file.write(b ^ 0x01);
    }
    long size = Files.size(log);

    try (DurableStore store = DurableStore.open(dir, NEVER)) {
      Recovery.Cut cut = store.recovery().cut().orElseThrow();
      assertThat(cut.offset()).isEqualTo(third);
      assertThat(cut.bytesCut()).isEqualTo(size - third);
      assertThat(cut.recordsDropped()).isEqualTo(3);
      assertThat(cut.reason()).startsWith("checksum mismatch");
      assertThat(cut.describe()).contains(log.toString(), "byte " + third, "3 later records dropped");
      assertThat(contents(store)).containsOnlyKeys("cm/1", "cm/2");
      assertThat(store.resourceVersion()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("When the store is open, then a second open of its directory is refused, naming the lock")
  void locked() {
    try (DurableStore store = DurableStore.open(dir, NEVER)) {
      assertThatThrownBy(() -> DurableStore.open(dir, NEVER))
          .isInstanceOf(StoreLockedException.class)
          .hasMessageContaining("in use by another process").hasMessageContaining(dir.resolve("lock").toString());
    }
    DurableStore.open(dir, NEVER).close();
  }

  @Test
  @DisplayName("When the log outgrows the policy, then it is folded into a snapshot and a new log, and nothing is lost")
  void compactsOnItsOwn() throws IOException {
    CompactionPolicy policy = new CompactionPolicy(2_000, 4);
    try (DurableStore store = DurableStore.open(dir, policy)) {
      for (int round = 0; round < 50; round++) {
        for (int i = 1; i <= 5; i++) {
          store.put(round * 5L + i, "cm/" + i, KEY, "{\"round\":" + round + "}");
        }
      }
      store.delete(251, "cm/5");
      assertThat(store.logFile().getFileName().toString()).isNotEqualTo("log-00000000000000000000");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(path -> path.getFileName().toString()).sorted().toList();
      assertThat(names).hasSize(3).contains("lock");
      assertThat(names.get(0)).startsWith("lock");
      assertThat(names.get(1)).startsWith("log-");
      assertThat(names.get(2)).startsWith("snapshot-").isEqualTo("snapshot-" + names.get(1).substring(4));
    }
    try (DurableStore store = DurableStore.open(dir, policy)) {
      assertThat(contents(store)).containsOnlyKeys("cm/1", "cm/2", "cm/3", "cm/4")
          .containsEntry("cm/1", "{\"round\":49}");
      assertThat(store.resourceVersion()).isEqualTo(251);
    }
  }

  @Test
  @DisplayName("When a compaction is interrupted after any of its steps, then a restart finds every write and one generation")
  void compactionInterruptedAtEachStep() throws IOException {
    for (int steps = 0; steps <= 4; steps++) {
      Path store = dir.resolve("steps-" + steps);
      try (DurableStore durable = DurableStore.open(store, NEVER)) {
        write(durable, 1, 4);
        durable.delete(5, "cm/2");
      }
      try (StoreDirectory directory = StoreDirectory.lock(store)) {
        Compaction compaction = new Compaction(directory, 0);
        List<LogRecord.Put> live = List.of(
            new LogRecord.Put(1, "cm/1", KEY, "{\"n\":1}"), new LogRecord.Put(3, "cm/3", KEY, "{\"n\":3}"),
            new LogRecord.Put(4, "cm/4", KEY, "{\"n\":4}"));
        if (steps >= 1) {
          compaction.writeSnapshot(5, live);
        }
        if (steps >= 2) {
          compaction.publishSnapshot();
        }
        if (steps >= 3) {
          compaction.startLog().close();
        }
        if (steps >= 4) {
          compaction.removeOlder();
        }
      }
      try (DurableStore durable = DurableStore.open(store, NEVER)) {
        assertThat(contents(durable)).as("after %d steps", steps).containsOnlyKeys("cm/1", "cm/3", "cm/4");
        assertThat(durable.resourceVersion()).isEqualTo(5);
        assertThat(durable.recovery().generation()).isEqualTo(steps >= 2 ? 1 : 0);
        durable.put(6, "cm/6", KEY, "{}");
      }
      try (DurableStore durable = DurableStore.open(store, NEVER); Stream<Path> files = Files.list(store)) {
        assertThat(contents(durable)).containsOnlyKeys("cm/1", "cm/3", "cm/4", "cm/6");
        assertThat(files.map(path -> path.getFileName().toString()))
            .as("after %d steps", steps).hasSize(steps >= 2 ? 3 : 2).noneMatch(name -> name.endsWith(".tmp"));
      }
    }
  }

  @Test
  @DisplayName("When a snapshot being written is cut short by a crash, then it is deleted at start and the log is loaded")
  void tornTemporarySnapshot() throws IOException {
    try (DurableStore durable = DurableStore.open(dir, NEVER)) {
      write(durable, 1, 3);
    }
    try (StoreDirectory directory = StoreDirectory.lock(dir)) {
      new Compaction(directory, 0).writeSnapshot(3, List.of(new LogRecord.Put(1, "cm/1", KEY, "{}")));
      Path temporary = directory.temporarySnapshot(1);
      Files.write(temporary, java.util.Arrays.copyOf(Files.readAllBytes(temporary), 30));
    }
    try (DurableStore durable = DurableStore.open(dir, NEVER)) {
      assertThat(contents(durable)).containsOnlyKeys("cm/1", "cm/2", "cm/3");
      assertThat(Files.exists(dir.resolve("snapshot-00000000000000000001.tmp"))).isFalse();
    }
  }

  @Test
  @DisplayName("When the newest snapshot is damaged and no older generation is left, then the store refuses to start, naming it")
  void damagedSnapshot() throws IOException {
    Path snapshot;
    try (DurableStore durable = DurableStore.open(dir, NEVER)) {
      write(durable, 1, 3);
      durable.compact();
      snapshot = dir.resolve("snapshot-00000000000000000001");
    }
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[StoreFileHeader.SIZE + 12] ^= 0x10;
    Files.write(snapshot, bytes);

    assertThatThrownBy(() -> DurableStore.open(dir, NEVER)).isInstanceOf(StoreCorruptException.class)
        .hasMessageContaining(snapshot.toString()).hasMessageContaining("damaged");
    DurableStore.open(dir.resolve("other"), NEVER).close();
  }

  @Test
  @DisplayName("When the newest snapshot is damaged but the generation before it is still there, then the store is rebuilt from it and says so")
  void damagedSnapshotWithOlderGeneration() throws IOException {
    try (DurableStore durable = DurableStore.open(dir, NEVER)) {
      write(durable, 1, 3);
    }
    try (StoreDirectory directory = StoreDirectory.lock(dir)) {
      Compaction compaction = new Compaction(directory, 0);
      compaction.writeSnapshot(3, List.of(new LogRecord.Put(1, "cm/1", KEY, "{\"n\":1}")));
      compaction.publishSnapshot();
    }
    Path snapshot = dir.resolve("snapshot-00000000000000000001");
    Files.write(snapshot, java.util.Arrays.copyOf(Files.readAllBytes(snapshot), 40));

    try (DurableStore durable = DurableStore.open(dir, NEVER)) {
      assertThat(contents(durable)).containsOnlyKeys("cm/1", "cm/2", "cm/3");
      assertThat(durable.recovery().warnings()).singleElement().asString().contains(snapshot.toString(),
          "rebuilt from generation 0");
    }
    try (DurableStore durable = DurableStore.open(dir, NEVER)) {
      assertThat(durable.recovery().clean()).isTrue();
      assertThat(contents(durable)).containsOnlyKeys("cm/1", "cm/2", "cm/3");
    }
  }
}
