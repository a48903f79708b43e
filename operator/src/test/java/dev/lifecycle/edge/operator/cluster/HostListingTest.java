package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostListingTest {

  @Test
  @DisplayName("When an Event names a round's hosts, then up to ten are named and the rest counted")
  void namesTenThenCounts() {
    assertThat(HostListing.of(List.of("a"))).isEqualTo("a");
    assertThat(HostListing.of(List.of("a", "b", "c"))).isEqualTo("a, b, c");
    List<String> many = IntStream.range(0, 25).mapToObj(i -> "h-" + i).toList();
    assertThat(HostListing.of(many)).isEqualTo("h-0, h-1, h-2, h-3, h-4, h-5, h-6, h-7, h-8, h-9 and 15 more");
    assertThat(HostListing.of(many.subList(0, 10))).doesNotContain("more").endsWith("h-9");
  }
}
