package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.apiserver.store.StoreLockedException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes through the durable API's HTTP interface and is killed with SIGKILL at seeded
 * random moments, then started again on the same directory: every write whose answer the child printed
 * is there, and resourceVersions keep increasing across the kills.
 */
class DurableStoreKillIT {

  private static final int KILLS = 4;
  private static final String END = "<end of output>";

  @TempDir
  Path dir;

  /** What the children were answered, across every kill. */
  private final Map<String, Long> created = new HashMap<>();
  private final Set<String> deleted = new HashSet<>();
  /** Deletes sent whose answer the child may not have printed before it was killed: either outcome is right. */
  private final Set<String> deleting = new HashSet<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private long highestAcknowledged;

  @Test
  @DisplayName("When the API's process is killed at random moments and restarted, then no answered write is lost and versions keep rising")
  void killedAndRestarted() throws Exception {
    long seed = Long.getLong("edge.kill.seed", System.nanoTime());
    System.out.println("DurableStoreKillIT seed: " + seed + " (rerun with -Dedge.kill.seed=" + seed + ")");
    Random random = new Random(seed);
    Path store = dir.resolve("store");
    for (int kill = 0; kill < KILLS; kill++) {
      int answersBeforeKill = 5 + random.nextInt(60);
      runAndKill(store, "c" + kill, answersBeforeKill, random.nextInt(30), kill == 0, seed);
    }

    try (EmbeddedKubernetes api = EmbeddedKubernetes.startDurable(store, 0)) {
      assertThat(api.recovery().get().resourceVersion()).as("seed %d", seed).isGreaterThanOrEqualTo(highestAcknowledged);
      created.forEach((name, version) -> {
        ConfigMap stored = api.client().configMaps().withName(name).get();
        if (deleted.contains(name)) {
          assertThat(stored).as("deleted %s, seed %d", name, seed).isNull();
        } else if (deleting.contains(name)) {
          if (stored != null) {
            assertThat(Long.parseLong(stored.getMetadata().getResourceVersion())).isEqualTo(version);
          }
        } else {
          assertThat(stored).as("created %s, seed %d", name, seed).isNotNull();
          assertThat(Long.parseLong(stored.getMetadata().getResourceVersion())).isEqualTo(version);
        }
      });
      counters.forEach((name, value) -> {
        ConfigMap stored = api.client().configMaps().withName(name).get();
        assertThat(Integer.parseInt(stored.getData().get("value"))).as("%s, seed %d", name, seed)
            .isBetween(value, value + 2);
      });
      ConfigMap after = api.client().resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
          .withNewMetadata().withName("after-kills").endMetadata().build()).create();
      assertThat(Long.parseLong(after.getMetadata().getResourceVersion())).isGreaterThan(highestAcknowledged);
    }
    assertThat(created).isNotEmpty();
  }

  private void runAndKill(Path store, String cycle, int answersBeforeKill, int extraMillis, boolean tryLock, long seed)
      throws IOException, InterruptedException {
    Process child = new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
        "-XX:TieredStopAtLevel=1", "-Xmx256m", DurableWriterMain.class.getName(), store.toString(), cycle)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> seen = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // The child was killed mid-line: what was read is what it printed whole.
      } finally {
        lines.add(END);
      }
    });
    reader.start();
    try {
      String ready = lines.poll(60, TimeUnit.SECONDS);
      assertThat(ready).as("the child's first line, seed %d", seed).isNotNull().startsWith("READY ");
      long recovered = Long.parseLong(ready.substring("READY ".length()));
      assertThat(recovered).as("recovered resourceVersion, seed %d", seed).isGreaterThanOrEqualTo(highestAcknowledged);
      if (tryLock) {
        assertThatThrownBy(() -> EmbeddedKubernetes.startDurable(store, 0)).isInstanceOf(StoreLockedException.class);
      }
      int answers = 0;
      while (answers < answersBeforeKill) {
        String line = lines.poll(30, TimeUnit.SECONDS);
        assertThat(line).as("the child's answers, seed %d", seed).isNotNull().isNotEqualTo(END);
        seen.add(line);
        answers++;
      }
      Thread.sleep(extraMillis);
    } finally {
      // SIGKILL through the process handle: Process.destroyForcibly would also close our end of the pipe
      // and lose the lines the child printed just before it died.
      child.toHandle().destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
      reader.join(30_000);
    }
    lines.drainTo(seen);
    long previousHighest = highestAcknowledged;
    for (String line : seen) {
      if (line.equals(END)) {
        continue;
      }
      String[] parts = line.split(" ");
      switch (parts[0]) {
        case "CREATE" -> acknowledge(parts[1], Long.parseLong(parts[2]), previousHighest, seed);
        case "UPDATE" -> {
          counters.put(parts[1], Integer.parseInt(parts[2]));
          long version = Long.parseLong(parts[3]);
          assertThat(version).as("%s after a restart, seed %d", line, seed).isGreaterThan(previousHighest);
          highestAcknowledged = Math.max(highestAcknowledged, version);
        }
        case "DELETING" -> deleting.add(parts[1]);
        case "DELETE" -> deleted.add(parts[1]);
        default -> throw new AssertionError("unexpected line from the child: " + line);
      }
    }
  }

  private void acknowledge(String name, long version, long previousHighest, long seed) {
    assertThat(version).as("%s after a restart, seed %d", name, seed).isGreaterThan(previousHighest);
    created.put(name, version);
    highestAcknowledged = Math.max(highestAcknowledged, version);
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
