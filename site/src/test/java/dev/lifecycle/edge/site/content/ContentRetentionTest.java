package dev.lifecycle.edge.site.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.bundle.ProfileRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContentRetentionTest {

  private static BundleRecord bundle(String id, String version, String uploadedAt, String... blobs) {
    return new BundleRecord(id, "retail-" + version, List.of(new ProfileRef("retail", version)), List.of(),
        List.of(blobs), false, 1, 1, "sha256:key", uploadedAt);
  }

  private final BundleRecord v19 = bundle("a", "1.9.0", "2026-01-01T00:00:00Z", "base", "a1");
  private final BundleRecord v110 = bundle("b", "1.10.0", "2026-02-01T00:00:00Z", "base", "b1");
  private final BundleRecord v111 = bundle("c", "1.11.0-rc.1", "2026-03-01T00:00:00Z", "base", "a1", "c1");
  private final BundleRecord v111final = bundle("d", "1.11.0", "2026-04-01T00:00:00Z", "base", "d1");
  private final List<BundleRecord> all = List.of(v19, v110, v111, v111final);

  @Test
  @DisplayName("Deletes every bundle neither in use nor kept, and the blobs only they need; shared blobs stay")
  void decide() {
    ContentRetention.Decision decision = ContentRetention.decide(all, Set.of("c"), Set.of("b"));

    assertThat(decision.bundles()).containsExactly(v19, v111final);
    assertThat(decision.blobs()).containsExactly("d1");
  }

  @Test
  @DisplayName("Nothing in use and nothing kept: everything goes")
  void nothingKept() {
    ContentRetention.Decision decision = ContentRetention.decide(all, Set.of(), Set.of());

    assertThat(decision.bundles()).containsExactlyElementsOf(all);
    assertThat(decision.blobs()).containsExactlyInAnyOrder("base", "a1", "b1", "c1", "d1");
  }

  @Test
  @DisplayName("Everything in use: nothing goes")
  void allInUse() {
    assertThat(ContentRetention.decide(all, Set.of("a", "b", "c", "d"), Set.of()).isEmpty()).isTrue();
  }

  @Test
  @DisplayName("The version before is the highest lower version of the same profile (semver: 1.10 > 1.9, a "
      + "pre-release before its release)")
  void previousVersions() {
    assertThat(ContentRetention.previousVersions(all, Set.of("d"))).containsExactly("c");
    assertThat(ContentRetention.previousVersions(all, Set.of("c"))).containsExactly("b");
    assertThat(ContentRetention.previousVersions(all, Set.of("b"))).containsExactly("a");
    assertThat(ContentRetention.previousVersions(all, Set.of("a"))).isEmpty();
    assertThat(ContentRetention.previousVersions(all, Set.of())).isEmpty();
  }

  @Test
  @DisplayName("Of two bundles of the same version, the one uploaded last is the version before")
  void sameVersionTwice() {
    BundleRecord again = bundle("e", "1.10.0", "2026-05-01T00:00:00Z", "e1");
    assertThat(ContentRetention.previousVersions(List.of(v19, again, v110, v111final), Set.of("d")))
        .containsExactly("e");
  }

  @Test
  @DisplayName("Bundles newer than what runs, or of a profile nothing runs, wait for their first use")
  void awaitingUse() {
    BundleRecord other = new BundleRecord("x", "pos-1", List.of(new ProfileRef("pos", "1")), List.of(), List.of(),
        false, 1, 1, "k", "2026-01-01T00:00:00Z");
    List<BundleRecord> bundles = List.of(v19, v110, v111, v111final, other);

    assertThat(ContentRetention.awaitingUse(bundles, Set.of("b"))).containsExactlyInAnyOrder("c", "d", "x");
    assertThat(ContentRetention.awaitingUse(bundles, Set.of("d"))).containsExactly("x");
  }

  @Test
  @DisplayName("Blobs on disk that no bundle records are unreferenced")
  void unreferenced() {
    assertThat(ContentRetention.unreferenced(Set.of("base", "a1", "zz"), List.of(v19))).containsExactly("zz");
  }

  @Test
  @DisplayName("Versions compare as semver for the usual forms")
  void versions() {
    assertThat(ContentRetention.compareVersions("1.10.0", "1.9.9")).isPositive();
    assertThat(ContentRetention.compareVersions("1.0.0-rc.1", "1.0.0")).isNegative();
    assertThat(ContentRetention.compareVersions("1.0.0-rc.2", "1.0.0-rc.10")).isNegative();
    assertThat(ContentRetention.compareVersions("v2.0", "2.0")).isZero();
    assertThat(ContentRetention.compareVersions("1.0.0+build.5", "1.0.0")).isZero();
    assertThat(ContentRetention.compareVersions("1.0", "1.0.1")).isNegative();
  }
}
