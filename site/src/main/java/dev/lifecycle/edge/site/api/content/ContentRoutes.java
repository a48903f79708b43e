package dev.lifecycle.edge.site.api.content;

import dev.lifecycle.edge.bundle.archive.Refusal;
import dev.lifecycle.edge.bundle.archive.RefusalReason;
import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.JsonBody;
import dev.lifecycle.edge.site.api.LingeringClose;
import dev.lifecycle.edge.site.api.SiteApi;
import dev.lifecycle.edge.site.api.SiteRequest;
import dev.lifecycle.edge.site.api.UploadRequest;
import dev.lifecycle.edge.site.audit.Audit;
import dev.lifecycle.edge.site.audit.AuditEntry;
import dev.lifecycle.edge.site.content.BundleRecord;
import dev.lifecycle.edge.site.content.ContentLimits;
import dev.lifecycle.edge.site.content.ContentRetention;
import dev.lifecycle.edge.site.content.ContentStore;
import dev.lifecycle.edge.site.content.DeleteOutcome;
import dev.lifecycle.edge.site.content.UploadOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site API's content bundles: upload ({@code POST /bundles}, the {@code .tar.zst} streamed to the content store on
 * a worker thread through a bounded {@link UploadPipe}, verified before anything is kept), list, show and delete
 * ({@code /bundles}, {@code /bundles/{id}}), the site's inventory ({@code GET /inventory}) and garbage collection
 * ({@code POST /content/gc}, and {@link #startPeriodicGc periodically}). Mount after {@link SiteApi#mount}: its path
 * guard, session gate and audit trail then cover these routes. In the site controller:
 *
 * <pre>
 * ContentRoutes content = new ContentRoutes(store, new SiteClusterRuns(client, namespace), siteApi.audit(),
 *     ContentRoutes.Limits.of(contentLimits), SiteApi.Limits.DEFAULT);
 * content.mount(router);
 * content.startPeriodicGc(vertx, ContentRoutes.GC_PERIOD);
 * </pre>
 */
public final class ContentRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ContentRoutes.class);
  private static final Pattern ID = Pattern.compile("sha256:[0-9a-f]{64}");
  /** Who the periodic garbage collection is audited as. */
  public static final String SYSTEM_ACTOR = "site-controller";
  /** How often the site controller collects garbage by itself ({@link #startPeriodicGc}). */
  public static final Duration GC_PERIOD = Duration.ofHours(1);

  /**
   * Bounds of uploads.
   *
   * @param maxUploadBytes the largest archive: a larger {@code Content-Length} is refused before reading, a larger
   *                       stream as soon as it passes
   * @param idleTimeout    how long an upload may send nothing before it is ended (408)
   * @param pipeBytes      how much of an upload waits in memory at most before the request is paused
   */
  public record Limits(long maxUploadBytes, Duration idleTimeout, int pipeBytes) {
    public static final Limits DEFAULT = new Limits(ContentLimits.defaults().maxUploadBytes(), Duration.ofSeconds(60),
        1 << 20);

    /** The content store's upload limit, the default idle timeout (60 s) and pipe (1 MiB). */
    public static Limits of(ContentLimits store) {
      return new Limits(store.maxUploadBytes(), DEFAULT.idleTimeout(), DEFAULT.pipeBytes());
    }

    public Limits {
      if (maxUploadBytes <= 0 || pipeBytes <= 0 || idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("upload limits must be positive");
      }
    }
  }

  private final String prefix = SiteApi.PREFIX;
  private final ContentStore store;
  private final Supplier<List<BundleUsage.ClusterRun>> clusters;
  private final Audit audit;
  private final Limits limits;
  private final JsonBody noBody;
  private final AtomicLong peakBuffered = new AtomicLong();

  /**
   * @param clusters what the site's clusters run ({@link SiteClusterRuns}); must fail rather than answer an empty
   *                 list when it cannot tell
   * @param apiLimits the site API's body bounds, for the routes that take no body
   */
  public ContentRoutes(ContentStore store, Supplier<List<BundleUsage.ClusterRun>> clusters, Audit audit,
      Limits limits, SiteApi.Limits apiLimits) {
    this.store = store;
    this.clusters = clusters;
    this.audit = audit;
    this.limits = limits;
    this.noBody = new JsonBody(apiLimits.jsonBodyBytes(), apiLimits.bodyTimeout()).optional();
  }

  public void mount(Router router) {
    router.post(prefix + "/bundles").handler(this::upload);
    router.get(prefix + "/bundles").blockingHandler(this::list, false);
    router.get(prefix + "/bundles/:id").blockingHandler(this::show, false);
    router.delete(prefix + "/bundles/:id").handler(noBody).blockingHandler(this::delete, false);
    router.get(prefix + "/inventory").blockingHandler(this::inventory, false);
    router.post(prefix + "/content/gc").handler(noBody).blockingHandler(this::collect, false);
  }

  /** The most bytes of one upload that waited in memory at once, over every upload so far. */
  public long peakBufferedBytes() {
    return peakBuffered.get();
  }

  // ---- upload ----

  private void upload(RoutingContext ctx) {
    SiteRequest.describe(ctx, "bundle.upload", null);
    HttpServerRequest request = ctx.request();
    UploadRequest.check(request, "bundle", limits.maxUploadBytes(), this::tooLarge);
    String name = request.getParam("name");
    if (name != null) {
      ctx.put(SiteRequest.TARGET, "bundle name '" + clip(name) + "'");
    }
    receive(ctx.vertx(), request, name).onComplete(done -> {
      if (done.succeeded()) {
        answerUpload(ctx, done.result());
      } else if (ctx.response().closed()) {
        // no answer can go out, so the audit trail would not see it: recorded here
        ApiProblem problem = done.cause() instanceof ApiProblem said ? said
            : new ApiProblem(500, "InternalError", "the bundle could not be kept; nothing was kept");
        audit.record(actorOf(ctx), SiteRequest.address(ctx), "bundle.upload", ctx.get(SiteRequest.TARGET),
            AuditEntry.REFUSED, problem.status() + " " + problem.code() + ": " + problem.getMessage());
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  /**
   * Streams one bundle archive from {@code body} into the content store through a bounded {@link UploadPipe} (this
   * route's {@link Limits}), verified before anything is kept; call on the body's event loop. The site API's upload
   * and the Local UI's form upload both come here. Fails with the {@link ApiProblem} the site API answers: 413 over
   * the bound, 408 idle, 400 a broken connection or a bad name, 422 a refused bundle (in words, nothing kept).
   */
  public Future<UploadOutcome.Stored> receive(Vertx vertx, ReadStream<Buffer> body, String name) {
    UploadPipe pipe = new UploadPipe(body, vertx, limits.pipeBytes(), limits.maxUploadBytes(),
        limits.idleTimeout());
    pipe.start();
    return vertx.<UploadOutcome>executeBlocking(() -> {
      try (pipe) {
        return store.upload(pipe, name);
      }
    }, false).transform(done -> {
      peakBuffered.accumulateAndGet(pipe.peakBufferedBytes(), Math::max);
      UploadPipe.Abort aborted = pipe.aborted();
      if (aborted == UploadPipe.Abort.TOO_LARGE) {
        return Future.failedFuture(tooLarge());
      } else if (aborted == UploadPipe.Abort.IDLE) {
        return Future.failedFuture(new ApiProblem(408, "RequestTimeout", "the upload sent nothing for "
            + limits.idleTimeout().toMillis() + " ms and was ended; nothing was kept"));
      } else if (aborted == UploadPipe.Abort.BROKEN) {
        return Future.failedFuture(ApiProblem.badRequest("the upload's connection broke before the bundle arrived; "
            + "nothing was kept"));
      } else if (done.failed()) {
        Throwable failure = done.cause();
        return Future.failedFuture(failure instanceof IllegalArgumentException bad
            ? ApiProblem.badRequest(bad.getMessage()) : failure);
      }
      if (done.result() instanceof UploadOutcome.Refused refused) {
        Refusal refusal = refused.refusal();
        return Future.failedFuture(refusal.reason() == RefusalReason.TOO_LARGE
            ? new ApiProblem(413, "PayloadTooLarge", refusal.message())
            : new ApiProblem(422, "BundleRefused", "the bundle was refused (" + refusal.reason() + "): "
                + refusal.message() + "; nothing was kept"));
      }
      return Future.succeededFuture((UploadOutcome.Stored) done.result());
    });
  }

  private void answerUpload(RoutingContext ctx, UploadOutcome.Stored stored) {
    ctx.put(SiteRequest.TARGET, "bundle/" + stored.bundle().id());
    if (!ctx.request().isEnded()) {
      // the archive ended before the request body did: read no further
      LingeringClose.afterAnswer(ctx);
    }
    SiteRequest.json(ctx, stored.alreadyPresent() ? 200 : 201,
        summary(stored.bundle()).put("alreadyPresent", stored.alreadyPresent()));
  }

  /** The largest bundle archive an upload may send. */
  public long maxUploadBytes() {
    return limits.maxUploadBytes();
  }

  private ApiProblem tooLarge() {
    return new ApiProblem(413, "PayloadTooLarge", "the bundle is larger than " + limits.maxUploadBytes()
        + " bytes, the most this site takes in one upload; nothing was kept");
  }

  // ---- list, show, delete, inventory ----

  private void list(RoutingContext ctx) {
    JsonArray items = new JsonArray();
    bundles().forEach(listed -> items.add(summary(listed.bundle()).put("usedBy", new JsonArray(listed.usedBy()))));
    SiteRequest.json(ctx, 200, new JsonObject().put("bundles", items));
  }

  /** A kept bundle and the clusters that use it (sorted; empty when none). */
  public record Listed(BundleRecord bundle, List<String> usedBy) {
  }

  /** The kept bundles with what uses each, as {@code GET /bundles} lists them. */
  public List<Listed> bundles() {
    List<BundleRecord> bundles = store.bundles();
    Map<String, List<String>> users = BundleUsage.usedBy(bundles, clusters.get());
    return bundles.stream().map(bundle -> new Listed(bundle, users.get(bundle.id()))).toList();
  }

  private void show(RoutingContext ctx) {
    BundleRecord bundle = store.bundle(id(ctx)).orElseThrow(() -> unknown(ctx.pathParam("id")));
    List<String> users = BundleUsage.usedBy(List.of(bundle), clusters.get()).get(bundle.id());
    JsonArray artifacts = new JsonArray();
    bundle.artifacts().forEach(artifact -> artifacts.add(new JsonObject()
        .put("kind", artifact.kind().name().toLowerCase(Locale.ROOT)).put("reference", artifact.reference())
        .put("digest", artifact.manifest().digest()).put("mediaType", artifact.manifest().mediaType())));
    SiteRequest.json(ctx, 200, summary(bundle).put("usedBy", new JsonArray(users)).put("artifacts", artifacts)
        .put("blobs", bundle.blobs().size()));
  }

  private void delete(RoutingContext ctx) {
    String id = id(ctx);
    SiteRequest.describe(ctx, "bundle.delete", "bundle/" + id);
    Deleted deleted = delete(id);
    SiteRequest.json(ctx, 200, new JsonObject().put("deleted", summary(deleted.bundle()))
        .put("blobs", deleted.blobs()).put("bytesFreed", deleted.bytesFreed()));
  }

  /** What deleting a bundle removed: the bundle, how many blobs went with it and the bytes they held. */
  public record Deleted(BundleRecord bundle, int blobs, long bytesFreed) {
  }

  /**
   * Deletes the bundle {@code id} unless a cluster uses it, as {@code DELETE /bundles/{id}} does.
   *
   * @throws ApiProblem 400 not a bundle id, 404 no such bundle, 409 in use (naming the clusters)
   */
  public Deleted delete(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw notAnId(id);
    }
    List<BundleRecord> bundles = store.bundles();
    Map<String, List<String>> users = BundleUsage.usedBy(bundles, clusters.get());
    Set<String> inUse = users.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    Map<String, Long> sizes = blobSizes(bundles.stream().filter(bundle -> bundle.id().equals(id)).toList());
    DeleteOutcome outcome;
    try {
      outcome = store.delete(id, inUse);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (outcome instanceof DeleteOutcome.Unknown) {
      throw unknown(id);
    }
    if (outcome instanceof DeleteOutcome.InUse used) {
      throw ApiProblem.conflict("bundle " + used.bundle().name() + " (" + id + ") is in use by cluster(s) "
          + String.join(", ", users.getOrDefault(id, List.of())) + "; update them to another version first");
    }
    DeleteOutcome.Deleted deleted = (DeleteOutcome.Deleted) outcome;
    return new Deleted(deleted.bundle(), deleted.blobs().size(), sum(deleted.blobs(), sizes));
  }

  private void inventory(RoutingContext ctx) {
    var inventory = store.inventory();
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Content-Disposition", "attachment; filename=\"site-inventory.json\"")
        .end(io.vertx.core.buffer.Buffer.buffer(inventory.toJson()));
  }

  // ---- garbage collection ----

  private void collect(RoutingContext ctx) {
    SiteRequest.describe(ctx, "content.gc", "content");
    Collected collected = collectGarbage();
    if (!collected.decision().bundles().isEmpty()) {
      ctx.put(SiteRequest.TARGET, collected.target());
    }
    SiteRequest.json(ctx, 200, collected.json());
  }

  /** What one garbage collection deleted and the bytes it freed. */
  public record Collected(ContentRetention.Decision decision, long bytesFreed) {
    JsonObject json() {
      JsonArray deleted = new JsonArray();
      decision.bundles().forEach(bundle -> deleted.add(summary(bundle)));
      return new JsonObject().put("deleted", deleted).put("blobs", decision.blobs().size())
          .put("bytesFreed", bytesFreed);
    }

    String target() {
      return decision.bundles().stream().map(bundle -> "bundle/" + bundle.id()).collect(Collectors.joining(","));
    }
  }

  /** Runs a garbage collection now, keeping what the clusters run (read first: a failure to read deletes nothing). */
  public Collected collectGarbage() {
    List<BundleRecord> bundles = store.bundles();
    Set<String> inUse = BundleUsage.inUse(bundles, clusters.get());
    Map<String, Long> sizes = blobSizes(bundles.stream().filter(bundle -> !inUse.contains(bundle.id())).toList());
    try {
      ContentRetention.Decision decision = store.collectGarbage(inUse);
      return new Collected(decision, sum(decision.blobs(), sizes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Collects garbage every {@code period} on a worker thread, auditing each collection that deleted something as
   * {@value #SYSTEM_ACTOR}; a failure is logged and audited as refused, and the next period tries again.
   *
   * @return the timer's id, for {@link Vertx#cancelTimer}
   */
  public long startPeriodicGc(Vertx vertx, Duration period) {
    return vertx.setPeriodic(period.toMillis(), id -> vertx.executeBlocking(() -> {
      try {
        Collected collected = collectGarbage();
        if (!collected.decision().isEmpty()) {
          audit.record(SYSTEM_ACTOR, "local", "content.gc", collected.target(), AuditEntry.OK, null);
        }
      } catch (RuntimeException e) {
        LOG.warn("periodic garbage collection of the content store failed: {}: {}", e.getClass().getName(),
            e.getMessage());
        audit.record(SYSTEM_ACTOR, "local", "content.gc", "content", AuditEntry.REFUSED,
            "the clusters or the content store could not be read; nothing was deleted");
      }
      return null;
    }, false));
  }

  // ---- helpers ----

  private static String actorOf(RoutingContext ctx) {
    String actor = ctx.get(SiteRequest.ACTOR);
    return actor == null ? "anonymous" : actor;
  }

  private static String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !ID.matcher(id).matches()) {
      throw notAnId(id);
    }
    return id;
  }

  private static ApiProblem notAnId(String id) {
    return ApiProblem.badRequest("'" + clip(id == null ? "" : id) + "' is not a bundle id: a bundle id is "
        + "sha256: and 64 lowercase hex digits");
  }

  private static ApiProblem unknown(String id) {
    return ApiProblem.notFound("the site holds no bundle " + clip(id));
  }

  static JsonObject summary(BundleRecord bundle) {
    JsonArray profiles = new JsonArray();
    bundle.profiles().forEach(profile -> profiles.add(new JsonObject().put("name", profile.name())
        .put("version", profile.version())));
    long images = bundle.artifacts().stream().filter(a -> a.kind() == BundleRecord.Kind.IMAGE).count();
    return new JsonObject().put("id", bundle.id()).put("name", bundle.name()).put("profiles", profiles)
        .put("images", images).put("charts", bundle.artifacts().size() - images).put("delta", bundle.delta())
        .put("size", bundle.archiveBytes()).put("contentBytes", bundle.contentBytes()).put("signer", bundle.signer())
        .put("uploadedAt", bundle.uploadedAt());
  }

  private Map<String, Long> blobSizes(List<BundleRecord> bundles) {
    Map<String, Long> sizes = new HashMap<>();
    for (BundleRecord bundle : bundles) {
      for (String digest : bundle.blobs()) {
        if (!sizes.containsKey(digest)) {
          store.blob(digest).ifPresent(file -> sizes.put(digest, size(file)));
        }
      }
    }
    return sizes;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static long sum(Set<String> blobs, Map<String, Long> sizes) {
    return blobs.stream().mapToLong(blob -> sizes.getOrDefault(blob, 0L)).sum();
  }

  private static String clip(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }
}
