package dev.lifecycle.edge.site.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.TamperCorpus;
import dev.lifecycle.edge.site.SiteController;
import dev.lifecycle.edge.site.SiteMounts;
import dev.lifecycle.edge.site.SiteOptions;
import dev.lifecycle.edge.site.SiteStore;
import dev.lifecycle.edge.site.clusters.SiteFixtures;
import dev.lifecycle.edge.site.clusters.Tampering;
import dev.lifecycle.edge.site.content.TestBundles;
import dev.lifecycle.edge.site.links.LinkRoutes;
import dev.lifecycle.edge.site.server.CertificateFiles;
import dev.lifecycle.edge.site.server.ListenAddress;
import dev.lifecycle.edge.site.testing.UiBrowser;
import dev.lifecycle.edge.site.ui.content.ContentPage;
import dev.lifecycle.edge.site.ui.hosts.HostsPage;
import dev.lifecycle.edge.wire.LinkToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content and hosts pages of a real site controller that trusts the platform team's keys (those of the signed
 * definitions and bundles the tests make), driven as plain forms by a headless browser (no JavaScript, as the pages
 * must work without it), with a simulated host linked by a link token the hosts page made.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContentHostsUiIT {

  static final String PASSWORD = "Store-0042-Keys!";
  static final String HOSTILE = LocalUiIT.HOSTILE;

  @TempDir
  static Path dir;
  static SiteController site;
  static TestBundles bundles;
  static BuiltBundle v1;
  static Path definition;
  static String definitionDigest;
  static FleetSimulator fleet;
  static String host;

  @BeforeAll
  static void start() throws IOException {
    Path definitionKey = dir.resolve("definitions.pub");
    Files.writeString(definitionKey, SiteFixtures.TRUST.toPem());
    Path bundleKey = dir.resolve("bundles.pub");
    Files.writeString(bundleKey, TestBundles.TRUST.toPem());
    SiteOptions options = SiteOptions.defaults(dir.resolve("data"), "store-0042")
        .withListen(new ListenAddress("127.0.0.1", 0)).withTrustKeys(List.of(definitionKey, bundleKey));
    site = SiteController.start(options, SiteStore.IN_MEMORY, SiteMounts.DEFAULT);
    await().atMost(Duration.ofSeconds(30)).until(() -> site.notReady().isEmpty());
    try (UiBrowser ui = UiBrowser.on(site)) {
      ui.logInFirstTime(UiBrowser.initialPassword(site), PASSWORD);
    }
    bundles = new TestBundles();
    v1 = bundles.v1(dir.resolve("v1.tar.zst"));
    ClusterProfile described = SiteFixtures.retail140();
    described.getSpec().setDescription("Store release " + HOSTILE);
    definition = SiteFixtures.definition(dir, described);
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
    if (site != null) {
      site.close();
    }
  }

  static UiBrowser logIn() {
    UiBrowser ui = UiBrowser.on(site);
    ui.logIn(UiBrowser.ADMIN, PASSWORD);
    return ui;
  }

  /** Chooses {@code file} in the file input {@code inputId} of {@code page} and presses {@code buttonId}. */
  static HtmlPage upload(HtmlPage page, String inputId, String buttonId, Path file) throws IOException {
    HtmlFileInput input = page.getHtmlElementById(inputId);
    input.setFiles(file.toFile());
    return page.<HtmlButton>getHtmlElementById(buttonId).click();
  }

  static HtmlPage click(HtmlPage page, String id) throws IOException {
    DomElement element = page.getElementById(id);
    if (element == null) {
      throw new AssertionError("no #" + id + " on " + page.getUrl() + ":\n" + page.asNormalizedText());
    }
    return element.click();
  }

  static int rows(HtmlPage page, String tableId) {
    DomElement table = page.getElementById(tableId);
    return table == null ? 0 : table.getElementsByTagName("tbody").get(0).getElementsByTagName("tr").size();
  }

  static void noMarkupFromValues(HtmlPage page) {
    assertThat(page.getElementsByTagName("b")).as("no markup from a value").isEmpty();
    assertThat(page.getElementsByTagName("script")).as("only the two script files")
        .allMatch(script -> script.hasAttribute("src")).hasSize(2);
  }

  @Test
  @Order(1)
  @DisplayName("When a definition and a bundle are uploaded through the page's forms (no script), then each is "
      + "verified, said so with its signer and digest, and listed with its versions, size, signer and users; a "
      + "description carrying <script> and quotes shows as text; both uploads are audited")
  void uploadsThroughTheForms() throws IOException {
    try (UiBrowser ui = logIn()) {
      HtmlPage content = ui.open(Nav.CONTENT.path());
      assertThat(content.getTitleText()).isEqualTo("Content · store-0042");
      assertThat(UiBrowser.text(content, "bundles-none")).isEqualTo("No content bundle is kept yet.");
      assertThat(UiBrowser.text(content, "definitions-none")).isEqualTo("No cluster definition is kept yet.");

      HtmlPage defined = upload(content, "definition-file", "definition-upload-button", definition);
      assertThat(defined.getWebResponse().getStatusCode()).as(defined.asNormalizedText()).isEqualTo(200);
      assertThat(defined.getUrl().getPath()).isEqualTo("/content");
      String said = UiBrowser.text(defined, "upload-result");
      assertThat(said).startsWith("Definition retail was verified and kept: signed by "
          + SiteFixtures.KEY.keyId().value() + ", digest sha256:");
      definitionDigest = said.substring(said.lastIndexOf("digest ") + "digest ".length(), said.length() - 1);
      assertThat(rows(defined, "definitions")).isEqualTo(1);
      assertThat(UiBrowser.text(defined, "definitions")).contains("retail 1.4.0: Store release " + HOSTILE)
          .contains(SiteFixtures.KEY.keyId().value()).contains("nothing").contains("Delete");
      noMarkupFromValues(defined);

      HtmlPage kept = upload(defined, "bundle-file", "bundle-upload-button", v1.archive());
      assertThat(kept.getWebResponse().getStatusCode()).as(kept.asNormalizedText()).isEqualTo(200);
      assertThat(UiBrowser.text(kept, "upload-result")).startsWith("Bundle ")
          .contains("was verified and kept: signed by " + TestBundles.KEY.keyId().value() + ", digest sha256:");
      assertThat(rows(kept, "bundles")).isEqualTo(1);
      String listed = UiBrowser.text(kept, "bundles");
      assertThat(listed).contains("retail 1.4.0").contains("Verified: " + TestBundles.KEY.keyId().value())
          .containsPattern("\\d+(\\.\\d)? kB").contains("UTC");

      assertThat(UiBrowser.text(ui.open("/audit"), "audit")).contains("definition.upload")
          .contains("definition/" + definitionDigest).contains("bundle.upload");
    }
  }

  @Test
  @Order(2)
  @DisplayName("When a tampered definition or bundle is uploaded, then the page says the refusal in words and "
      + "nothing more is kept")
  void tamperedUploadsAreRefused() throws IOException {
    Path tamperedDefinition = Tampering.changeFile(dir, Files.readAllBytes(definition), "profiles/retail-1.4.0.yaml",
        "1.30.4", "1.30.5");
    TamperCorpus.Case forged = TamperCorpus.of(v1.archive(), TestBundles.KEY, TestBundles.STRANGER).get(0);
    Path tamperedBundle = Files.write(dir.resolve("forged.tar.zst"), forged.archive());
    try (UiBrowser ui = logIn()) {
      HtmlPage refused = upload(ui.open("/content"), "definition-file", "definition-upload-button",
          tamperedDefinition);
      assertThat(refused.getWebResponse().getStatusCode()).isBetween(400, 499);
      assertThat(UiBrowser.text(refused, "problem")).isNotBlank().doesNotContain("{").endsWith(".");

      HtmlPage forgedPage = upload(ui.open("/content"), "bundle-file", "bundle-upload-button", tamperedBundle);
      assertThat(forgedPage.getWebResponse().getStatusCode()).isEqualTo(422);
      assertThat(UiBrowser.text(forgedPage, "problem")).startsWith("The bundle was refused (" + forged.reason()
          + "): ").endsWith("; nothing was kept.");

      HtmlPage content = ui.open("/content");
      assertThat(rows(content, "definitions")).isEqualTo(1);
      assertThat(rows(content, "bundles")).isEqualTo(1);
      assertThat(UiBrowser.text(ui.open("/audit"), "audit")).contains("BundleRefused");
    }
  }

  @Test
  @Order(3)
  @DisplayName("When an unused definition and bundle are deleted, then a confirmation page comes first (keeping it "
      + "changes nothing), and confirming deletes it and says so")
  void deleteUnusedAfterConfirming() throws IOException {
    try (UiBrowser ui = logIn()) {
      HtmlPage content = upload(ui.open("/content"), "definition-file", "definition-upload-button",
          SiteFixtures.definition(dir, SiteFixtures.retail150()));
      assertThat(rows(content, "definitions")).isEqualTo(2);
      String digest = UiBrowser.text(content, "upload-result").replaceAll(".*digest (sha256:[0-9a-f]+)\\.$", "$1");
      String shortId = digest.substring("sha256:".length(), "sha256:".length() + 12);

      HtmlPage confirm = click(content, "delete-definition-" + shortId);
      assertThat(confirm.getUrl().getPath()).isEqualTo(ContentPage.DEFINITION_DELETE);
      assertThat(confirm.getTitleText()).startsWith("Delete definition");
      assertThat(UiBrowser.text(confirm, "confirm-text")).startsWith("No cluster uses it.");
      HtmlPage kept = click(confirm, "cancel");
      assertThat(rows(kept, "definitions")).as("keeping it changes nothing").isEqualTo(2);

      HtmlPage deleted = click(click(kept, "delete-definition-" + shortId), "confirm-delete");
      assertThat(deleted.getUrl().getPath()).isEqualTo("/content");
      assertThat(UiBrowser.text(deleted, "upload-result")).isEqualTo("Deleted definition retail.");
      assertThat(rows(deleted, "definitions")).isEqualTo(1);
      assertThat(deleted.getElementById("definition-" + shortId)).isNull();

      String bundleRow = deleted.getElementById("bundles").getElementsByTagName("tbody").get(0)
          .getElementsByTagName("tr").get(0).getId();
      HtmlPage gone = click(click(deleted, "delete-" + bundleRow), "confirm-delete");
      assertThat(UiBrowser.text(gone, "upload-result")).startsWith("Deleted bundle ");
      assertThat(UiBrowser.text(gone, "bundles-none")).isEqualTo("No content bundle is kept yet.");
      assertThat(UiBrowser.text(ui.open("/audit"), "audit")).contains("definition.delete").contains("bundle.delete");
    }
  }

  @Test
  @Order(4)
  @DisplayName("When a host is linked from the hosts page, then the token shows as text and as a QR code with its "
      + "expiry, is listed as usable, and a simulated host linking with that text shows in the inventory in words; "
      + "another token is revoked")
  void linkAHost() throws IOException {
    try (UiBrowser ui = logIn()) {
      HtmlPage hosts = ui.open(Nav.HOSTS.path());
      assertThat(UiBrowser.text(hosts, "hosts-none")).startsWith("No host is linked yet");
      assertThat(hosts.getElementById("hosts-live").getAttribute("hx-get")).isEqualTo(HostsPage.LIVE);
      assertThat(hosts.getElementById("hosts-live").getAttribute("hx-trigger")).isEqualTo("every 2s");

      HtmlPage link = click(hosts, "link-button");
      assertThat(link.getWebResponse().getStatusCode()).isEqualTo(201);
      String text = link.getHtmlElementById("link-text").getTextContent();
      LinkToken token = LinkToken.parse(text);
      assertThat(token.controller()).isEqualTo(site.identity().url());
      DomElement qr = link.getElementById("link-qr");
      assertThat(qr.getAttribute("src")).isEqualTo(QrCodeSvg.of(text).dataUri());
      assertThat(qr.getAttribute("alt")).startsWith("QR code of the link token link-");
      assertThat(UiBrowser.text(link, "link-expiry")).matches("\\d\\d:\\d\\d:\\d\\d UTC");
      assertThat(UiBrowser.text(ui.open("/hosts"), "links")).contains(token.name()).contains("made by admin");

      Path certificate = site.options().directory().tls().resolve(CertificateFiles.CERTIFICATE);
      fleet = FleetSimulator.builder(token.controller(), token.token()).hosts(1).machineIdPrefix("store-0042-host")
          .pollInterval(Duration.ofMillis(200)).applyTime(Duration.ofMillis(50)).caCert(certificate).build();
      fleet.start();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        WebResponse live = ui.htmx(HostsPage.LIVE, "/hosts");
        assertThat(live.getContentAsString()).startsWith("<section id=\"hosts-live\"")
            .contains("Available: linked, in no cluster");
      });
      HtmlPage inventory = ui.open("/hosts");
      assertThat(rows(inventory, "hosts")).isEqualTo(1);
      DomElement row = inventory.getElementById("hosts").getElementsByTagName("tbody").get(0)
          .getElementsByTagName("tr").get(0);
      host = row.getId().substring("host-".length());
      assertThat(row.asNormalizedText()).contains("in no cluster").containsPattern("(\\d+ s ago|just now)");
      assertThat(inventory.getElementById("links-none")).as("the token was used").isNotNull();

      HtmlPage second = click(inventory, "link-button");
      String name = LinkToken.parse(second.getHtmlElementById("link-text").getTextContent()).name();
      HtmlPage revoked = click(ui.open("/hosts"), "revoke-" + name);
      assertThat(UiBrowser.text(revoked, "hosts-result")).isEqualTo("The link token " + name + " was revoked: no "
          + "host can link with it any more.");
      assertThat(revoked.getElementById("link-" + name)).isNull();
      assertThat(UiBrowser.text(ui.open("/audit"), "audit")).contains("link.create").contains("link/" + name)
          .contains("link.revoke");
    }
  }

  @Test
  @Order(5)
  @DisplayName("When the linked host is in a cluster, then the definition it runs cannot be deleted (its users "
      + "named; a forced delete gets the site's refusal), and resetting then unlinking the host each ask first, in "
      + "the site API's words, then do it")
  void resetAndUnlinkAfterConfirming() throws IOException {
    try (UiBrowser ui = logIn()) {
      HtmlPage page = ui.open("/hosts");
      WebRequest create = new WebRequest(new URL(ui.base() + "/api/site/v1/clusters"), HttpMethod.POST);
      create.setAdditionalHeader("Content-Type", "application/json");
      create.setAdditionalHeader("X-CSRF-Token", UiBrowser.csrf(page));
      create.setRequestBody(new JsonObject().put("name", "store-0042").put("definition", definitionDigest)
          .put("version", "1.4.0").put("variables", new JsonObject().put("storeId", "0042")
              .put("dbPassword", "pg-Secret-1"))
          .put("hosts", new JsonArray().add(new JsonObject().put("host", host).put("role", "control-plane")))
          .encode());
      WebResponse created = ui.client().loadWebResponse(create);
      assertThat(created.getStatusCode()).as(created.getContentAsString()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ui.htmx(HostsPage.LIVE, "/hosts")
          .getContentAsString()).contains("store-0042, control plane"));

      String shortId = definitionDigest.substring(7, 19);
      HtmlPage content = ui.open("/content");
      assertThat(content.getHtmlElementById("definition-" + shortId).asNormalizedText()).contains("store-0042")
          .contains("In use: cannot be deleted");
      assertThat(content.getElementById("delete-definition-" + shortId)).isNull();
      HtmlPage inUse = ui.open(ContentPage.DEFINITION_DELETE + "?id=" + definitionDigest);
      assertThat(UiBrowser.text(inUse, "in-use")).startsWith("This definition is used by cluster store-0042, so it "
          + "cannot be deleted");
      WebResponse forced = ui.post(ContentPage.DEFINITION_DELETE, Map.of("csrf", UiBrowser.csrf(inUse), "id",
          definitionDigest));
      assertThat(forced.getStatusCode()).isEqualTo(409);
      assertThat(forced.getContentAsString()).contains("is used by cluster store-0042").contains("it was not deleted");
      assertThat(rows(ui.open("/content"), "definitions")).isEqualTo(1);

      HtmlPage confirmReset = click(ui.open("/hosts"), "reset-" + host);
      assertThat(confirmReset.getTitleText()).startsWith("Reset host " + host);
      assertThat(UiBrowser.text(confirmReset, "consequence")).isEqualTo(Sentences.of(
          LinkRoutes.resetMessage(host, "store-0042")));
      HtmlPage reset = click(confirmReset, "confirm-host");
      assertThat(reset.getUrl().getPath()).isEqualTo("/hosts");
      assertThat(UiBrowser.text(reset, "hosts-result")).startsWith("The reset of host " + host + " was asked");
      assertThat(UiBrowser.text(reset, "host-" + host)).contains("Being reset");
      assertThat(reset.getElementById("reset-" + host)).as("no second reset offered").isNull();
      HtmlPage again = ui.open(HostsPage.RESET + "?host=" + host);
      assertThat(UiBrowser.text(again, "consequence")).startsWith("A reset of host " + host + " is already under way");
      assertThat(again.getElementById("confirm-host")).isNull();

      HtmlPage confirmUnlink = click(reset, "unlink-" + host);
      assertThat(UiBrowser.text(confirmUnlink, "consequence")).startsWith(Sentences.of(
          LinkRoutes.unlinkMessage(host))).contains("It is in cluster store-0042");
      HtmlPage unlinked = click(confirmUnlink, "confirm-host");
      assertThat(UiBrowser.text(unlinked, "hosts-result")).isEqualTo("Host " + host + " was unlinked.");
      assertThat(unlinked.getElementById("host-" + host)).isNull();
      assertThat(UiBrowser.text(ui.open("/audit"), "audit")).contains("host.reset").contains("host.unlink")
          .contains("host/" + host);
    }
  }

  @Test
  @Order(6)
  @DisplayName("When a change of these pages comes without the session's CSRF token or with a wrong one, then it "
      + "is refused in words with 403 and nothing changes")
  void changesWithoutCsrfAreRefused() throws IOException {
    try (UiBrowser ui = logIn()) {
      HtmlPage content = ui.open("/content");
      int definitions = rows(content, "definitions");
      for (String action : List.of(ContentPage.DEFINITION_UPLOAD, ContentPage.DEFINITION_UPLOAD + "?csrf=wrong")) {
        HtmlPage page = ui.open("/content");
        HtmlForm form = page.getHtmlElementById("definition-upload");
        form.setActionAttribute(action);
        HtmlPage refused = upload(page, "definition-file", "definition-upload-button",
            SiteFixtures.definition(dir, SiteFixtures.retail150()));
        assertThat(refused.getWebResponse().getStatusCode()).as(action).isEqualTo(403);
        assertThat(UiBrowser.text(refused, "problem")).contains("security token").contains("nothing was changed");
      }
      for (Map.Entry<String, Map<String, String>> change : Map.of(
          ContentPage.DEFINITION_DELETE, Map.of("id", definitionDigest),
          ContentPage.BUNDLE_DELETE, Map.of("id", "sha256:" + "0".repeat(64)),
          HostsPage.LINK, Map.<String, String>of(),
          HostsPage.REVOKE, Map.of("link", "link-x"),
          HostsPage.RESET, Map.of("host", "h1"),
          HostsPage.UNLINK, Map.of("host", "h1")).entrySet()) {
        WebResponse refused = ui.post(change.getKey(), change.getValue());
        assertThat(refused.getStatusCode()).as(change.getKey()).isEqualTo(403);
        assertThat(refused.getContentAsString()).contains("without the page's security token");
      }
      assertThat(rows(ui.open("/content"), "definitions")).isEqualTo(definitions);
      assertThat(ui.open("/hosts").getElementById("links-none")).as("no link token made").isNotNull();
    }
  }

  @Test
  @Order(8)
  @DisplayName("Every page, fragment, confirmation and error of the content and hosts pages carries the CSP and the "
      + "security headers, and no inline script or style")
  void securityHeaders() {
    try (UiBrowser ui = logIn()) {
      HtmlPage hosts = ui.open("/hosts");
      List<WebResponse> answers = List.of(ui.open("/content").getWebResponse(), hosts.getWebResponse(),
          ui.htmx(ContentPage.LISTS, "/content"), ui.htmx(HostsPage.LIVE, "/hosts"),
          ui.open(ContentPage.DEFINITION_DELETE + "?id=" + definitionDigest).getWebResponse(),
          ui.open(ContentPage.BUNDLE_DELETE + "?id=sha256:" + "0".repeat(64)).getWebResponse(),
          ui.open(HostsPage.UNLINK + "?host=no-such-host").getWebResponse(),
          ui.open(HostsPage.RESET + "?host=" + HOSTILE).getWebResponse(),
          ui.post(HostsPage.LINK, Map.of("csrf", UiBrowser.csrf(hosts))));
      for (WebResponse answer : answers) {
        String url = answer.getWebRequest().getUrl().toString();
        assertThat(answer.getResponseHeaderValue("Content-Security-Policy")).as(url).isEqualTo(SecurityHeaders.CSP);
        assertThat(answer.getResponseHeaderValue("X-Content-Type-Options")).as(url).isEqualTo("nosniff");
        assertThat(answer.getContentAsString()).as(url).doesNotContainPattern("<script(?![^>]*\\ssrc=)")
            .doesNotContain("<style").doesNotContain(" style=").doesNotContain("<script>alert");
      }
      assertThat(answers.get(5).getStatusCode()).isEqualTo(404);
      assertThat(answers.get(6).getStatusCode()).isEqualTo(404);
      assertThat(answers.get(6).getContentAsString()).contains("There is no host named no-such-host.");
      assertThat(answers.get(7).getStatusCode()).isEqualTo(400);
      assertThat(answers.get(8).getStatusCode()).isEqualTo(201);
    }
  }

  @Test
  @Order(7)
  @DisplayName("A form posted to the upload route with no file is refused in words")
  void uploadWithoutFile() throws IOException {
    try (UiBrowser ui = logIn()) {
      HtmlPage page = ui.open("/content");
      WebRequest request = new WebRequest(new URL(ui.base() + ContentPage.BUNDLE_UPLOAD + "?csrf="
          + UiBrowser.csrf(page)), HttpMethod.POST);
      request.setAdditionalHeader("Content-Type", "multipart/form-data; boundary=xyz");
      request.setRequestBody("--xyz\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nvalue\r\n--xyz--\r\n");
      WebResponse answer = ui.client().loadWebResponse(request);
      assertThat(answer.getStatusCode()).isEqualTo(400);
      assertThat(answer.getContentAsString()).contains("Choose a file to upload first; nothing was kept.");
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
