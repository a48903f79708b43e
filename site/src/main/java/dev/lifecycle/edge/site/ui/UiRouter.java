package dev.lifecycle.edge.site.ui;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * How a page group adds its routes to the Local UI, each with the same chain: the {@link SecurityHeaders}; for a
 * change, the form body (at most {@link #FORM_BYTES}) and the site's audit trail; the session gate (a page: a
 * session; a change: a session and its CSRF token); then the handler, on a worker thread (services read files and
 * the store); a failure becomes a page ({@link UiErrors}).
 *
 * <p>A handler names a change for the audit log with {@code SiteRequest.describe(ctx, "host.reset", "host/h1")}
 * before it acts, and answers with {@link Pages#send} or a 303 ({@link #redirect}).
 */
public final class UiRouter {

  /** The largest urlencoded form a UI change takes (uploads have their own routes). */
  public static final long FORM_BYTES = 64 * 1024;

  /** A route handler that may throw a service's refusal ({@code RequestRefused}, {@code ApiProblem}). */
  @FunctionalInterface
  public interface UiHandler {
    void handle(RoutingContext ctx) throws Exception;
  }

  private final Router router;
  private final UiSession session;
  private final Handler<RoutingContext> auditTrail;
  private final UiErrors errors;
  private final Pages pages;
  private final BodyHandler forms = BodyHandler.create(false).setBodyLimit(FORM_BYTES);

  UiRouter(Router router, UiSession session, Handler<RoutingContext> auditTrail, Pages pages) {
    this.router = router;
    this.session = session;
    this.auditTrail = auditTrail;
    this.errors = new UiErrors(pages);
    this.pages = pages;
  }

  public Pages pages() {
    return pages;
  }

  /** A page or fragment behind the session: {@code GET path}. */
  public void page(String path, UiHandler handler) {
    chain(HttpMethod.GET, path, false, false, session::page, handler);
  }

  /** A change behind the session and its CSRF token, audited: {@code POST path}. */
  public void change(String path, UiHandler handler) {
    chain(HttpMethod.POST, path, true, true, session::change, handler);
  }

  /**
   * A step of a form over several pages ({@code POST path}), behind the session and its CSRF token like a change,
   * but not audited: it changes nothing (the values it carries may be secret, so they go in a body, not a URL).
   */
  public void step(String path, UiHandler handler) {
    chain(HttpMethod.POST, path, true, false, session::change, handler);
  }

  /**
   * A change that streams its own body (a multipart upload), audited: the request is paused, the session checked
   * (not its CSRF token: the handler reads it from the body, {@link UiSession#requireCsrf}), then {@code handler}
   * runs on the event loop, where it sets the body's handlers and resumes the request.
   */
  public void upload(String path, Handler<RoutingContext> handler) {
    Route route = router.route(HttpMethod.POST, path);
    route.handler(SecurityHeaders.INSTANCE);
    route.handler(ctx -> {
      // still on the event loop's tick the request came in: no byte of the body was handled yet
      ctx.request().pause();
      ctx.next();
    });
    route.handler(auditTrail);
    route.blockingHandler(session::streamingChange, false);
    route.handler(handler);
    route.failureHandler(errors::handle);
  }

  /** The session of this Local UI (for a handler that checks the CSRF token itself). */
  public UiSession session() {
    return session;
  }

  /** A page anyone may see (the login page). */
  void publicPage(String path, UiHandler handler) {
    chain(HttpMethod.GET, path, false, false, null, handler);
  }

  /** A change anyone may ask (logging in), audited. */
  void publicChange(String path, UiHandler handler) {
    chain(HttpMethod.POST, path, true, true, null, handler);
  }

  /** A 303 to a page of this site (after a change: the browser then GETs it). */
  public static void redirect(RoutingContext ctx, String location) {
    UiSession.redirect(ctx, location);
  }

  private void chain(HttpMethod method, String path, boolean form, boolean audited, Handler<RoutingContext> gate,
      UiHandler handler) {
    Route route = router.route(method, path);
    route.handler(SecurityHeaders.INSTANCE);
    if (form) {
      route.handler(forms);
    }
    if (audited) {
      route.handler(auditTrail);
    }
    if (gate != null) {
      route.blockingHandler(gate, false);
    }
    route.blockingHandler(ctx -> {
      try {
        handler.handle(ctx);
      } catch (Exception e) {
        ctx.fail(e);
      }
    }, false);
    route.failureHandler(errors::handle);
  }
}
