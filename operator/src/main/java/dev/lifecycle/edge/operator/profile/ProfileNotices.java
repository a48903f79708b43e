package dev.lifecycle.edge.operator.profile;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Events a change of a profile's status deserves, once per transition and not on every
 * reconcile: the profile became Ready or Invalid, or its deletion started to wait for clusters.
 */
public final class ProfileNotices {

  private ProfileNotices() {
  }

  /** One Event to record. */
  public record Notice(boolean warning, String reason, String message) {
  }

  /** The Events for going from {@code previous} (null on the first visit) to {@code desired}. */
  public static List<Notice> between(ClusterProfileStatus previous, ClusterProfileStatus desired) {
    List<Notice> notices = new ArrayList<>();
    Phase before = previous == null ? null : previous.getPhase();
    String verdict = message(desired, ConditionTypes.STALLED);
    if (desired.getPhase() != before) {
      if (desired.getPhase() == Phase.Ready) {
        notices.add(new Notice(false, ProfileReasons.VALID, verdict));
      } else if (desired.getPhase() == Phase.Invalid) {
        notices.add(new Notice(true, ProfileReasons.INVALID, verdict));
      }
    }
    boolean blocked = ProfileReasons.DELETION_BLOCKED.equals(reason(desired, ConditionTypes.READY));
    boolean wasBlocked = previous != null
        && ProfileReasons.DELETION_BLOCKED.equals(reason(previous, ConditionTypes.READY));
    if (blocked && !wasBlocked) {
      notices.add(new Notice(true, ProfileReasons.DELETION_BLOCKED, message(desired, ConditionTypes.READY)));
    }
    return notices;
  }

  private static String reason(ClusterProfileStatus status, String type) {
    return status.condition(type).map(Condition::getReason).orElse(null);
  }

  private static String message(ClusterProfileStatus status, String type) {
    return Objects.requireNonNullElse(status.condition(type).map(Condition::getMessage).orElse(null), "");
  }
}
