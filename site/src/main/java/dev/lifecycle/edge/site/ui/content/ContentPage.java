package dev.lifecycle.edge.site.ui.content;

import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.LingeringClose;
import dev.lifecycle.edge.site.api.SiteRequest;
import dev.lifecycle.edge.site.api.content.ContentRoutes;
import dev.lifecycle.edge.site.api.content.DefinitionRoutes;
import dev.lifecycle.edge.site.clusters.DefinitionSummary;
import dev.lifecycle.edge.site.clusters.RequestRefused;
import dev.lifecycle.edge.site.content.BundleRecord;
import dev.lifecycle.edge.site.ui.Nav;
import dev.lifecycle.edge.site.ui.Pages;
import dev.lifecycle.edge.site.ui.UiRouter;
import dev.lifecycle.edge.site.ui.UiSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The content page ({@code /content}): the kept bundles and cluster definitions with their versions, size, signer,
 * upload time and users, read from the site API's content and definition services; uploading either (with JavaScript
 * the page sends the file to the site API's upload route itself, with a progress bar; without it the form's file
 * streams through {@link #BUNDLE_UPLOAD} / {@link #DEFINITION_UPLOAD} into the same service with the same bounds);
 * deleting an unused one after a confirmation page. Every refusal is the service's, in words.
 */
public final class ContentPage {

  public static final String BUNDLE_UPLOAD = "/content/bundles";
  public static final String DEFINITION_UPLOAD = "/content/definitions";
  public static final String BUNDLE_DELETE = "/content/bundles/delete";
  public static final String DEFINITION_DELETE = "/content/definitions/delete";
  /** The fragment of the two lists the page's script re-reads after an upload. */
  public static final String LISTS = "/ui/fragments/content";
  static final String FILE_FIELD = "archive";
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final Optional<ContentRoutes> bundles;
  private final DefinitionRoutes definitions;
  private final Pages pages;
  private UiSession session;

  public ContentPage(Optional<ContentRoutes> bundles, DefinitionRoutes definitions, Pages pages) {
    this.bundles = bundles;
    this.definitions = definitions;
    this.pages = pages;
  }

  public void mount(UiRouter ui) {
    session = ui.session();
    ui.page(Nav.CONTENT.path(), this::show);
    ui.page(LISTS, ctx -> pages.send(ctx, 200, "content/contentLists.jte", view(ctx, null)));
    ui.upload(BUNDLE_UPLOAD, ctx -> receive(ctx, "bundle.upload", (vertx, file) -> bundles()
        .receive(vertx, file, null).map(stored -> new Kept("bundle/" + stored.bundle().id(),
            "bundle=" + encode(stored.bundle().id())))));
    ui.upload(DEFINITION_UPLOAD, ctx -> receive(ctx, "definition.upload", (vertx, file) -> definitions
        .receive(vertx, file).map(kept -> new Kept("definition/" + kept.definition().digest(),
            "definition=" + encode(kept.definition().digest())))));
    ui.page(BUNDLE_DELETE, ctx -> confirm(ctx, "bundle", BUNDLE_DELETE, bundle(ctx.request().getParam("id"))));
    ui.page(DEFINITION_DELETE, ctx -> confirm(ctx, "definition", DEFINITION_DELETE,
        definition(ctx.request().getParam("id"))));
    ui.change(BUNDLE_DELETE, this::deleteBundle);
    ui.change(DEFINITION_DELETE, this::deleteDefinition);
  }

  // ---- the page ----

  private void show(RoutingContext ctx) {
    String result = null;
    String bundle = ctx.request().getParam("bundle");
    String definition = ctx.request().getParam("definition");
    String deleted = ctx.request().getParam("deleted");
    if (bundle != null) {
      result = bundles.flatMap(routes -> routes.bundles().stream().filter(b -> b.bundle().id().equals(bundle))
          .findFirst()).map(listed -> verified("Bundle", listed.bundle().name(), listed.bundle().signer(),
          listed.bundle().id())).orElse(null);
    } else if (definition != null) {
      result = definitionList().stream().filter(d -> d.digest().equals(definition)).findFirst()
          .map(d -> verified("Definition", d.name(), d.signer(), d.digest())).orElse(null);
    } else if (deleted != null) {
      result = "Deleted " + deleted + ".";
    }
    pages.send(ctx, 200, "content/content.jte", view(ctx, result));
  }

  static String verified(String what, String name, String signer, String digest) {
    return what + " " + name + " was verified and kept: signed by " + (signer == null ? "nobody" : signer)
        + ", digest " + digest + ".";
  }

  private ContentView view(RoutingContext ctx, String result) {
    List<ContentView.Item> bundleItems = bundles.map(routes -> routes.bundles().stream()
        .map(listed -> item(listed.bundle(), listed.usedBy())).toList()).orElse(List.of());
    List<ContentView.Item> definitionItems = definitionList().stream().map(ContentPage::item).toList();
    return new ContentView(pages.chrome(ctx, Nav.CONTENT), bundles.isPresent(), definitions.trusting(), bundleItems,
        definitionItems, result, bundles.map(routes -> SizeWords.of(routes.maxUploadBytes())).orElse(null),
        SizeWords.of(definitions.maxUploadBytes()));
  }

  static ContentView.Item item(BundleRecord bundle, List<String> usedBy) {
    return new ContentView.Item(bundle.id(), bundle.name(), bundle.profiles().stream()
        .map(profile -> profile.name() + " " + profile.version()).toList(), SizeWords.of(bundle.archiveBytes()),
        bundle.signer(), when(bundle.uploadedInstant()), usedBy);
  }

  static ContentView.Item item(DefinitionSummary definition) {
    return new ContentView.Item(definition.digest(), definition.name(), definition.versions().stream()
        .map(version -> version.profile() + " " + version.version()
            + (version.description() == null || version.description().isBlank() ? "" : ": " + version.description()))
        .toList(), SizeWords.of(definition.size()), definition.signer(),
        definition.uploadedAt() == null ? "" : when(definition.uploadedAt()), definition.usedBy());
  }

  static String when(Instant instant) {
    return WHEN.format(instant);
  }

  private List<DefinitionSummary> definitionList() {
    try {
      return definitions.definitions().list();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- upload without JavaScript: the form's one file, streamed ----

  /** What an upload kept: its audit target, and the query of the content page that shows it. */
  record Kept(String target, String query) {
  }

  @FunctionalInterface
  interface Receiver {
    /** Takes the file into the service. */
    Future<Kept> receive(Vertx vertx, ReadStream<Buffer> file);
  }

  /**
   * Reads the multipart form as it streams: its one file goes to the service through the site API's bounded pipe; a
   * second file is ignored, none is refused. The CSRF token comes in the form's URL ({@code ?csrf=}), checked before
   * a byte of the body is read: Vert.x gives a multipart form's fields only once the whole body has arrived, after
   * the file was taken (the site API's own upload takes the token as a header instead).
   */
  private void receive(RoutingContext ctx, String action, Receiver receiver) {
    SiteRequest.describe(ctx, action, null);
    HttpServerRequest request = ctx.request();
    try {
      session.requireCsrf(ctx, ctx.queryParams().get(UiSession.CSRF_FIELD));
      String type = request.getHeader("Content-Type");
      if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
        throw new ApiProblem(415, "UnsupportedMediaType", "send the file with the page's upload form; nothing was "
            + "kept");
      }
    } catch (ApiProblem refused) {
      // answered without reading the body: the connection closes after the answer
      LingeringClose.afterAnswer(ctx);
      ctx.fail(refused);
      return;
    }
    AtomicBoolean started = new AtomicBoolean();
    request.setExpectMultipart(true);
    request.uploadHandler(file -> {
      if (!started.compareAndSet(false, true)) {
        file.handler(null);
        return;
      }
      if (!FILE_FIELD.equals(file.name()) || file.filename() == null || file.filename().isEmpty()) {
        stop(ctx, file, ApiProblem.badRequest("choose a file to upload first; nothing was kept"));
        return;
      }
      receiver.receive(ctx.vertx(), file).onComplete(done -> {
        if (ctx.response().ended()) {
          return;
        }
        if (!request.isEnded()) {
          // the archive ended before the form did, or it was refused: read no further
          LingeringClose.afterAnswer(ctx);
        }
        if (done.succeeded()) {
          ctx.put(SiteRequest.TARGET, done.result().target());
          UiRouter.redirect(ctx, Nav.CONTENT.path() + "?" + done.result().query());
        } else {
          ctx.fail(done.cause());
        }
      });
    });
    request.endHandler(end -> {
      if (!started.get() && !ctx.response().ended() && !ctx.failed()) {
        ctx.fail(ApiProblem.badRequest("choose a file to upload first; nothing was kept"));
      }
    });
    request.exceptionHandler(broken -> {
      if (!started.get() && !ctx.response().ended() && !ctx.failed()) {
        ctx.fail(ApiProblem.badRequest("the upload's connection broke before the file arrived; nothing was kept"));
      }
    });
    request.resume();
  }

  private static void stop(RoutingContext ctx, HttpServerFileUpload file, ApiProblem refused) {
    file.handler(null);
    LingeringClose.afterAnswer(ctx);
    ctx.fail(refused);
  }

  private ContentRoutes bundles() {
    return bundles.orElseThrow(() -> new ApiProblem(409, "NoTrustedKeys", "this site trusts no signing key, so it "
        + "keeps no content bundle: start the site controller with --trust-key (the platform team's public key)"));
  }

  // ---- delete, after a confirmation ----

  private ContentView.Item bundle(String id) {
    return bundles().bundles().stream().filter(listed -> listed.bundle().id().equals(id)).findFirst()
        .map(listed -> item(listed.bundle(), listed.usedBy()))
        .orElseThrow(() -> ApiProblem.notFound("the site holds no bundle " + clip(id)));
  }

  private ContentView.Item definition(String digest) {
    try {
      return item(definitions.definitions().describe(digest));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RequestRefused refused) {
      throw new ApiProblem(refused.status(), refused.code(), refused.getMessage());
    }
  }

  private void confirm(RoutingContext ctx, String kind, String action, ContentView.Item item) {
    pages.send(ctx, 200, "content/confirmDelete.jte", new ConfirmDeleteView(pages.chrome(ctx, Nav.CONTENT), kind,
        action, item));
  }

  private void deleteBundle(RoutingContext ctx) {
    String id = ctx.request().getFormAttribute("id");
    SiteRequest.describe(ctx, "bundle.delete", "bundle/" + clip(id));
    ContentRoutes.Deleted deleted = bundles().delete(id);
    UiRouter.redirect(ctx, Nav.CONTENT.path() + "?deleted=" + encode("bundle " + deleted.bundle().name()));
  }

  private void deleteDefinition(RoutingContext ctx) throws Exception {
    String digest = ctx.request().getFormAttribute("id");
    SiteRequest.describe(ctx, "definition.delete", "definition/" + clip(digest));
    String name = definition(digest).name();
    definitions.definitions().delete(digest);
    UiRouter.redirect(ctx, Nav.CONTENT.path() + "?deleted=" + encode("definition " + name));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String clip(String text) {
    String printable = (text == null ? "" : text).replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }
}
