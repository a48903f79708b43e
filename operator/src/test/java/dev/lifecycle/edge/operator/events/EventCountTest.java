package dev.lifecycle.edge.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.operator.events.EventCount.Kind;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventCountTest {

  private static Event occurrence(String at) {
    return new EventBuilder().withNewMetadata().withName("store-1.0123456789abcdef").withNamespace("store-1")
        .endMetadata().withReason("HostClaimed").withMessage("claimed host a").withCount(1).withFirstTimestamp(at)
        .withLastTimestamp(at).build();
  }

  @Test
  @DisplayName("When an Event occurs for the first time, then it is created as it is, count 1")
  void first() {
    Event occurrence = occurrence("2026-11-24T08:00:00Z");

    EventCount count = EventCount.next(occurrence, Optional.empty());

    assertThat(count.kind()).isEqualTo(Kind.CREATE);
    assertThat(count.event()).isSameAs(occurrence);
  }

  @Test
  @DisplayName("When it occurs again, then the Event there counts one more, with the new lastTimestamp")
  void repeat() {
    Event there = new EventBuilder(occurrence("2026-11-24T08:00:00Z")).withCount(2).editMetadata()
        .withResourceVersion("41").endMetadata().build();

    EventCount count = EventCount.next(occurrence("2026-11-24T08:05:00Z"), Optional.of(there));

    assertThat(count.kind()).isEqualTo(Kind.INCREMENT);
    assertThat(count.event().getCount()).isEqualTo(3);
    assertThat(count.event().getLastTimestamp()).isEqualTo("2026-11-24T08:05:00Z");
    assertThat(count.event().getFirstTimestamp()).isEqualTo("2026-11-24T08:00:00Z");
    assertThat(count.event().getMetadata().getResourceVersion()).as("the update is locked to what was read")
        .isEqualTo("41");
    assertThat(there.getCount()).as("the Event there is not changed").isEqualTo(2);
  }

  @Test
  @DisplayName("When the Event there has no count, then it counted once and the repeat makes two")
  void noCount() {
    Event there = new EventBuilder(occurrence("2026-11-24T08:00:00Z")).withCount(null).build();

    assertThat(EventCount.next(occurrence("2026-11-24T08:01:00Z"), Optional.of(there)).event().getCount())
        .isEqualTo(2);
  }
}
