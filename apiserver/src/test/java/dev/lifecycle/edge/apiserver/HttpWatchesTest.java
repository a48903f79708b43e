package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpWatchesTest {

  private static final List<String> STORED = List.of("{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"5\"}}",
      "{\"metadata\":{\"name\":\"b\",\"resourceVersion\":\"9\"}}");

  @Test
  @DisplayName("When a watch names the resourceVersion it listed at, then it starts with the objects written after "
      + "it; without one (or 0), with every object")
  void startsAfterTheListedVersion() {
    assertThat(HttpWatches.newerThan(STORED, HttpWatches.resourceVersion("resourceVersion=5&watch=true")))
        .singleElement().asString().contains("\"b\"");
    assertThat(HttpWatches.newerThan(STORED, HttpWatches.resourceVersion("watch=true"))).hasSize(2);
    assertThat(HttpWatches.newerThan(STORED, HttpWatches.resourceVersion("watch=1&resourceVersion=0"))).hasSize(2);
    assertThat(HttpWatches.newerThan(STORED, HttpWatches.resourceVersion("resourceVersion=x"))).hasSize(2);
  }
}
