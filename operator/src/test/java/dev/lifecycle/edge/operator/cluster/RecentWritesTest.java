package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecentWritesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final RecentWrites<String> writes = new RecentWrites<>(Duration.ofMinutes(5));

  @Test
  @DisplayName("When the cache still shows the version before a write, then the written object is read")
  void writtenWhileCacheLags() {
    writes.wrote("ns/h-a", "12", "claimed", T0);

    assertThat(writes.current("ns/h-a", "11", "available", T0.plusSeconds(1))).isEqualTo("claimed");
    assertThat(writes.current("ns/h-b", "11", "other", T0.plusSeconds(1))).isEqualTo("other");
  }

  @Test
  @DisplayName("When the cache shows the written version or a newer one, then the cached object is read and the "
      + "write forgotten")
  void cacheCaughtUp() {
    writes.wrote("ns/h-a", "12", "claimed", T0);

    assertThat(writes.current("ns/h-a", "12", "cached 12", T0)).isEqualTo("cached 12");
    assertThat(writes.size()).isZero();
    assertThat(writes.isEmpty()).isTrue();

    writes.wrote("ns/h-a", "12", "claimed", T0);
    assertThat(writes.current("ns/h-a", "15", "cached 15", T0)).isEqualTo("cached 15");
    assertThat(writes.current("ns/h-a", "11", "cached 11", T0)).as("forgotten once seen").isEqualTo("cached 11");
  }

  @Test
  @DisplayName("When a later write of the same object is remembered, then it replaces the earlier one, never the "
      + "other way round")
  void latestWriteWins() {
    writes.wrote("ns/h-a", "12", "claimed", T0);
    writes.wrote("ns/h-a", "14", "planned", T0);
    writes.wrote("ns/h-a", "13", "late answer", T0);

    assertThat(writes.current("ns/h-a", "11", "available", T0)).isEqualTo("planned");
  }

  @Test
  @DisplayName("When a write is older than the time kept, then it is forgotten and the cache is read")
  void expires() {
    writes.wrote("ns/h-a", "12", "claimed", T0);

    assertThat(writes.current("ns/h-a", "11", "available", T0.plus(Duration.ofMinutes(6)))).isEqualTo("available");
    assertThat(writes.size()).isZero();
  }

  @Test
  @DisplayName("When resource versions are not numbers, then the write counts as newer until the cache shows its version")
  void opaqueVersions() {
    assertThat(RecentWrites.newer("b", "a")).isTrue();
    assertThat(RecentWrites.newer("a", "a")).isFalse();
    assertThat(RecentWrites.newer("12", "9")).as("numbers, not text").isTrue();
  }
}
