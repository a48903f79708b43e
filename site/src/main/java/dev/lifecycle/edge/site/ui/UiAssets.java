package dev.lifecycle.edge.site.ui;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Local UI's static files, read from the jar once and served under {@value #PREFIX} by names that carry the
 * first hex digits of their SHA-256 ({@code site-ui.3f9a1c2b.css}): a changed file gets a new name, so every file
 * can be cached for a year. htmx comes from its webjar; the CSS and JS are ours.
 */
public final class UiAssets {

  public static final String PREFIX = "/ui/assets/";
  static final String HTMX_VERSION = "2.0.10";
  private static final String HTMX = "/META-INF/resources/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js";
  private static final String OURS = "/dev/lifecycle/edge/site/ui/assets/";
  static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

  /** One file: the name pages link to, its type and its bytes. */
  record Asset(String name, String contentType, Buffer bytes) {
  }

  private final Asset htmx;
  private final Asset css;
  private final Asset js;
  private final Map<String, Asset> byName = new LinkedHashMap<>();

  private UiAssets(Asset htmx, Asset css, Asset js) {
    this.htmx = htmx;
    this.css = css;
    this.js = js;
    for (Asset asset : new Asset[] {htmx, css, js}) {
      byName.put(asset.name(), asset);
    }
  }

  /** Reads the files from the class path; a missing one is a broken build, said at start rather than on a page. */
  public static UiAssets load() {
    return new UiAssets(asset(HTMX, "htmx-" + HTMX_VERSION, "js", "text/javascript; charset=utf-8"),
        asset(OURS + "site-ui.css", "site-ui", "css", "text/css; charset=utf-8"),
        asset(OURS + "site-ui.js", "site-ui", "js", "text/javascript; charset=utf-8"));
  }

  /** The URL of htmx. */
  public String htmx() {
    return PREFIX + htmx.name();
  }

  /** The URL of the style sheet. */
  public String css() {
    return PREFIX + css.name();
  }

  /** The URL of our script (the unreachable banner, the countdowns). */
  public String js() {
    return PREFIX + js.name();
  }

  Optional<Asset> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Serves {@code GET /ui/assets/NAME}: the file, or a 404 for a name it does not have. */
  void serve(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    Optional<Asset> asset = find(path.substring(Math.min(path.length(), PREFIX.length())));
    if (asset.isEmpty()) {
      ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("Cache-Control", "no-store").end("no such file\n");
      return;
    }
    ctx.response().putHeader("Content-Type", asset.get().contentType())
        .putHeader("Cache-Control", CACHE_FOREVER).end(asset.get().bytes());
  }

  private static Asset asset(String resource, String stem, String extension, String contentType) {
    try (InputStream in = UiAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the Local UI file " + resource + " is missing from the jar");
      }
      byte[] bytes = in.readAllBytes();
      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
      return new Asset(stem + "." + digest + "." + extension, contentType, Buffer.buffer(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
