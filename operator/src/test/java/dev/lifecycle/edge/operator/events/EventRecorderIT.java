package dev.lifecycle.edge.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.operator.support.OperatorHarness;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The recorder against the embedded API: a repeat counts on one Event, a different one is its own object. */
class EventRecorderIT {

  private static final Duration WAIT = Duration.ofSeconds(10);
  @AutoClose
  private static final OperatorHarness HARNESS = OperatorHarness.start();
  private final KubernetesClient client = HARNESS.client();
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final EventRecorder recorder = new EventRecorder(client, Clock.systemUTC(), meters);
  private final ConfigMap subject = client.resource(new ConfigMapBuilder().withNewMetadata().withName("store")
      .withNamespace(HARNESS.newNamespace("events")).endMetadata().build()).create();

  private List<Event> events() {
    return client.v1().events().inNamespace(subject.getMetadata().getNamespace()).list().getItems();
  }

  /** Waits until the Events are written: the recorder writes in the background. */
  private List<Event> awaitEvents(int objects, int totalCount) {
    return await().atMost(WAIT).until(this::events,
        events -> events.size() == objects && events.stream().mapToInt(Event::getCount).sum() == totalCount);
  }

  @Test
  @DisplayName("When the same Event is recorded twice, then there is one object with count 2")
  void repeatCounts() {
    recorder.normal(subject, "HostClaimed", "claimed host a as worker");
    recorder.normal(subject, "HostClaimed", "claimed host a as worker");

    Event event = awaitEvents(1, 2).get(0);
    assertThat(event.getCount()).isEqualTo(2);
    assertThat(event.getReason()).isEqualTo("HostClaimed");
    assertThat(event.getInvolvedObject().getUid()).isEqualTo(subject.getMetadata().getUid());
    assertThat(event.getMetadata().getName()).startsWith("store.");
  }

  @Test
  @DisplayName("When two Events with different reasons are recorded, then they are two objects")
  void differentReasons() {
    recorder.normal(subject, "HostClaimed", "claimed host a as worker");
    recorder.warning(subject, "Degraded", "host a is not running");

    assertThat(awaitEvents(2, 2)).extracting(Event::getReason)
        .containsExactlyInAnyOrder("HostClaimed", "Degraded");
  }

  @Test
  @DisplayName("When someone else changed the Event since it was written, then a repeat counts on a fresh read")
  void conflict() {
    recorder.normal(subject, "HostClaimed", "claimed host a as worker");
    Event written = awaitEvents(1, 1).get(0);
    written.setCount(5);
    client.resource(written).update();

    recorder.normal(subject, "HostClaimed", "claimed host a as worker");

    assertThat(awaitEvents(1, 6).get(0).getCount()).isEqualTo(6);
  }

  @Test
  @DisplayName("When the Event was deleted since it was written, then a repeat creates it again")
  void gone() {
    recorder.normal(subject, "HostClaimed", "claimed host a as worker");
    Event written = awaitEvents(1, 1).get(0);
    client.resource(written).delete();
    await().atMost(WAIT).until(() -> events().isEmpty());

    recorder.normal(subject, "HostClaimed", "claimed host a as worker");

    assertThat(awaitEvents(1, 1).get(0).getCount()).isEqualTo(1);
  }

  private double occurrences(String outcome) {
    return meters.get(EventRecorder.METRIC).tag("outcome", outcome).counter().count();
  }

  @Test
  @DisplayName("When a burst of 2,000 identical Events arrives faster than the API is written, then a few writes "
      + "carry them all: one Event with count 2,000")
  void burstIsFolded() {
    int burst = 2_000;
    for (int i = 0; i < burst; i++) {
      recorder.warning(subject, "HostUnreachable", "host a sent no heartbeat for 2m");
    }

    Event event = awaitEvents(1, burst).get(0);
    assertThat(event.getCount()).isEqualTo(burst);
    await().atMost(WAIT).until(() -> occurrences("written") + occurrences("folded") == burst);
    assertThat(occurrences("written")).as("API writes for %d occurrences", burst).isLessThan(burst / 10.0);
    assertThat(occurrences("dropped") + occurrences("failed") + occurrences("combined")).isZero();
    System.out.printf("events burst: %d occurrences, %.0f API writes, %.0f folded%n", burst,
        occurrences("written"), occurrences("folded"));
  }

  @Test
  @DisplayName("When more distinct Events wait than the queue holds, then the excess is combined per subject and "
      + "reason, and the counts add up to every occurrence")
  void fullQueueCombines() {
    // Every Event its object's own, however many: the queue's tiers are under test, not the namespace's burst.
    EventRecorder small = new EventRecorder(client, Clock.systemUTC(), meters, 2,
        new EventBursts(Integer.MAX_VALUE), EventSummaries.EVERY);
    IntStream.range(0, 300).forEach(i -> small.normal(subject, "HostClaimed", "claimed host h-" + i + " as worker"));

    List<Event> events = await().atMost(WAIT).until(this::events,
        all -> all.stream().mapToInt(Event::getCount).sum() == 300);
    assertThat(events).anySatisfy(event -> assertThat(event.getMessage())
        .startsWith(EventQueue.COMBINED));
    assertThat(occurrences("dropped")).isZero();
  }

  @Test
  @DisplayName("When Events about many objects are recorded at once, then every one is written, and each object's "
      + "Events in the order they were recorded")
  void eachObjectsEventsKeepTheirOrder() {
    String namespace = subject.getMetadata().getNamespace();
    // As many as the namespace's burst, so that every one is its object's own.
    List<ConfigMap> hosts = IntStream.range(0, EventBursts.BURST).mapToObj(i -> new ConfigMapBuilder().withNewMetadata()
        .withName("host-" + i).withNamespace(namespace).withUid("uid-" + i).endMetadata().build()).toList();
    for (ConfigMap host : hosts) {
      recorder.normal(host, "Registered", "registered");
      recorder.normal(host, "Running", "running");
    }

    List<Event> events = await().atMost(WAIT).until(this::events, all -> all.size() == hosts.size() * 2);
    for (ConfigMap host : hosts) {
      List<String> reasons = events.stream()
          .filter(event -> event.getInvolvedObject().getName().equals(host.getMetadata().getName()))
          .sorted(Comparator.comparingLong(event -> Long.parseLong(event.getMetadata().getResourceVersion())))
          .map(Event::getReason).toList();
      assertThat(reasons).as("Events of %s in the order written", host.getMetadata().getName())
          .containsExactly("Registered", "Running");
    }
    assertThat(occurrences("written")).isEqualTo(hosts.size() * 2);
  }

  @Test
  @DisplayName("When 200 hosts of a namespace register together, then the first 25 get their own Event and the rest "
      + "are counted on one Event about the Namespace, written a few times, not 175")
  void stormIsSummarizedForTheNamespace() {
    EventRecorder fleet = new EventRecorder(client, Clock.systemUTC(), meters, EventRecorder.QUEUE_LIMIT,
        new EventBursts(EventBursts.BURST), Duration.ofMillis(200));
    String namespace = subject.getMetadata().getNamespace();
    int hosts = 200;
    for (int i = 0; i < hosts; i++) {
      fleet.normal(new ConfigMapBuilder().withNewMetadata().withName("host-" + i).withNamespace(namespace)
          .withUid("uid-" + i).endMetadata().build(), "Registered", "registered host-" + i);
    }

    List<Event> events = await().atMost(WAIT).until(this::events,
        all -> all.stream().mapToInt(Event::getCount).sum() == hosts);
    assertThat(events.stream().filter(e -> !e.getInvolvedObject().getKind().equals("Namespace")))
        .hasSize(EventBursts.BURST)
        .allSatisfy(e -> assertThat(e.getCount()).isEqualTo(1));
    assertThat(events.stream().filter(e -> e.getInvolvedObject().getKind().equals("Namespace")))
        .singleElement().satisfies(summary -> {
          assertThat(summary.getCount()).isEqualTo(hosts - EventBursts.BURST);
          assertThat(summary.getInvolvedObject().getName()).isEqualTo(namespace);
          assertThat(summary.getReason()).isEqualTo("Registered");
          assertThat(summary.getMessage()).startsWith(EventQueue.COMBINED + "ConfigMap host-");
        });
    assertThat(occurrences("written")).as("API writes for %d occurrences", hosts)
        .isLessThan(EventBursts.BURST + 10);
    assertThat(occurrences("dropped") + occurrences("failed")).isZero();
  }
}
