package dev.lifecycle.edge.site.auth;

import java.util.Optional;

/**
 * Who a request comes from: the session's claims, whether it came as a cookie (then state changes need the CSRF
 * header), whether the user must change the password first, and a renewed token when the session slid.
 */
public record Principal(SessionClaims session, boolean viaCookie, boolean mustChangePassword,
    Optional<IssuedSession> renewed) {

  public String user() {
    return session.user();
  }
}
