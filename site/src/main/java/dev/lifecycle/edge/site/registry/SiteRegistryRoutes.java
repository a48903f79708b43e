package dev.lifecycle.edge.site.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifecycle.edge.bundle.Descriptor;
import dev.lifecycle.edge.site.content.BundleRecord;
import dev.lifecycle.edge.site.content.ContentStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site registry's routes under {@code /v2/}: the read side of the OCI distribution API over a content store.
 * GET and HEAD of the version check, the catalog, tags lists, manifests by tag or digest (served with their own media
 * type and digest, never converted) and blobs (with single byte ranges); every write is refused with 405 UNSUPPORTED.
 * Errors are the spec's JSON, {@code {"errors":[{"code":..,"message":..}]}}.
 */
public final class SiteRegistryRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SiteRegistryRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_VERSION = "Docker-Distribution-API-Version";
  private static final String CONTENT_DIGEST = "Docker-Content-Digest";
  /** The distribution registry's own limit for a manifest. */
  private static final int MAX_MANIFEST_BYTES = 4 << 20;

  private final ContentStore store;
  private final AtomicReference<Snapshot> catalog = new AtomicReference<>();

  /** The catalog computed from one list of bundles (the store replaces its list on every change). */
  private record Snapshot(List<BundleRecord> bundles, RegistryCatalog catalog) {
  }

  private SiteRegistryRoutes(ContentStore store) {
    this.store = store;
  }

  /**
   * Mounts the registry on the router, served from the store: every request whose raw path is {@code /v2} or under
   * {@code /v2/}. It matches the raw path rather than a route pattern because the router matches normalised paths,
   * where {@code /v2/a/%2e%2e/%2e%2e/x} would no longer look like a registry request to refuse. Mount it before any
   * catch-all route (a static handler for {@code /}), which would otherwise answer {@code /v2/} itself.
   */
  public static void mount(Router router, ContentStore store) {
    SiteRegistryRoutes routes = new SiteRegistryRoutes(store);
    router.route().handler(ctx -> {
      String raw = ctx.request().path();
      if (raw == null || !(raw.equals("/v2") || raw.startsWith("/v2/"))) {
        ctx.next();
        return;
      }
      // reads files: off the event loop, unordered so that parallel pulls run in parallel
      ctx.vertx().executeBlocking(() -> {
        routes.handle(ctx);
        return null;
      }, false).onFailure(ctx::fail);
    });
  }

  private void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.putHeader(API_VERSION, "registry/2.0");
    HttpMethod method = ctx.request().method();
    boolean head = method.equals(HttpMethod.HEAD);
    if (!head && !method.equals(HttpMethod.GET)) {
      error(ctx, 405, "UNSUPPORTED", "the site registry is read-only: " + method + " is not served (content arrives "
          + "in signed bundles through the site API)");
      return;
    }
    try {
      DistributionRequest request = DistributionRequest.parse(ctx.request().path());
      if (request instanceof DistributionRequest.Base) {
        json(ctx, 200, JSON.createObjectNode(), head);
      } else if (request instanceof DistributionRequest.Catalog) {
        catalog(ctx, head);
      } else if (request instanceof DistributionRequest.Tags tags) {
        tags(ctx, tags.name(), head);
      } else if (request instanceof DistributionRequest.Manifest manifest) {
        manifest(ctx, manifest, head);
      } else if (request instanceof DistributionRequest.Blob blob) {
        blob(ctx, blob, head);
      } else {
        DistributionRequest.Refused refused = (DistributionRequest.Refused) request;
        error(ctx, refused.status(), refused.code(), refused.message());
      }
    } catch (RuntimeException e) {
      LOG.warn("site registry: {} {} failed", method, ctx.request().path(), e);
      error(ctx, 500, "UNKNOWN", "the site registry could not read its content store; its log says why");
    }
  }

  private RegistryCatalog catalog() {
    List<BundleRecord> bundles = store.bundles();
    Snapshot current = catalog.get();
    if (current == null || current.bundles() != bundles) {
      current = new Snapshot(bundles, RegistryCatalog.of(bundles, this::readManifest));
      catalog.set(current);
    }
    return current.catalog();
  }

  private Optional<byte[]> readManifest(String digest) {
    Optional<Path> file = store.blob(digest);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file.get())) {
      byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
      return bytes.length > MAX_MANIFEST_BYTES ? Optional.empty() : Optional.of(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void catalog(RoutingContext ctx, boolean head) {
    Pagination.Page page;
    try {
      page = Pagination.page(catalog().repositories(), ctx.request().getParam("n"), ctx.request().getParam("last"));
    } catch (IllegalArgumentException e) {
      error(ctx, 400, "PAGINATION_NUMBER_INVALID", e.getMessage());
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode repositories = body.putArray("repositories");
    page.items().forEach(repositories::add);
    link(ctx, "/v2/_catalog", page);
    json(ctx, 200, body, head);
  }

  private void tags(RoutingContext ctx, String name, boolean head) {
    RegistryCatalog current = catalog();
    if (!current.hasRepository(name)) {
      error(ctx, 404, "NAME_UNKNOWN", "the site registry has no repository " + name);
      return;
    }
    Pagination.Page page;
    try {
      page = Pagination.page(current.tags(name), ctx.request().getParam("n"), ctx.request().getParam("last"));
    } catch (IllegalArgumentException e) {
      error(ctx, 400, "PAGINATION_NUMBER_INVALID", e.getMessage());
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("name", name);
    ArrayNode tags = body.putArray("tags");
    page.items().forEach(tags::add);
    link(ctx, "/v2/" + name + "/tags/list", page);
    json(ctx, 200, body, head);
  }

  private void manifest(RoutingContext ctx, DistributionRequest.Manifest request, boolean head) {
    RegistryCatalog current = catalog();
    if (!current.hasRepository(request.name())) {
      error(ctx, 404, "NAME_UNKNOWN", "the site registry has no repository " + request.name());
      return;
    }
    String digest;
    String mediaType;
    if (request.tag() != null) {
      Optional<Descriptor> tagged = current.tag(request.name(), request.tag());
      if (tagged.isEmpty()) {
        error(ctx, 404, "MANIFEST_UNKNOWN", "no tag " + request.tag() + " in " + request.name() + " (its tags: "
            + String.join(", ", current.tags(request.name())) + ")");
        return;
      }
      digest = tagged.get().digest();
      mediaType = tagged.get().mediaType();
    } else {
      digest = request.digest();
      Optional<String> type = current.manifestType(request.name(), digest);
      if (type.isEmpty()) {
        error(ctx, 404, "MANIFEST_UNKNOWN", "no manifest " + digest + " in " + request.name());
        return;
      }
      mediaType = type.get();
    }
    Optional<Path> file = store.blob(digest);
    if (file.isEmpty()) {
      error(ctx, 404, "MANIFEST_UNKNOWN", "the manifest " + digest + " of " + request.name() + " is not on this site "
          + "(a platform its bundle left out)");
      return;
    }
    List<String> accept = ctx.request().headers().getAll("Accept");
    if (!AcceptHeader.accepts(accept, mediaType)) {
      error(ctx, 404, "MANIFEST_UNKNOWN", "the manifest " + digest + " of " + request.name() + " is " + mediaType
          + ", which the request's Accept header does not accept (" + String.join(", ", accept) + ")");
      return;
    }
    byte[] bytes = readManifest(digest).orElseThrow(() -> new IllegalStateException("manifest " + digest
        + " is larger than " + MAX_MANIFEST_BYTES + " bytes"));
    HttpServerResponse response = ctx.response()
        .putHeader("Content-Type", mediaType)
        .putHeader(CONTENT_DIGEST, digest)
        .putHeader("ETag", "\"" + digest + "\"")
        .putHeader("Content-Length", String.valueOf(bytes.length));
    if (head) {
      response.end();
    } else {
      response.end(io.vertx.core.buffer.Buffer.buffer(bytes));
    }
  }

  private void blob(RoutingContext ctx, DistributionRequest.Blob request, boolean head) {
    RegistryCatalog current = catalog();
    if (!current.hasRepository(request.name())) {
      error(ctx, 404, "NAME_UNKNOWN", "the site registry has no repository " + request.name());
      return;
    }
    Optional<Path> file = current.reaches(request.name(), request.digest()) ? store.blob(request.digest())
        : Optional.empty();
    if (file.isEmpty()) {
      error(ctx, 404, "BLOB_UNKNOWN", "no blob " + request.digest() + " in " + request.name());
      return;
    }
    long size;
    try {
      size = Files.size(file.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpServerResponse response = ctx.response()
        .putHeader("Content-Type", "application/octet-stream")
        .putHeader(CONTENT_DIGEST, request.digest())
        .putHeader("ETag", "\"" + request.digest() + "\"")
        .putHeader("Accept-Ranges", "bytes");
    ByteRange range = head ? new ByteRange.Whole() : ByteRange.of(ctx.request().getHeader("Range"), size);
    if (range instanceof ByteRange.Part part) {
      response.setStatusCode(206)
          .putHeader("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size)
          .sendFile(file.get().toString(), part.first(), part.length());
    } else if (range instanceof ByteRange.Unsatisfiable bad) {
      response.putHeader("Content-Range", "bytes */" + size);
      error(ctx, 416, "BLOB_UNKNOWN", bad.message());
    } else {
      response.putHeader("Content-Length", String.valueOf(size));
      if (head) {
        response.end();
      } else {
        response.sendFile(file.get().toString());
      }
    }
  }

  private static void link(RoutingContext ctx, String path, Pagination.Page page) {
    if (page.next() != null) {
      String n = ctx.request().getParam("n");
      ctx.response().putHeader("Link", "<" + path + "?" + (n != null ? "n=" + n + "&" : "") + "last="
          + URLEncoder.encode(page.next(), StandardCharsets.UTF_8) + ">; rel=\"next\"");
    }
  }

  private static void json(RoutingContext ctx, int status, ObjectNode body, boolean head) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpServerResponse response = ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Content-Length", String.valueOf(bytes.length));
    if (head) {
      response.end();
    } else {
      response.end(io.vertx.core.buffer.Buffer.buffer(bytes));
    }
  }

  /** The distribution spec's error body; a HEAD answer carries the status only. */
  private static void error(RoutingContext ctx, int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("errors").addObject().put("code", code).put("message", message);
    json(ctx, status, body, ctx.request().method().equals(HttpMethod.HEAD));
  }
}
