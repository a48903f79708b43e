package dev.lifecycle.edge.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventBurstsTest {

  private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
  private final EventBursts bursts = new EventBursts(3);

  static Event event(String namespace, String kind, String name, String type, String reason) {
    return new EventBuilder().withNewMetadata().withNamespace(namespace).withName(name + "." + reason).endMetadata()
        .withNewInvolvedObject().withKind(kind).withName(name).withNamespace(namespace).endInvolvedObject()
        .withType(type).withReason(reason).withMessage(reason + " " + name).withCount(1).build();
  }

  private long own(String namespace, String kind, String type, String reason, int hosts, Instant at) {
    return IntStream.range(0, hosts)
        .filter(i -> bursts.ownEvent(event(namespace, kind, "h-" + i, type, reason), at)).count();
  }

  @Test
  @DisplayName("When the hosts of a namespace register together, then the first of the burst are their own Events "
      + "and the rest are summarized")
  void burstThenSummary() {
    assertThat(own("fleet", "EdgeHost", "Normal", "Registered", 10, T0)).isEqualTo(3);
  }

  @Test
  @DisplayName("When a namespace has fewer objects than the burst, then every Event is its object's own")
  void smallNamespaceKeepsAll() {
    assertThat(own("store-7", "EdgeHost", "Normal", "Registered", 3, T0)).isEqualTo(3);
    assertThat(own("store-8", "EdgeHost", "Normal", "Registered", 3, T0)).as("another namespace").isEqualTo(3);
    assertThat(own("store-7", "EdgeHost", "Normal", "Running", 3, T0)).as("another reason").isEqualTo(3);
    assertThat(own("store-7", "EdgeCluster", "Normal", "Registered", 3, T0)).as("another kind").isEqualTo(3);
  }

  @Test
  @DisplayName("When Warnings come in a storm, then every one is its object's own")
  void warningsAreNeverSummarized() {
    assertThat(own("fleet", "EdgeHost", "Warning", "Unreachable", 10, T0)).isEqualTo(10);
  }

  @Test
  @DisplayName("When the window has passed, then a new burst is written about its objects")
  void windowEnds() {
    assertThat(own("fleet", "EdgeHost", "Normal", "Registered", 10, T0)).isEqualTo(3);
    assertThat(own("fleet", "EdgeHost", "Normal", "Registered", 10, T0.plus(EventBursts.WINDOW).minusSeconds(1)))
        .as("still within the window").isZero();
    assertThat(own("fleet", "EdgeHost", "Normal", "Registered", 10, T0.plus(EventBursts.WINDOW))).isEqualTo(3);
  }

  @Test
  @DisplayName("When the burst is 0, then every Normal Event is summarized")
  void noBurst() {
    assertThat(IntStream.range(0, 5).filter(i -> new EventBursts(0)
        .ownEvent(event("fleet", "EdgeHost", "h", "Normal", "Registered"), T0.plus(Duration.ofSeconds(i)))).count())
        .isZero();
  }
}
