package dev.lifecycle.edge.site.api;

import dev.lifecycle.edge.site.audit.Audit;
import dev.lifecycle.edge.site.audit.AuditLog;
import dev.lifecycle.edge.site.audit.AuditRoutes;
import dev.lifecycle.edge.site.audit.AuditTrail;
import dev.lifecycle.edge.site.auth.AuthRoutes;
import dev.lifecycle.edge.site.auth.AuthService;
import dev.lifecycle.edge.site.links.LinkRoutes;
import dev.lifecycle.edge.site.links.LinkTokens;
import dev.lifecycle.edge.site.links.SiteHosts;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The site API's skeleton under {@value #PREFIX}: for every route of the prefix, in this order, the audit trail of
 * changes, the path guard ({@code ..}, encoded slashes, control characters refused), the session gate (with CSRF and
 * the initial password rule), then the routes; every error as {@code {"error", "message"}}; the OpenAPI document at
 * {@value #PREFIX}/openapi.json. Other site packages mount their routes on the same router after {@link #mount}: the
 * gate and the audit trail cover them too.
 */
public final class SiteApi {

  public static final String PREFIX = "/api/site/v1";
  public static final String OPENAPI_RESOURCE = "/dev/lifecycle/edge/site/api/openapi.json";
  /** Raw path pieces a client has no reason to send: dot segments, encoded slashes, backslashes, dots and NULs. */
  private static final Pattern SUSPICIOUS = Pattern.compile("(^|/)\\.\\.?(/|$)|%2f|%5c|%2e|%00|\\\\",
      Pattern.CASE_INSENSITIVE);
  private static final int MAX_PATH = 1024;

  /** Bounds on request bodies: the most bytes a JSON body may have, and how long it may take to arrive. */
  public record Limits(long jsonBodyBytes, Duration bodyTimeout) {
    public static final Limits DEFAULT = new Limits(64 * 1024, Duration.ofSeconds(10));
  }

  private final AuthService auth;
  private final AuditLog audit;
  private final LinkTokens links;
  private final SiteHosts hosts;
  private final Limits limits;

  public SiteApi(AuthService auth, AuditLog audit, LinkTokens links, SiteHosts hosts, Limits limits) {
    this.auth = auth;
    this.audit = audit;
    this.links = links;
    this.hosts = hosts;
    this.limits = limits;
  }

  /**
   * The site API of a site controller with the production settings: {@code DIR/auth} (BCrypt cost 12, the initial
   * admin password made on the first start), {@code DIR/audit}, link tokens and hosts in {@code namespace}.
   *
   * @param controller the controller's HTTPS URL, as hosts reach it (goes into link tokens)
   * @param fingerprint {@code sha256:} and the hex SHA-256 of the controller's certificate (goes into link tokens)
   * @param gateway whether the gateway hosts link through accepts a token yet: a link is answered once it does
   * @param heard when the gateway last heard each host
   */
  public static SiteApi open(Path dataDir, KubernetesClient client, String namespace, String site, URI controller,
      String fingerprint, LinkTokens.TokenAcceptance gateway, SiteHosts.Heard heard) {
    Clock clock = Clock.systemUTC();
    return new SiteApi(AuthService.open(dataDir), new AuditLog(dataDir, clock),
        new LinkTokens(client, namespace, site, controller, fingerprint, clock, gateway,
            LinkTokens.ACCEPTANCE_WAIT), new SiteHosts(client, namespace, clock, heard),
        Limits.DEFAULT);
  }

  /** The audit log, for the other site packages to record their changes to. */
  public Audit audit() {
    return audit;
  }

  /** The audit log itself, for the Local UI to record to and page through as the site API does. */
  public AuditLog auditLog() {
    return audit;
  }

  /** Logins, sessions and passwords: the Local UI's too. */
  public AuthService auth() {
    return auth;
  }

  public SiteHosts hosts() {
    return hosts;
  }

  public LinkTokens links() {
    return links;
  }

  public void mount(Router router) {
    JsonBody body = new JsonBody(limits.jsonBodyBytes(), limits.bodyTimeout());
    AuthRoutes authRoutes = new AuthRoutes(auth, PREFIX, body);
    router.route(PREFIX + "/*").handler(new AuditTrail(audit)).failureHandler(ApiErrors::handle);
    router.route(PREFIX + "/*").handler(SiteApi::guardPath);
    router.route(PREFIX + "/*").handler(authRoutes::gate);
    Buffer openApi = openApiDocument();
    router.get(PREFIX + "/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end(openApi));
    authRoutes.mount(router);
    AuditRoutes.mount(router, PREFIX, audit);
    new LinkRoutes(PREFIX, links, hosts, body).mount(router);
    // Unknown resources and wrong methods of the prefix get JSON too; elsewhere the status alone.
    router.errorHandler(404, ctx -> statusAnswer(ctx, 404));
    router.errorHandler(405, ctx -> statusAnswer(ctx, 405));
  }

  private static void statusAnswer(RoutingContext ctx, int status) {
    if (ctx.request().path() != null && ctx.request().path().startsWith(PREFIX)) {
      ApiErrors.answer(ctx, ApiErrors.fromStatus(status));
    } else if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).end();
    }
  }

  private static void guardPath(RoutingContext ctx) {
    String raw = ctx.request().path();
    if (raw.length() > MAX_PATH) {
      throw ApiProblem.badRequest("the path is longer than " + MAX_PATH + " characters");
    }
    if (SUSPICIOUS.matcher(raw).find() || raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new ApiProblem(400, "BadPath", "the path holds '..', '.', an encoded slash, dot or backslash, or a "
          + "control character; site API paths have none");
    }
    ctx.next();
  }

  static Buffer openApiDocument() {
    try (InputStream in = SiteApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI document " + OPENAPI_RESOURCE + " is missing from the jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
