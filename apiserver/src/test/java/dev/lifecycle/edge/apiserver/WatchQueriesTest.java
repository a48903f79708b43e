package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WatchQueriesTest {

  @Test
  @DisplayName("When a watch names the resourceVersion it listed at, then that is where it starts; without one, "
      + "with 0 or with one that is not a number, from the beginning (0)")
  void readsTheVersionAWatchStartsFrom() {
    assertThat(WatchQueries.resourceVersion("resourceVersion=5&watch=true")).isEqualTo(5);
    assertThat(WatchQueries.resourceVersion("watch=1&allowWatchBookmarks=true&resourceVersion=1234")).isEqualTo(1234);
    assertThat(WatchQueries.resourceVersion("watch=true")).isZero();
    assertThat(WatchQueries.resourceVersion("watch=1&resourceVersion=0")).isZero();
    assertThat(WatchQueries.resourceVersion("resourceVersion=x")).isZero();
  }
}
