package dev.lifecycle.edge.site.api.content;

import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.JsonBody;
import dev.lifecycle.edge.site.api.LingeringClose;
import dev.lifecycle.edge.site.api.SiteApi;
import dev.lifecycle.edge.site.api.SiteRequest;
import dev.lifecycle.edge.site.api.UploadRequest;
import dev.lifecycle.edge.site.api.clusters.Refusals;
import dev.lifecycle.edge.site.clusters.DefinitionSummary;
import dev.lifecycle.edge.site.clusters.RequestRefused;
import dev.lifecycle.edge.site.clusters.SiteDefinitions;
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
import java.time.Duration;

/**
 * The site API's cluster definitions: upload ({@code POST /definitions}, the signed {@code .tar.zst} streamed on a
 * worker thread through a bounded {@link UploadPipe} into {@link SiteDefinitions}, which verifies it before keeping
 * anything), list, show and delete ({@code /definitions}, {@code /definitions/{digest}}). Mount after
 * {@link SiteApi#mount}: its path guard, session gate and audit trail then cover these routes.
 */
public final class DefinitionRoutes {


  /**
   * Bounds of definition uploads.
   *
   * @param maxUploadBytes the largest archive (the definitions' own bound: {@link SiteDefinitions#DEFAULT_MAX_BYTES})
   * @param idleTimeout how long an upload may send nothing before it is ended (408)
   * @param pipeBytes how much of an upload waits in memory at most
   */
  public record Limits(long maxUploadBytes, Duration idleTimeout, int pipeBytes) {
    public static final Limits DEFAULT = new Limits(SiteDefinitions.DEFAULT_MAX_BYTES, Duration.ofSeconds(60),
        1 << 20);
  }

  private final String prefix = SiteApi.PREFIX;
  private final SiteDefinitions definitions;
  private final boolean trusting;
  private final Limits limits;
  private final JsonBody noBody;

  /**
   * @param trusting whether the site trusts a signing key; without one, uploads are refused saying so (those kept
   *     before are still listed, shown and deleted)
   */
  public DefinitionRoutes(SiteDefinitions definitions, boolean trusting, Limits limits, SiteApi.Limits apiLimits) {
    this.definitions = definitions;
    this.trusting = trusting;
    this.limits = limits;
    this.noBody = new JsonBody(apiLimits.jsonBodyBytes(), apiLimits.bodyTimeout()).optional();
  }

  public void mount(Router router) {
    router.post(prefix + "/definitions").handler(this::upload);
    router.get(prefix + "/definitions").blockingHandler(this::list, false);
    router.get(prefix + "/definitions/:digest").blockingHandler(this::show, false);
    router.delete(prefix + "/definitions/:digest").handler(noBody).blockingHandler(this::delete, false);
  }

  /** Whether this site trusts a signing key, so takes definitions (without one, uploads are refused saying so). */
  public boolean trusting() {
    return trusting;
  }

  /** The definitions these routes keep (listed, described and deleted through it). */
  public SiteDefinitions definitions() {
    return definitions;
  }

  private SiteDefinitions accepting() {
    if (!trusting) {
      throw new ApiProblem(409, "NoTrustedKeys", "this site trusts no signing key, so it accepts no cluster "
          + "definition: start the site controller with --trust-key (the platform team's public key)");
    }
    return definitions;
  }

  private void upload(RoutingContext ctx) {
    SiteRequest.describe(ctx, "definition.upload", null);
    accepting();
    HttpServerRequest request = ctx.request();
    UploadRequest.check(request, "definition", limits.maxUploadBytes(), this::tooLarge);
    receive(ctx.vertx(), request).onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
        return;
      }
      DefinitionSummary definition = done.result().definition();
      ctx.put(SiteRequest.TARGET, "definition/" + definition.digest());
      if (!ctx.request().isEnded()) {
        // the archive ended before the request body did: read no further
        LingeringClose.afterAnswer(ctx);
      }
      SiteRequest.json(ctx, done.result().alreadyKept() ? 200 : 201,
          JsonObject.mapFrom(definition).put("alreadyKept", done.result().alreadyKept()));
    });
  }

  /**
   * Streams one definition archive from {@code body} into {@link SiteDefinitions} through a bounded
   * {@link UploadPipe} (this route's {@link Limits}), verified before anything is kept; call on the body's event
   * loop. The site API's upload and the Local UI's form upload both come here. Fails with the {@link ApiProblem} the
   * site API answers: 409 when the site trusts no key, 413 over the bound, 408 idle, 400 a broken connection, the
   * definitions' refusal in words (nothing kept).
   */
  public Future<SiteDefinitions.Upload> receive(Vertx vertx, ReadStream<Buffer> body) {
    SiteDefinitions kept;
    try {
      kept = accepting();
    } catch (ApiProblem refused) {
      return Future.failedFuture(refused);
    }
    UploadPipe pipe = new UploadPipe(body, vertx, limits.pipeBytes(), limits.maxUploadBytes(),
        limits.idleTimeout());
    pipe.start();
    return vertx.<SiteDefinitions.Upload>executeBlocking(() -> {
      try (pipe) {
        return kept.upload(pipe);
      }
    }, false).transform(done -> {
      UploadPipe.Abort aborted = pipe.aborted();
      if (aborted == UploadPipe.Abort.TOO_LARGE) {
        return Future.failedFuture(tooLarge());
      } else if (aborted == UploadPipe.Abort.IDLE) {
        return Future.failedFuture(new ApiProblem(408, "RequestTimeout", "the upload sent nothing for "
            + limits.idleTimeout().toMillis() + " ms and was ended; nothing was kept"));
      } else if (aborted == UploadPipe.Abort.BROKEN) {
        return Future.failedFuture(ApiProblem.badRequest("the upload's connection broke before the definition "
            + "arrived; nothing was kept"));
      } else if (done.failed()) {
        return Future.failedFuture(done.cause() instanceof RequestRefused refused ? Refusals.problem(refused)
            : done.cause());
      }
      return Future.succeededFuture(done.result());
    });
  }

  /** The largest definition archive an upload may send. */
  public long maxUploadBytes() {
    return limits.maxUploadBytes();
  }

  private ApiProblem tooLarge() {
    return new ApiProblem(413, "UploadTooLarge", "the definition is larger than " + limits.maxUploadBytes()
        + " bytes, the most this site takes for a cluster definition; nothing was kept");
  }

  private void list(RoutingContext ctx) {
    JsonArray items = new JsonArray();
    try {
      definitions.list().forEach(definition -> items.add(JsonObject.mapFrom(definition)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SiteRequest.json(ctx, 200, new JsonObject().put("definitions", items));
  }

  private void show(RoutingContext ctx) {
    String digest = ctx.pathParam("digest");
    try {
      SiteRequest.json(ctx, 200, JsonObject.mapFrom(definitions.describe(digest)));
    } catch (RequestRefused refused) {
      throw Refusals.problem(refused);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void delete(RoutingContext ctx) {
    String digest = ctx.pathParam("digest");
    SiteRequest.describe(ctx, "definition.delete", "definition/" + clip(digest));
    try {
      definitions.delete(digest);
    } catch (RequestRefused refused) {
      throw Refusals.problem(refused);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.response().setStatusCode(204).end();
  }

  private static String clip(String text) {
    String printable = (text == null ? "" : text).replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }
}
