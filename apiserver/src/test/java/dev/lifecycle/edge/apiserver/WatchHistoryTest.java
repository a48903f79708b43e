package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WatchHistoryTest {

  private static final AttributeSet KEY = new AttributeSet(new Attribute("name", "a"));

  private static WatchHistory.Change change(long version, String json) {
    return new WatchHistory.Change(version, KEY, KEY, json);
  }

  private static List<Long> versions(List<WatchHistory.Change> changes) {
    return changes.stream().map(WatchHistory.Change::resourceVersion).toList();
  }

  @Test
  @DisplayName("When a watch resumes from a version, then it gets every change after it, oldest first, and none "
      + "at or before it")
  void givesTheChangesAfterTheVersion() {
    WatchHistory history = new WatchHistory(1000);
    for (long version = 1; version <= 5; version++) {
      history.add(change(version, "{\"v\":" + version + "}"));
    }

    assertThat(history.since(2)).hasValueSatisfying(changes -> assertThat(versions(changes)).containsExactly(3L, 4L,
        5L));
    assertThat(history.since(5)).hasValueSatisfying(changes -> assertThat(changes).isEmpty());
    assertThat(history.since(0)).hasValueSatisfying(changes -> assertThat(changes).hasSize(5));
    assertThat(history.since(99)).as("a version from the future: nothing yet").hasValueSatisfying(
        changes -> assertThat(changes).isEmpty());
  }

  @Test
  @DisplayName("When the budget is spent, then the oldest changes go, and a watch from before the newest one gone "
      + "is too old (410), while one from it on is served whole")
  void forgetsTheOldestBeyondTheBudget() {
    WatchHistory history = new WatchHistory(25);
    for (long version = 1; version <= 5; version++) {
      history.add(change(version, "0123456789"));
    }

    assertThat(history.oldestServable()).isEqualTo(3);
    assertThat(history.since(2)).isEmpty();
    assertThat(history.since(3)).hasValueSatisfying(changes -> assertThat(versions(changes)).containsExactly(4L, 5L));
  }

  @Test
  @DisplayName("When a deletion is recorded, then what it holds counts against the budget as its last state")
  void aDeletionCountsItsLastState() {
    WatchHistory.Change deletion = new WatchHistory.Change(7, KEY, null, "0123456789");

    assertThat(deletion.chars()).isEqualTo(10);
  }

  @Test
  @DisplayName("When the store is restored or reset, then no watch from before that moment is served")
  void forgetsEverythingUpToARestore() {
    WatchHistory history = new WatchHistory(1000);
    history.add(change(1, "{}"));
    history.forgetThrough(40);

    assertThat(history.since(39)).isEmpty();
    assertThat(history.since(40)).hasValueSatisfying(changes -> assertThat(changes).isEmpty());
    history.add(change(41, "{}"));
    assertThat(history.since(40)).hasValueSatisfying(changes -> assertThat(versions(changes)).containsExactly(41L));
  }

  @Test
  @DisplayName("When a change comes with a version lower than the last one, then it is refused: the order is the "
      + "promise a resumed watch relies on")
  void refusesVersionsGoingBack() {
    WatchHistory history = new WatchHistory(1000);
    history.add(change(5, "{}"));

    assertThatThrownBy(() -> history.add(change(4, "{}"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resourceVersion 4 after 5");
  }
}
