package dev.lifecycle.edge.site.server;

/** The prefixes the site controller's one port serves, each by its own part. */
public final class SitePaths {

  /** The edge gateway agents talk to ({@code docs/gateway-api.md}). */
  public static final String GATEWAY = "/v1";
  /** The site API, REST and JSON; its OpenAPI document at {@code /api/site/v1/openapi.json}. */
  public static final String API = "/api/site/v1";
  /** The site registry, the read side of the OCI distribution API. */
  public static final String REGISTRY = "/v2";
  /** The Local UI, the web pages over the site API. */
  public static final String UI = "/";
  public static final String HEALTHZ = "/healthz";
  public static final String READYZ = "/readyz";
  public static final String METRICS = "/metrics";

  private SitePaths() {
  }

  /** Whether the gateway serves this request path (as the request line has it: the gateway matches it exactly). */
  public static boolean gateway(String path) {
    return path != null && (path.equals(GATEWAY) || path.startsWith(GATEWAY + "/"));
  }
}
