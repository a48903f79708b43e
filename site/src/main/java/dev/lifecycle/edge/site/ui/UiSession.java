package dev.lifecycle.edge.site.ui;

import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.SiteRequest;
import dev.lifecycle.edge.site.auth.AuthRoutes;
import dev.lifecycle.edge.site.auth.AuthService;
import dev.lifecycle.edge.site.auth.Principal;
import dev.lifecycle.edge.site.auth.SessionCookie;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The Local UI's session: the site API's cookie, checked by the same {@link AuthService} (expiry, logout, password
 * change, renewal), with the same CSRF token, taken from the header htmx sends ({@value #CSRF_HEADER}) or from the
 * hidden form field {@value #CSRF_FIELD}. Without a session, a page is a 303 to the login page; an htmx request gets
 * a 401 that tells htmx to go there ({@code HX-Redirect}). While the initial password must be changed, only the
 * password page and logout are open.
 */
public final class UiSession {

  public static final String CSRF_HEADER = AuthRoutes.CSRF_HEADER;
  public static final String CSRF_FIELD = "csrf";
  static final String PASSWORD_PAGE = "/password";
  static final String LOGIN_PAGE = "/login";
  private static final Set<String> OPEN_WHILE_PASSWORD_MUST_CHANGE = Set.of(PASSWORD_PAGE, "/logout");
  private static final String CSRF_KEY = "ui.csrf";

  private final AuthService auth;

  public UiSession(AuthService auth) {
    this.auth = auth;
  }

  /** The logged-in principal of a request the gate let through. */
  public static Principal principal(RoutingContext ctx) {
    return AuthRoutes.principal(ctx);
  }

  /** The session's CSRF token, or null when nobody is logged in. */
  public static String csrf(RoutingContext ctx) {
    return ctx.get(CSRF_KEY);
  }

  /**
   * The request's session, when its cookie holds a good one (renewed on the answer when due); empty otherwise. Puts
   * the principal and the CSRF token on the request.
   */
  public Optional<Principal> resolve(RoutingContext ctx) {
    Optional<String> token = SessionCookie.token(ctx.request());
    if (token.isEmpty()) {
      return Optional.empty();
    }
    Principal principal;
    try {
      principal = auth.authenticate(token.get(), true);
    } catch (ApiProblem expiredOrForged) {
      ctx.response().addCookie(SessionCookie.ended());
      return Optional.empty();
    }
    ctx.put(AuthRoutes.PRINCIPAL, principal);
    ctx.put(SiteRequest.ACTOR, principal.user());
    ctx.put(CSRF_KEY, auth.csrfToken(principal));
    principal.renewed().ifPresent(renewed -> ctx.response().addCookie(SessionCookie.of(renewed)));
    return Optional.of(principal);
  }

  /** The gate of a page (GET): a session, and the password changed unless this is the password page. */
  void page(RoutingContext ctx) {
    Optional<Principal> principal = resolve(ctx);
    if (principal.isEmpty()) {
      toLogin(ctx, ctx.request().uri());
      return;
    }
    if (principal.get().mustChangePassword() && !OPEN_WHILE_PASSWORD_MUST_CHANGE.contains(ctx.normalizedPath())) {
      if (fromHtmx(ctx)) {
        htmxGo(ctx, PASSWORD_PAGE);
      } else {
        redirect(ctx, PASSWORD_PAGE);
      }
      return;
    }
    ctx.next();
  }

  /** The gate of a change (POST, DELETE): a session, its CSRF token, and the password changed unless this changes it. */
  void change(RoutingContext ctx) {
    Optional<Principal> principal = resolve(ctx);
    if (principal.isEmpty()) {
      toLogin(ctx, NextPath.HOME);
      return;
    }
    String presented = ctx.request().getHeader(CSRF_HEADER);
    if (presented == null || presented.isEmpty()) {
      presented = ctx.request().getFormAttribute(CSRF_FIELD);
    }
    requireCsrf(principal.get(), presented);
    if (principal.get().mustChangePassword() && !OPEN_WHILE_PASSWORD_MUST_CHANGE.contains(ctx.normalizedPath())) {
      throw ApiProblem.forbidden("PasswordChangeRequired", "change the initial password first");
    }
    ctx.next();
  }

  /**
   * Refuses (403, in words) a change whose CSRF token is missing or another session's: for a handler that reads the
   * token itself, such as an upload's from the form field before its file.
   */
  public void requireCsrf(RoutingContext ctx, String presented) {
    requireCsrf(principal(ctx), presented);
  }

  private void requireCsrf(Principal principal, String presented) {
    switch (auth.checkCsrf(principal, presented)) {
      case MISSING -> throw ApiProblem.forbidden(AuthService.Csrf.MISSING.code(), "this change came without the "
          + "page's security token, so it was refused and nothing was changed; reload the page and try again");
      case WRONG -> throw ApiProblem.forbidden(AuthService.Csrf.WRONG.code(), "this change came with a security "
          + "token of another session, so it was refused and nothing was changed; reload the page and try again");
      case MATCHES -> {
      }
    }
  }

  /**
   * The gate of a change that streams its body (an upload): a session and the password changed; its CSRF token is
   * checked by the handler ({@link #requireCsrf(RoutingContext, String)}), since it comes inside the body.
   */
  void streamingChange(RoutingContext ctx) {
    Optional<Principal> principal = resolve(ctx);
    if (principal.isEmpty()) {
      toLogin(ctx, NextPath.HOME);
      return;
    }
    if (principal.get().mustChangePassword()) {
      throw ApiProblem.forbidden("PasswordChangeRequired", "change the initial password first");
    }
    ctx.next();
  }

  /** The login page's URL that comes back to {@code next} (a local path) after logging in. */
  static String loginFor(String next) {
    String safe = NextPath.of(next);
    return safe.equals(NextPath.HOME) ? LOGIN_PAGE
        : LOGIN_PAGE + "?next=" + URLEncoder.encode(safe, StandardCharsets.UTF_8);
  }

  private static void toLogin(RoutingContext ctx, String next) {
    if (fromHtmx(ctx)) {
      String htmxFrom = ctx.request().getHeader("HX-Current-URL");
      htmxGo(ctx, loginFor(htmxFrom == null ? NextPath.HOME : pathOf(htmxFrom)));
      return;
    }
    redirect(ctx, loginFor(next));
  }

  private static boolean fromHtmx(RoutingContext ctx) {
    return "true".equals(ctx.request().getHeader("HX-Request"));
  }

  /**
   * Sends the whole browser window to a page: an htmx request would follow a 303 itself and swap the page it leads
   * to into a fragment, so htmx is told to go there ({@code HX-Redirect}) instead.
   */
  private static void htmxGo(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(401).putHeader("HX-Redirect", location).putHeader("Cache-Control", "no-store").end();
  }

  private static String pathOf(String url) {
    try {
      java.net.URI uri = java.net.URI.create(url);
      return uri.getRawPath() == null ? NextPath.HOME
          : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    } catch (IllegalArgumentException e) {
      return NextPath.HOME;
    }
  }

  /** A 303 to a page of this site. */
  static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }
}
