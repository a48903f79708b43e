package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
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
 * Watches under concurrent writes, read by the JDK's WebSocket client (the operator's): it validates
 * every text frame as UTF-8 and fails the socket on the first invalid or misplaced frame, as the
 * RegistrationToken informer once saw ({@code Invalid UTF-8 in frame TEXT}). Objects carry non-ASCII
 * text, and some are larger than a WebSocket frame (64 KiB), so that a message is sent in fragments
 * whose boundaries fall inside a character.
 */
class ConcurrentWatchIT {

  private static final String NS = "concurrent";
  private static final int WRITERS = 8;
  private static final int WRITES_PER_WRITER = 40;
  private static final int WATCHES = 4;
  /** Two or three bytes each in UTF-8, after one or two bytes of padding: 64 KiB boundaries split characters. */
  private static final String NON_ASCII = "ßäöü€é";

  @AutoClose
  private final EmbeddedKubernetes api = EmbeddedKubernetes.start();

  @Test
  @DisplayName("When many threads write objects with non-ASCII content while watches are open, then every watch "
      + "receives every event as a well-formed frame of valid JSON, and no watch fails")
  void everyFrameParsesAndEveryEventArrives() throws Exception {
    api.createNamespace(NS);
    HttpClient http = HttpClient.newHttpClient();
    List<WatchRecorder> watches = new ArrayList<>();
    for (int i = 0; i < WATCHES; i++) {
      WatchRecorder recorder = new WatchRecorder();
      http.newWebSocketBuilder().buildAsync(URI.create(api.url().replace("http:", "ws:")
          + "/api/v1/namespaces/" + NS + "/configmaps?watch=true"), recorder).get(10, TimeUnit.SECONDS);
      watches.add(recorder);
    }

    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      done.add(writers.submit(() -> write(writer)));
    }
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    writers.shutdown();

    int expected = WRITERS * WRITES_PER_WRITER;
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      for (WatchRecorder watch : watches) {
        assertThat(watch.failures).isEmpty();
        assertThat(watch.events.get()).isEqualTo(expected);
      }
    });
    for (WatchRecorder watch : watches) {
      assertThat(watch.unreadable).isEmpty();
      assertThat(watch.lastVersionOf).hasSize(WRITERS);
      watch.lastVersionOf.forEach((name, version) -> assertThat(version).isEqualTo(WRITES_PER_WRITER - 1));
    }
  }

  /** One writer: creates its ConfigMap, then replaces it with ever new non-ASCII content, small and large. */
  private void write(int writer) {
    String name = "cm-" + writer;
    for (int version = 0; version < WRITES_PER_WRITER; version++) {
      int size = version % 4 == 3 ? 50_000 : 20 + version;
      String text = "x".repeat(writer % 2 + 1) + NON_ASCII.repeat(size / NON_ASCII.length());
      var configMap = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
          .withData(Map.of("version", Integer.toString(version), "text", text)).build();
      if (version == 0) {
        api.client().resource(configMap).create();
      } else {
        api.client().resource(configMap).update();
      }
    }
  }

  /** Counts whole messages, checks that each is a watch event of valid JSON, and keeps what failed. */
  private static final class WatchRecorder implements WebSocket.Listener {

    private final StringBuilder message = new StringBuilder();
    private final AtomicInteger events = new AtomicInteger();
    private final Map<String, Integer> lastVersionOf = new ConcurrentHashMap<>();
    private final List<String> unreadable = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        read(message.toString());
        message.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    private void read(String text) {
      try {
        JsonNode event = Serialization.unmarshal(text, JsonNode.class);
        JsonNode object = event.path("object");
        lastVersionOf.put(object.path("metadata").path("name").asText(),
            Integer.parseInt(object.path("data").path("version").asText()));
        events.incrementAndGet();
      } catch (RuntimeException e) {
        unreadable.add(text.length() > 200 ? text.substring(0, 200) : text);
      }
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      failures.add(error);
    }
  }
}
