package dev.lifecycle.edge.site.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A site API user as stored: the password's BCrypt hash (never the password), whether the password must be changed
 * before anything else, and the session generation (raised on a password change: every session made before it ends).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record User(String name, String passwordHash, boolean mustChangePassword, long sessionGeneration,
    String passwordChangedAt) {

  @Override
  public String toString() {
    return "User[" + name + ", mustChangePassword=" + mustChangePassword + "]";
  }
}
