package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Events a user wants in {@code kubectl describe rtok}: a token issued or re-issued, its
 * user-data re-rendered, its phase changing, and the moment it stalls. Only transitions, so a
 * reconcile that changes nothing records nothing. Pure; messages never hold a token value.
 */
public final class TokenNotices {

  public static final String TOKEN_ISSUED = "TokenIssued";
  public static final String TOKEN_REISSUED = "TokenReissued";
  public static final String USER_DATA_UPDATED = "UserDataUpdated";

  private TokenNotices() {
  }

  /**
   * An Event to record.
   *
   * @param warning a Warning Event (else Normal)
   * @param reason CamelCase reason
   * @param message for a person
   */
  public record Notice(boolean warning, String reason, String message) {
  }

  /** What the Secret write did, worth telling. */
  public static Optional<Notice> forSecret(SecretOutcome outcome) {
    String name = outcome.secretName();
    return switch (outcome.kind()) {
      case ISSUED -> Optional.of(new Notice(false, TOKEN_ISSUED, "issued a new 256-bit token into Secret " + name
          + " (keys " + TokenSecrets.TOKEN_KEY + " and " + TokenSecrets.USER_DATA_KEY + ")"));
      case REISSUED -> Optional.of(new Notice(true, TOKEN_REISSUED, outcome.detail() + ": issued a new token into "
          + "it; installers built with the previous token no longer register hosts"));
      case UPDATED -> Optional.of(new Notice(false, USER_DATA_UPDATED, "re-rendered the user-data in Secret " + name
          + "; the token is unchanged"));
      case UNCHANGED, CONFLICT, HELD -> Optional.empty();
    };
  }

  /** The phase changes and the stalls between two statuses. */
  public static List<Notice> forStatus(RegistrationTokenStatus previous, RegistrationTokenStatus desired) {
    List<Notice> notices = new ArrayList<>();
    Optional<Condition> stalledBefore = condition(previous, ConditionTypes.STALLED).filter(Condition::isTrue);
    Optional<Condition> stalledNow = condition(desired, ConditionTypes.STALLED).filter(Condition::isTrue);
    stalledNow.filter(now -> !stalledBefore.map(Condition::getReason).equals(Optional.of(now.getReason())))
        .ifPresent(now -> notices.add(new Notice(true, now.getReason(), now.getMessage())));

    Phase before = previous == null ? null : previous.getPhase();
    Phase after = desired.getPhase();
    boolean firstVisit = previous == null || previous.getConditions().isEmpty();
    boolean firstActive = firstVisit && after == Phase.Active;
    if (after != null && !Objects.equals(before, after) && !firstActive) {
      String message = condition(desired, ConditionTypes.READY).map(Condition::getMessage).orElse(after.name());
      notices.add(new Notice(false, after.name(), after == Phase.Active ? "the token registers hosts again: " + message
          : message));
    }
    return notices;
  }

  private static Optional<Condition> condition(RegistrationTokenStatus status, String type) {
    return status == null ? Optional.empty() : status.condition(type);
  }
}
