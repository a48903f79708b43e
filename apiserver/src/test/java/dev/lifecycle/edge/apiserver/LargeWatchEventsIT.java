package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Finding 12 of issue 15 ({@code Invalid UTF-8 in frame TEXT} stopped an informer), as the operator
 * meets it: fabric8 watches over the JDK WebSocket client, which fails a socket on the first frame
 * that is not valid UTF-8 or not where a frame of its kind may be. Every object is larger than one
 * WebSocket frame (64 KiB), so each event leaves as a TEXT frame and CONTINUATION frames, and its
 * text is two- and three-byte characters behind a pad of 0 to 2 bytes, so that the frame boundaries
 * fall inside characters. Large messages leave back to back when a watch opens (every stored object)
 * and when one request deletes them all, and from writers on many threads in between.
 *
 * <p>Passes on the code before the watch socket got its own lock (d6efaaa), where every send already
 * held the store's write monitor. With every send handed to a pool of four threads instead (two
 * writers on a socket), it fails in some runs, and the JDK then says {@code Unexpected frame TEXT
 * (fin=false)}: interleaved fragments break the frame order before any text is decoded, so they
 * cannot be what the finding saw.
 */
class LargeWatchEventsIT {

  private static final String NS = "large-watch";
  private static final int WRITERS = 16;
  private static final int WRITES_PER_WRITER = 8;
  private static final int WATCHES = 4;
  /** Bytes of UTF-8 text per object: more than a frame (65,536 bytes), less than two. */
  private static final int TEXT_BYTES = 70_000;
  private static final List<String> CHARACTERS = List.of("é", "→", "ß€");

  @AutoClose
  private final EmbeddedKubernetes api = EmbeddedKubernetes.start();

  private final List<Watch> watches = new ArrayList<>();

  @Test
  @DisplayName("When 70 KB objects of multi-byte text are listed to new watches, changed by sixteen threads at once "
      + "and deleted together, then every fabric8 watch receives every event with the text as written, in order, and "
      + "no watch closes with an error")
  void largeMultiByteEventsArriveIntact() throws Exception {
    api.createNamespace(NS);
    KubernetesClient client = api.client();
    for (int writer = 0; writer < WRITERS; writer++) {
      client.resource(configMap(writer, 0)).create();
    }
    // A watch that opens gets every stored object at once: WRITERS large messages back to back.
    List<Recorder> recorders = new ArrayList<>();
    for (int i = 0; i < WATCHES; i++) {
      Recorder recorder = new Recorder();
      watches.add(client.configMaps().inNamespace(NS).watch(recorder));
      recorders.add(recorder);
    }

    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      done.add(writers.submit(() -> update(client, writer)));
    }
    for (Future<?> future : done) {
      future.get(120, TimeUnit.SECONDS);
    }
    writers.shutdown();
    // One request deletes them all: WRITERS large DELETED messages back to back.
    client.configMaps().inNamespace(NS).delete();

    int expected = WRITERS * (WRITES_PER_WRITER + 1);
    try {
      await().atMost(Duration.ofSeconds(60))
          .failFast("a watch closed with an error", () -> recorders.forEach(recorder ->
              assertThat(recorder.closedWith).as("watch closed with").isEmpty()))
          .untilAsserted(() -> recorders.forEach(recorder -> assertThat(recorder.deleted).hasSize(WRITERS)));
      for (Recorder recorder : recorders) {
        assertThat(recorder.garbled).as("events whose text differs from what was written").isEmpty();
        assertThat(recorder.outOfOrder).as("events out of order or again (a watch that failed and reconnected "
            + "lists everything again)").isEmpty();
        assertThat(recorder.events.get()).isEqualTo(expected);
        assertThat(recorder.lastVersionOf).hasSize(WRITERS)
            .allSatisfy((name, version) -> assertThat(version).isEqualTo(WRITES_PER_WRITER - 1));
      }
    } finally {
      watches.forEach(Watch::close);
    }
  }

  /** One writer: replaces its ConfigMap again and again, each version with a text of its own. */
  private static void update(KubernetesClient client, int writer) {
    for (int version = 1; version < WRITES_PER_WRITER; version++) {
      client.resource(configMap(writer, version)).update();
    }
  }

  private static ConfigMap configMap(int writer, int version) {
    return new ConfigMapBuilder().withNewMetadata().withName("cm-" + writer).withNamespace(NS).endMetadata()
        .withData(Map.of("version", Integer.toString(version), "text", text(writer, version))).build();
  }

  /** The text a writer writes in a version: a pad of 0 to 2 bytes, then multi-byte characters, then both ids. */
  private static String text(int writer, int version) {
    String character = CHARACTERS.get((writer + version) % CHARACTERS.size());
    int count = TEXT_BYTES / character.getBytes(StandardCharsets.UTF_8).length;
    return "x".repeat((writer + version) % 3) + character.repeat(count) + "|" + writer + "/" + version;
  }

  /** Counts events, keeps each object's last version and any event garbled or out of order. */
  private static final class Recorder implements Watcher<ConfigMap> {

    private final AtomicInteger events = new AtomicInteger();
    private final Map<String, Integer> lastVersionOf = new ConcurrentHashMap<>();
    private final List<String> garbled = new CopyOnWriteArrayList<>();
    private final List<String> outOfOrder = new CopyOnWriteArrayList<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** Why the watch closed, with every cause (the JDK client's own words come last). */
    private final List<String> closedWith = new CopyOnWriteArrayList<>();

    @Override
    public void eventReceived(Action action, ConfigMap configMap) {
      String name = configMap.getMetadata().getName();
      int writer = Integer.parseInt(name.substring("cm-".length()));
      int version = Integer.parseInt(configMap.getData().get("version"));
      if (!text(writer, version).equals(configMap.getData().get("text"))) {
        garbled.add(name + " version " + version);
      }
      Integer last = lastVersionOf.put(name, version);
      boolean inOrder = switch (action) {
        case ADDED -> last == null && version == 0;
        case MODIFIED -> last != null && version == last + 1;
        case DELETED -> last != null && version == last && deleted.add(name);
        default -> false;
      };
      if (!inOrder) {
        outOfOrder.add(action + " " + name + " version " + version + " after " + last);
      }
      events.incrementAndGet();
    }

    @Override
    public void onClose(WatcherException cause) {
      StringBuilder causes = new StringBuilder();
      for (Throwable t = cause; t != null; t = t.getCause()) {
        causes.append(causes.isEmpty() ? "" : " <- ").append(t);
      }
      closedWith.add(causes.toString());
    }
  }
}
