package dev.lifecycle.edge.site.auth;

/** A session just made or renewed: the signed token, its claims, and its CSRF token. */
public record IssuedSession(String token, SessionClaims claims, String csrfToken, boolean mustChangePassword) {

  @Override
  public String toString() {
    return "IssuedSession[" + claims.user() + ", expires " + claims.expiresAt() + "]";
  }
}
