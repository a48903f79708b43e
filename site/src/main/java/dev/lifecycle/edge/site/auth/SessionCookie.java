package dev.lifecycle.edge.site.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * The site's session cookie, one for the site API and the Local UI: {@code Secure}, {@code HttpOnly},
 * {@code SameSite=Strict}, for the whole site, living as long as the session token it holds.
 */
public final class SessionCookie {

  public static final String NAME = "edge_site_session";

  private SessionCookie() {
  }

  /** The session token a request's cookie holds, if any. */
  public static Optional<String> token(HttpServerRequest request) {
    Cookie cookie = request.getCookie(NAME);
    return cookie == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
  }

  /** The cookie that carries a session. */
  public static Cookie of(String token, SessionClaims claims) {
    return base(token).setMaxAge(Math.max(1, Duration.between(claims.issuedAt(), claims.expiresAt()).toSeconds()));
  }

  /** The cookie that carries a session just issued or renewed. */
  public static Cookie of(IssuedSession session) {
    return of(session.token(), session.claims());
  }

  /** The cookie that makes the browser forget the session (logout). */
  public static Cookie ended() {
    return base("").setMaxAge(0);
  }

  private static Cookie base(String value) {
    return Cookie.cookie(NAME, value).setPath("/").setSecure(true).setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT);
  }
}
