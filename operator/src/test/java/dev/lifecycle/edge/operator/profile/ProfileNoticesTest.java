package dev.lifecycle.edge.operator.profile;

import static dev.lifecycle.edge.operator.profile.Profiles.layer;
import static dev.lifecycle.edge.operator.profile.Profiles.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.operator.profile.ProfileNotices.Notice;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProfileNoticesTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  private static ClusterProfile invalid() {
    ClusterProfile profile = valid("ns", "bad-1.0.0", "1.0.0");
    profile.getSpec().getLayers().remove(1);
    return profile;
  }

  private static ClusterProfileStatus status(ClusterProfile profile, List<String> usedBy, boolean deleting) {
    return ProfileStatusBuilder.build(profile, usedBy, deleting, NOW);
  }

  @Test
  @DisplayName("When a profile is judged valid for the first time, then one Normal Valid event says so")
  void firstValid() {
    ClusterProfile profile = valid("ns", "edge-1.0.0", "1.0.0");

    assertThat(ProfileNotices.between(null, status(profile, List.of(), false))).containsExactly(
        new Notice(false, "Valid", "profile edge-1.0.0 version 1.0.0 with 3 layers: edge-os, k3s, cilium"));
  }

  @Test
  @DisplayName("When a profile is judged invalid, then one Warning InvalidProfile event carries the problems")
  void becomesInvalid() {
    List<Notice> notices = ProfileNotices.between(null, status(invalid(), List.of(), false));

    assertThat(notices).containsExactly(new Notice(true, "InvalidProfile",
        "a profile needs exactly one layer of type kubernetes, this one has 0"));
  }

  @Test
  @DisplayName("When only usedBy changes, then no event is recorded again")
  void noRepeat() {
    ClusterProfile profile = invalid();
    ClusterProfileStatus before = status(profile, List.of(), false);
    profile.setStatus(before);

    assertThat(ProfileNotices.between(before, status(profile, List.of("store-1"), false))).isEmpty();
  }

  @Test
  @DisplayName("When a deletion starts to wait for clusters, then one Warning DeletionBlocked event names them, "
      + "and a change of the waiting list adds none")
  void deletionBlockedOnce() {
    ClusterProfile profile = valid("ns", "edge-1.0.0", "1.0.0");
    ClusterProfileStatus live = status(profile, List.of("store-1"), false);
    profile.setStatus(live);
    ClusterProfileStatus blocked = status(profile, List.of("store-1"), true);
    profile.setStatus(blocked);
    ClusterProfileStatus stillBlocked = status(profile, List.of("store-1", "store-2"), true);

    assertThat(ProfileNotices.between(live, blocked)).containsExactly(new Notice(true, "DeletionBlocked",
        "deletion waits: used by clusters store-1; point them at another profile or delete them"));
    assertThat(ProfileNotices.between(blocked, stillBlocked)).isEmpty();
  }

  @Test
  @DisplayName("When an invalid profile is replaced by a valid spec, then a Normal Valid event follows")
  void invalidThenValid() {
    ClusterProfile profile = invalid();
    ClusterProfileStatus before = status(profile, List.of(), false);
    ClusterProfile fixed = valid("ns", "bad-1.0.0", "1.0.0");
    fixed.setStatus(before);

    assertThat(ProfileNotices.between(before, status(fixed, List.of(), false)))
        .extracting(Notice::warning, Notice::reason)
        .containsExactly(tuple(false, "Valid"));
  }

  @Test
  @DisplayName("When a layer is added to an invalid profile that stays invalid, then no new event is recorded")
  void staysInvalid() {
    ClusterProfile profile = invalid();
    ClusterProfileStatus before = status(profile, List.of(), false);
    profile.setStatus(before);
    profile.getSpec().getLayers().add(layer("extra", LayerType.ADDON, "2"));

    assertThat(ProfileNotices.between(before, status(profile, List.of(), false))).isEmpty();
  }
}
