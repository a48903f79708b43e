package dev.lifecycle.edge.site.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Failed logins of one user or one address: failures since the last lockout (or success), how many lockouts it has
 * had (each lasts twice as long as the one before), until when it is locked, and when it last failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempts(int failures, int lockouts, Instant lockedUntil, Instant lastFailure) {

  public static final Attempts NONE = new Attempts(0, 0, null, null);

  @JsonIgnore
  public boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  @JsonIgnore
  public boolean isNone() {
    return failures == 0 && lockouts == 0 && lockedUntil == null;
  }
}
