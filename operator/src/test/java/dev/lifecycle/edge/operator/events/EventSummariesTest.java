package dev.lifecycle.edge.operator.events;

import static dev.lifecycle.edge.operator.events.EventBurstsTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventSummariesTest {

  private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
  private static final Duration EVERY = Duration.ofSeconds(30);
  private final EventSummaries summaries = new EventSummaries(EVERY);

  @Test
  @DisplayName("When occurrences of one namespace, kind and reason come, then they wait as one Event about the "
      + "Namespace whose count is theirs, due at once the first time")
  void foldedIntoOneNamespaceEvent() {
    assertThat(summaries.add(event("fleet", "EdgeHost", "h-1", "Normal", "Registered"), T0)).contains(T0);
    assertThat(summaries.add(event("fleet", "EdgeHost", "h-2", "Normal", "Registered"), T0)).isEmpty();
    assertThat(summaries.add(event("fleet", "EdgeHost", "h-3", "Normal", "Registered"), T0)).isEmpty();

    List<Event> due = summaries.due(T0);
    assertThat(due).singleElement().satisfies(summary -> {
      assertThat(summary.getCount()).isEqualTo(3);
      assertThat(summary.getInvolvedObject().getKind()).isEqualTo("Namespace");
      assertThat(summary.getInvolvedObject().getName()).isEqualTo("fleet");
      assertThat(summary.getReason()).isEqualTo("Registered");
      assertThat(summary.getMessage()).isEqualTo(EventQueue.COMBINED + "EdgeHost h-3: Registered h-3");
    });
    assertThat(summaries.due(T0)).as("handed out once").isEmpty();
  }

  @Test
  @DisplayName("When a summary was handed out, then the next waits the interval, however many occurrences come")
  void atMostOncePerInterval() {
    summaries.add(event("fleet", "EdgeHost", "h-1", "Normal", "Registered"), T0);
    summaries.due(T0);

    Instant later = T0.plusSeconds(5);
    Optional<Instant> next = summaries.add(event("fleet", "EdgeHost", "h-2", "Normal", "Registered"), later);
    summaries.add(event("fleet", "EdgeHost", "h-3", "Normal", "Registered"), later);

    assertThat(next).contains(T0.plus(EVERY));
    assertThat(summaries.due(T0.plus(EVERY).minusMillis(1))).isEmpty();
    assertThat(summaries.due(T0.plus(EVERY))).singleElement()
        .satisfies(summary -> assertThat(summary.getCount()).isEqualTo(2));
  }

  @Test
  @DisplayName("When two reasons are summarized, then each is its own summary")
  void oneSummaryPerReason() {
    summaries.add(event("fleet", "EdgeHost", "h-1", "Normal", "Registered"), T0);
    summaries.add(event("fleet", "EdgeHost", "h-1", "Normal", "Running"), T0);
    summaries.add(event("other", "EdgeHost", "h-1", "Normal", "Running"), T0);

    assertThat(summaries.due(T0)).extracting(e -> e.getMetadata().getNamespace() + "/" + e.getReason())
        .containsExactlyInAnyOrder("fleet/Registered", "fleet/Running", "other/Running");
  }

  @Test
  @DisplayName("When the timer comes a little early by the clock, then the summary still waits and says when it is "
      + "due, so it is handed out on the next turn, not left behind")
  void earlyTimerLeavesItDue() {
    summaries.add(event("fleet", "EdgeHost", "h-1", "Normal", "Registered"), T0);
    summaries.due(T0);
    summaries.add(event("fleet", "EdgeHost", "h-2", "Normal", "Registered"), T0.plusSeconds(1));

    Instant early = T0.plus(EVERY).minusMillis(3);
    assertThat(summaries.due(early)).isEmpty();
    assertThat(summaries.nextDue(early)).contains(T0.plus(EVERY));
    assertThat(summaries.due(T0.plus(EVERY))).hasSize(1);
    assertThat(summaries.nextDue(T0.plus(EVERY))).as("nothing waits").isEmpty();
  }
}
