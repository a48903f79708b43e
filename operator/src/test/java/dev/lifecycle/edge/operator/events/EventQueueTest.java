package dev.lifecycle.edge.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.operator.events.EventQueue.Offer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventQueueTest {

  private static Event occurrence(String subject, String reason, String message, String at) {
    return new EventBuilder()
        .withNewMetadata().withNamespace("ns").withName(EventName.of("EdgeHost", "ns", subject, "uid-" + subject,
            "Normal", reason, message)).endMetadata()
        .withNewInvolvedObject().withKind("EdgeHost").withNamespace("ns").withName(subject).withUid("uid-" + subject)
        .endInvolvedObject()
        .withType("Normal").withReason(reason).withMessage(message).withCount(1)
        .withFirstTimestamp(at).withLastTimestamp(at).build();
  }

  private static List<Event> drain(EventQueue queue) {
    List<Event> events = new ArrayList<>();
    for (Optional<Event> next = queue.poll(); next.isPresent(); next = queue.poll()) {
      events.add(next.get());
    }
    return events;
  }

  @Test
  @DisplayName("When the same Event is offered 1,000 times before it is taken, then one Event with count 1,000, "
      + "its first and last times, waits")
  void burstFolds() {
    EventQueue queue = new EventQueue(10);
    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      offers.add(queue.offer(occurrence("a", "Unreachable", "no heartbeat", "2026-12-06T11:00:" + (i % 60 < 10
          ? "0" : "") + (i % 60) + "Z")));
    }

    assertThat(offers.get(0)).isEqualTo(Offer.QUEUED);
    assertThat(offers.subList(1, 1000)).containsOnly(Offer.FOLDED);
    List<Event> events = drain(queue);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getCount()).isEqualTo(1000);
    assertThat(events.get(0).getFirstTimestamp()).isEqualTo("2026-12-06T11:00:00Z");
    assertThat(events.get(0).getLastTimestamp()).isEqualTo("2026-12-06T11:00:39Z");
  }

  @Test
  @DisplayName("When Events differ in subject, reason or message, then each waits as its own, oldest first")
  void distinctEventsStayApart() {
    EventQueue queue = new EventQueue(10);
    queue.offer(occurrence("a", "Unreachable", "no heartbeat", "t1"));
    queue.offer(occurrence("b", "Unreachable", "no heartbeat", "t1"));
    queue.offer(occurrence("a", "Running", "running", "t1"));
    queue.offer(occurrence("a", "Unreachable", "no heartbeat for 2m", "t1"));
    queue.offer(occurrence("b", "Unreachable", "no heartbeat", "t2"));

    assertThat(drain(queue)).extracting(e -> e.getInvolvedObject().getName() + " " + e.getMessage() + " "
        + e.getCount()).containsExactly("a no heartbeat 1", "b no heartbeat 2", "a running 1",
        "a no heartbeat for 2m 1");
  }

  @Test
  @DisplayName("When the queue is full, then a new message is combined into one Event per subject and reason with "
      + "the count of all, and none is lost")
  void fullQueueCombines() {
    EventQueue queue = new EventQueue(2);
    queue.offer(occurrence("a", "Claimed", "first", "t1"));
    queue.offer(occurrence("b", "Claimed", "first", "t1"));
    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      offers.add(queue.offer(occurrence("a", "Claimed", "attempt " + i, "t" + i)));
    }

    assertThat(offers).containsOnly(Offer.COMBINED);
    List<Event> events = drain(queue);
    assertThat(events).hasSize(3);
    Event combined = events.get(2);
    assertThat(combined.getCount()).isEqualTo(50);
    assertThat(combined.getMessage()).isEqualTo(EventQueue.COMBINED + "attempt 49");
    assertThat(combined.getInvolvedObject().getName()).isEqualTo("a");
    assertThat(combined.getMetadata().getName()).startsWith("a.")
        .isNotIn(events.get(0).getMetadata().getName(), events.get(1).getMetadata().getName());
    assertThat(events.stream().mapToInt(Event::getCount).sum()).isEqualTo(52);
  }

  @Test
  @DisplayName("When even the combined Events have no room, then occurrences are counted on one Event of their "
      + "namespace per kind, type and reason, about the Namespace, and none is lost")
  void aggregatesPerNamespaceBeyondBoth() {
    EventQueue queue = new EventQueue(1);
    assertThat(queue.offer(occurrence("a", "Registered", "m", "t"))).isEqualTo(Offer.QUEUED);
    assertThat(queue.offer(occurrence("b", "Registered", "m", "t"))).isEqualTo(Offer.COMBINED);
    assertThat(queue.offer(occurrence("b", "Registered", "other", "t"))).isEqualTo(Offer.COMBINED);
    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      offers.add(queue.offer(occurrence("h-" + i, "Registered", "registered " + i, "t" + i)));
    }

    assertThat(offers).containsOnly(Offer.AGGREGATED);
    List<Event> events = drain(queue);
    assertThat(events).hasSize(3);
    Event ofNamespace = events.get(2);
    assertThat(ofNamespace.getInvolvedObject().getKind()).isEqualTo("Namespace");
    assertThat(ofNamespace.getInvolvedObject().getName()).isEqualTo("ns");
    assertThat(ofNamespace.getCount()).isEqualTo(300);
    assertThat(ofNamespace.getReason()).isEqualTo("Registered");
    assertThat(ofNamespace.getMessage()).isEqualTo(EventQueue.COMBINED + "EdgeHost h-299: registered 299");
    assertThat(ofNamespace.getFirstTimestamp()).isEqualTo("t0");
    assertThat(ofNamespace.getLastTimestamp()).isEqualTo("t299");
    assertThat(events.stream().mapToInt(Event::getCount).sum()).isEqualTo(303);
  }

  @Test
  @DisplayName("When even the namespace's Events have no room, then an occurrence is dropped and said so")
  void dropsOnlyBeyondAll() {
    EventQueue queue = new EventQueue(1);
    assertThat(queue.offer(occurrence("a", "Claimed", "m", "t"))).isEqualTo(Offer.QUEUED);
    assertThat(queue.offer(occurrence("b", "Claimed", "m", "t"))).isEqualTo(Offer.COMBINED);
    assertThat(queue.offer(occurrence("c", "Claimed", "m", "t"))).isEqualTo(Offer.AGGREGATED);
    assertThat(queue.offer(occurrence("c", "Running", "m", "t"))).isEqualTo(Offer.DROPPED);
    assertThat(queue.size()).isEqualTo(3);
  }

  @Test
  @DisplayName("When taken, an Event leaves the queue: a later occurrence waits as a new write")
  void takenEventsLeave() {
    EventQueue queue = new EventQueue(2);
    queue.offer(occurrence("a", "Claimed", "m", "t1"));
    assertThat(queue.poll()).isPresent();
    assertThat(queue.offer(occurrence("a", "Claimed", "m", "t2"))).isEqualTo(Offer.QUEUED);
    assertThat(queue.poll()).hasValueSatisfying(e -> assertThat(e.getCount()).isEqualTo(1));
    assertThat(queue.poll()).isEmpty();
  }

  @Test
  void refusesANonPositiveLimit() {
    assertThatThrownBy(() -> new EventQueue(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
  }
}
