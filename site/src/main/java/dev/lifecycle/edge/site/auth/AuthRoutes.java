package dev.lifecycle.edge.site.auth;

import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.JsonBody;
import dev.lifecycle.edge.site.api.SiteRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The session routes ({@code POST|GET|DELETE /session}, {@code POST /password}) and the gate every other site API
 * route is behind: a session from the cookie {@value #COOKIE} or an {@code Authorization: Bearer} header; with the
 * cookie, a state change needs the session's CSRF token in {@value #CSRF_HEADER}; while the password must be
 * changed, only the session routes and the password change are open.
 */
public final class AuthRoutes {

  public static final String COOKIE = "edge_site_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  /** A renewed session's token, for Bearer clients (cookie clients get a new cookie). */
  public static final String RENEWED_HEADER = "X-Session-Token";
  public static final String PRINCIPAL = "site.principal";

  private final AuthService auth;
  private final String prefix;
  private final JsonBody body;

  public AuthRoutes(AuthService auth, String prefix, JsonBody body) {
    this.auth = auth;
    this.prefix = prefix;
    this.body = body;
  }

  /** The principal of an authenticated request. */
  public static Principal principal(RoutingContext ctx) {
    Principal principal = ctx.get(PRINCIPAL);
    if (principal == null) {
      throw new IllegalStateException("no session was checked for this route");
    }
    return principal;
  }

  public void mount(Router router) {
    router.post(prefix + "/session").handler(body).blockingHandler(this::login, false);
    router.get(prefix + "/session").handler(this::current);
    router.delete(prefix + "/session").handler(body.optional()).blockingHandler(this::logout, false);
    router.post(prefix + "/password").handler(body).blockingHandler(this::changePassword, false);
  }

  /** Whether a route is open without a session. */
  public boolean isPublic(HttpMethod method, String path) {
    return (HttpMethod.POST.equals(method) && path.equals(prefix + "/session"))
        || (HttpMethod.GET.equals(method) && path.equals(prefix + "/openapi.json"));
  }

  /** The gate: runs before every route of the prefix. */
  public void gate(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    String path = ctx.normalizedPath();
    if (isPublic(method, path)) {
      ctx.next();
      return;
    }
    String authorization = ctx.request().getHeader("Authorization");
    String token;
    boolean viaCookie;
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw ApiProblem.unauthorized("NotLoggedIn", "the Authorization header must be 'Bearer' and a session "
            + "token from POST " + prefix + "/session");
      }
      token = authorization.substring(7).strip();
      viaCookie = false;
    } else {
      Cookie cookie = ctx.request().getCookie(COOKIE);
      if (cookie == null || cookie.getValue().isEmpty()) {
        throw ApiProblem.unauthorized("NotLoggedIn", "log in first: POST " + prefix + "/session");
      }
      token = cookie.getValue();
      viaCookie = true;
    }
    Principal principal = auth.authenticate(token, viaCookie);
    ctx.put(PRINCIPAL, principal);
    ctx.put(SiteRequest.ACTOR, principal.user());
    if (viaCookie && SiteRequest.changes(method)) {
      String csrf = ctx.request().getHeader(CSRF_HEADER);
      if (csrf == null || csrf.isEmpty()) {
        throw ApiProblem.forbidden("CsrfTokenMissing", "a change made with the session cookie needs the header "
            + CSRF_HEADER + " (its value is csrfToken in the answer of GET " + prefix + "/session)");
      }
      if (!auth.tokens().csrfMatches(principal.session().sid(), csrf)) {
        throw ApiProblem.forbidden("CsrfTokenInvalid", "the " + CSRF_HEADER + " header does not match this "
            + "session (its value is csrfToken in the answer of GET " + prefix + "/session)");
      }
    }
    if (principal.mustChangePassword() && !passwordChangeRoute(method, path)) {
      throw ApiProblem.forbidden("PasswordChangeRequired", "change the initial password first: POST " + prefix
          + "/password with oldPassword and newPassword");
    }
    principal.renewed().ifPresent(renewed -> {
      if (viaCookie) {
        ctx.response().addCookie(cookie(renewed.token(), renewed.claims()));
      } else {
        ctx.response().putHeader(RENEWED_HEADER, renewed.token());
      }
    });
    ctx.next();
  }

  private boolean passwordChangeRoute(HttpMethod method, String path) {
    return Set.of(prefix + "/session", prefix + "/password").contains(path)
        && (HttpMethod.GET.equals(method) || HttpMethod.DELETE.equals(method)
            || (HttpMethod.POST.equals(method) && path.equals(prefix + "/password")));
  }

  private void login(RoutingContext ctx) {
    SiteRequest.describe(ctx, "session.login", null);
    JsonObject request = JsonBody.of(ctx);
    String user = JsonBody.requiredString(request, "user", 64).toLowerCase(Locale.ROOT);
    String password = JsonBody.requiredString(request, "password", 1024);
    if (auth.isUser(user)) {
      ctx.put(SiteRequest.ACTOR, user);
      ctx.put(SiteRequest.TARGET, "user/" + user);
    }
    IssuedSession session = auth.login(user, password, SiteRequest.address(ctx));
    answer(ctx, session);
  }

  private void current(RoutingContext ctx) {
    Principal principal = principal(ctx);
    SessionClaims claims = principal.renewed().map(IssuedSession::claims).orElse(principal.session());
    SiteRequest.json(ctx, 200, new JsonObject().put("user", principal.user())
        .put("mustChangePassword", principal.mustChangePassword())
        .put("csrfToken", auth.csrfToken(principal))
        .put("expiresAt", claims.expiresAt().toString()));
  }

  private void logout(RoutingContext ctx) {
    Principal principal = principal(ctx);
    SiteRequest.describe(ctx, "session.logout", "user/" + principal.user());
    auth.logout(principal);
    Cookie gone = Cookie.cookie(COOKIE, "").setPath("/").setSecure(true).setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setMaxAge(0);
    ctx.response().addCookie(gone);
    ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
  }

  private void changePassword(RoutingContext ctx) {
    Principal principal = principal(ctx);
    SiteRequest.describe(ctx, "password.change", "user/" + principal.user());
    JsonObject request = JsonBody.of(ctx);
    String oldPassword = JsonBody.requiredString(request, "oldPassword", 1024);
    String newPassword = JsonBody.requiredString(request, "newPassword", 1024);
    IssuedSession session = auth.changePassword(principal, oldPassword, newPassword, SiteRequest.address(ctx));
    answer(ctx, session);
  }

  private void answer(RoutingContext ctx, IssuedSession session) {
    ctx.response().addCookie(cookie(session.token(), session.claims()));
    SiteRequest.json(ctx, 200, new JsonObject().put("user", session.claims().user())
        .put("mustChangePassword", session.mustChangePassword())
        .put("csrfToken", session.csrfToken())
        .put("expiresAt", session.claims().expiresAt().toString())
        .put("token", session.token()));
  }

  /** The session cookie: Secure, HttpOnly, SameSite=Strict, for the whole site, living as long as the token. */
  private static Cookie cookie(String token, SessionClaims claims) {
    return Cookie.cookie(COOKIE, token).setPath("/").setSecure(true).setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setMaxAge(Math.max(1, Duration.between(claims.issuedAt(), claims.expiresAt()).toSeconds()));
  }
}
