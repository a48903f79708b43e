package dev.lifecycle.edge.site.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.site.SiteController;
import dev.lifecycle.edge.site.SiteMounts;
import dev.lifecycle.edge.site.SiteOptions;
import dev.lifecycle.edge.site.SiteStore;
import dev.lifecycle.edge.site.server.ListenAddress;
import dev.lifecycle.edge.site.testing.UiBrowser;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.htmlunit.Page;
import org.htmlunit.WebResponse;
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
 * The Local UI of a real site controller (every part mounted, as {@code edge-operator.jar site} runs it) on a
 * temporary data directory, driven by a headless browser. The first test makes the first login; the last locks the
 * admin out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalUiIT {

  static final String PASSWORD = "Store-0042-Keys!";
  /** A value a person or a host could give, that would run as script if the pages did not escape it. */
  static final String HOSTILE = "<script>alert(\"x\")</script>' \"quoted\" & <b>bold</b>";

  @TempDir
  static Path dir;
  static SiteController site;

  @BeforeAll
  static void start() {
    SiteOptions options = SiteOptions.defaults(dir.resolve("data"), "store-0042")
        .withListen(new ListenAddress("127.0.0.1", 0));
    site = SiteController.start(options, SiteStore.IN_MEMORY, SiteMounts.DEFAULT);
    await().atMost(Duration.ofSeconds(30)).until(() -> site.notReady().isEmpty());
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("When the admin logs in with the initial password, then the password change is forced (the overview "
      + "redirects to it, a weak or mistyped new password is refused in words), and after it the overview shows "
      + "the site")
  void firstLoginForcesThePasswordChange() {
    String initial = UiBrowser.initialPassword(site);
    try (UiBrowser ui = UiBrowser.on(site)) {
      HtmlPage forced = ui.logIn(UiBrowser.ADMIN, initial);
      assertThat(forced.getUrl().getPath()).isEqualTo("/password");
      assertThat(forced.asNormalizedText()).contains("This is the site's initial password");
      assertThat(ui.open("/").getUrl().getPath()).as("no page before the change").isEqualTo("/password");
      assertThat(ui.htmx(OverviewPage.LIVE, "/").getResponseHeaderValue("HX-Redirect")).as("nor fragment")
          .isEqualTo("/password");

      HtmlPage weak = ui.submitPasswordChange(forced, initial, "short", "short");
      assertThat(weak.getWebResponse().getStatusCode()).isEqualTo(422);
      assertThat(UiBrowser.text(weak, "password-error")).isEqualTo("The new password must have at least 12 "
          + "characters.");
      HtmlPage mistyped = ui.submitPasswordChange(weak, initial, PASSWORD, PASSWORD + "x");
      assertThat(UiBrowser.text(mistyped, "password-error")).contains("The two new passwords differ");

      HtmlPage overview = ui.submitPasswordChange(mistyped, initial, PASSWORD, PASSWORD);
      assertThat(overview.getUrl().getPath()).isEqualTo("/");
      assertThat(overview.getTitleText()).isEqualTo("Overview · store-0042");
      assertThat(UiBrowser.text(overview, "site-name")).isEqualTo("store-0042");
      assertThat(overview.asNormalizedText()).contains("No cluster yet").contains("No host is linked yet");
      assertThat(Files.exists(site.options().directory().initialAdminPassword())).as("the initial password is gone")
          .isFalse();
    }
  }

  @Test
  @Order(2)
  @DisplayName("When the password is wrong, then the login page says so and keeps the user name")
  void wrongPasswordIsSaid() {
    try (UiBrowser ui = UiBrowser.on(site)) {
      HtmlPage refused = ui.logIn(UiBrowser.ADMIN, "not-the-password");
      assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(401);
      assertThat(refused.getUrl().getPath()).isEqualTo("/login");
      assertThat(UiBrowser.text(refused, "login-error")).isEqualTo("Wrong user name or password.");
      assertThat(refused.getHtmlElementById("user").getAttribute("value")).isEqualTo(UiBrowser.ADMIN);
    }
  }

  @Test
  @Order(3)
  @DisplayName("When a page is opened without a session, then it redirects to the login page, which comes back to "
      + "that page after the login; a next that leads elsewhere goes to the overview")
  void pageWithoutSessionGoesToLoginAndBack() {
    try (UiBrowser ui = UiBrowser.on(site)) {
      ui.client().getOptions().setRedirectEnabled(false);
      Page redirect = ui.openAny("/audit");
      assertThat(redirect.getWebResponse().getStatusCode()).isEqualTo(303);
      assertThat(redirect.getWebResponse().getResponseHeaderValue("Location")).isEqualTo("/login?next=%2Faudit");
      ui.client().getOptions().setRedirectEnabled(true);

      HtmlPage login = ui.open("/audit");
      assertThat(login.getUrl().getPath()).isEqualTo("/login");
      HtmlPage audit = ui.submitLogin(login, UiBrowser.ADMIN, PASSWORD);
      assertThat(audit.getUrl().getPath()).isEqualTo("/audit");
      assertThat(audit.getTitleText()).startsWith("Audit log");
    }
    try (UiBrowser ui = UiBrowser.on(site)) {
      HtmlPage login = ui.open("/login?next=//evil.example/x");
      assertThat(ui.submitLogin(login, UiBrowser.ADMIN, PASSWORD).getUrl().toString()).isEqualTo(ui.base() + "/");
    }
  }

  @Test
  @Order(4)
  @DisplayName("When a change comes without the session's CSRF token, or with another's, then it is refused with "
      + "403, nothing changes (the session lives on, the password is the same) and the refusal is audited")
  void changeWithoutCsrfIsRefused() {
    try (UiBrowser ui = UiBrowser.on(site)) {
      HtmlPage overview = ui.logIn(UiBrowser.ADMIN, PASSWORD);
      String csrf = UiBrowser.csrf(overview);

      WebResponse noToken = ui.post("/logout", Map.of());
      assertThat(noToken.getStatusCode()).isEqualTo(403);
      assertThat(noToken.getContentAsString()).contains("without the page's security token");
      WebResponse wrongToken = ui.post("/password", Map.of("csrf", csrf + "x", "oldPassword", PASSWORD,
          "newPassword", "Another-Pass-77", "confirmPassword", "Another-Pass-77"));
      assertThat(wrongToken.getStatusCode()).isEqualTo(403);

      assertThat(ui.open("/").getUrl().getPath()).as("still logged in").isEqualTo("/");
      HtmlPage audit = ui.open("/audit");
      assertThat(UiBrowser.text(audit, "audit")).contains("CsrfTokenMissing").contains("CsrfTokenInvalid");
      assertThat(audit.getHtmlElementById("audit").getElementsByTagName("tr").stream()
          .map(row -> row.asNormalizedText()).filter(row -> row.contains("session.login")))
          .as("the UI's logins are in the site's audit log, done and refused")
          .anyMatch(row -> row.contains("admin") && row.contains("127.0.0.1") && row.contains("user/admin")
              && row.endsWith("done"))
          .anyMatch(row -> row.contains("refused: 401 LoginFailed: wrong user name or password"));

      WebResponse withToken = ui.post("/logout", Map.of("csrf", csrf));
      assertThat(withToken.getWebRequest().getUrl().getPath()).as("redirected to the login page")
          .isEqualTo("/login");
      assertThat(ui.open("/").getUrl().getPath()).as("logged out").isEqualTo("/login");
    }
    try (UiBrowser ui = UiBrowser.on(site)) {
      assertThat(ui.logIn(UiBrowser.ADMIN, PASSWORD).getUrl().getPath()).as("the password did not change")
          .isEqualTo("/");
    }
  }

  @Test
  @Order(5)
  @DisplayName("Every page, fragment, error page and file of the UI carries the CSP and the security headers")
  void everyAnswerCarriesTheSecurityHeaders() {
    try (UiBrowser ui = UiBrowser.on(site)) {
      HtmlPage login = ui.open("/login");
      HtmlPage overview = ui.submitLogin(login, UiBrowser.ADMIN, PASSWORD);
      List<WebResponse> answers = List.of(login.getWebResponse(), overview.getWebResponse(),
          ui.open("/audit").getWebResponse(), ui.open("/password").getWebResponse(),
          ui.openAny(OverviewPage.LIVE).getWebResponse(), ui.open("/audit?before=x").getWebResponse(),
          ui.post("/logout", Map.of()));
      for (WebResponse answer : answers) {
        assertThat(answer.getResponseHeaderValue("Content-Security-Policy")).as(answer.getWebRequest().getUrl()
            .toString()).isEqualTo(SecurityHeaders.CSP);
        assertThat(answer.getResponseHeaderValue("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.getResponseHeaderValue("Referrer-Policy")).isEqualTo("no-referrer");
      }
      for (String file : List.of(overview.getElementsByTagName("script").get(0).getAttribute("src"),
          overview.getElementsByTagName("script").get(1).getAttribute("src"),
          overview.getElementsByTagName("link").get(0).getAttribute("href"))) {
        WebResponse asset = ui.openAny(file).getWebResponse();
        assertThat(asset.getStatusCode()).as(file).isEqualTo(200);
        assertThat(asset.getResponseHeaderValue("Cache-Control")).isEqualTo(UiAssets.CACHE_FOREVER);
        assertThat(asset.getResponseHeaderValue("Content-Security-Policy")).isEqualTo(SecurityHeaders.CSP);
      }
      assertThat(overview.getWebResponse().getContentAsString()).as("no inline script or style")
          .doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("<style").doesNotContain(" style=");
    }
  }

  @Test
  @Order(6)
  @DisplayName("When values carry <script> and quotes (a warning from the store, a typed user name, a page "
      + "parameter), then every page shows them as text, with no markup of theirs")
  void hostileValuesRenderAsText() throws Exception {
    warning("hostile", "h1", HOSTILE);
    try (UiBrowser ui = UiBrowser.on(site)) {
      HtmlPage refused = ui.logIn(HOSTILE, "whatever");
      assertThat(refused.getHtmlElementById("user").getAttribute("value")).isEqualTo(HOSTILE.toLowerCase());

      HtmlPage overview = ui.logIn(UiBrowser.ADMIN, PASSWORD);
      assertThat(UiBrowser.text(overview, "attention")).contains("Warning on EdgeHost h1: " + HOSTILE);
      HtmlPage bad = ui.open("/audit?before=" + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8));
      assertThat(bad.getWebResponse().getStatusCode()).isEqualTo(400);
      assertThat(UiBrowser.text(bad, "problem")).contains("<script>alert(\"x\")");
      for (HtmlPage page : List.of(refused, overview, bad)) {
        assertThat(page.getElementsByTagName("b")).as("no markup from the value").isEmpty();
        assertThat(page.getElementsByTagName("script")).as("only the two script files")
            .allMatch(script -> script.hasAttribute("src")).hasSize(2);
      }
    }
  }

  @Test
  @Order(7)
  @DisplayName("The overview's live part is re-read by htmx every 2 s from its fragment, which shows a new warning; "
      + "once the session is gone, htmx is told to go to the login page and come back")
  void overviewFragmentIsLive() {
    try (UiBrowser ui = UiBrowser.on(site)) {
      HtmlPage overview = ui.logIn(UiBrowser.ADMIN, PASSWORD);
      var live = overview.getHtmlElementById("overview-live");
      assertThat(live.getAttribute("hx-get")).isEqualTo(OverviewPage.LIVE);
      assertThat(live.getAttribute("hx-trigger")).isEqualTo("every 2s");
      assertThat(live.getAttribute("hx-swap")).isEqualTo("outerHTML");
      assertThat(overview.getBody().getAttribute("hx-headers")).isEqualTo("{\"X-CSRF-Token\":\""
          + UiBrowser.csrf(overview) + "\"}");

      warning("late", "h2", "host h2 stopped answering");
      WebResponse fragment = ui.htmx(OverviewPage.LIVE, "/");
      assertThat(fragment.getStatusCode()).isEqualTo(200);
      assertThat(fragment.getContentAsString()).startsWith("<div id=\"overview-live\"")
          .contains("Warning on EdgeHost h2: host h2 stopped answering").doesNotContain("<html");

      ui.post("/logout", Map.of("csrf", UiBrowser.csrf(overview)));
      WebResponse gone = ui.htmx(OverviewPage.LIVE, "/audit?before=3");
      assertThat(gone.getStatusCode()).isEqualTo(401);
      assertThat(gone.getResponseHeaderValue("HX-Redirect")).isEqualTo("/login?next=%2Faudit%3Fbefore%3D3");
    }
  }

  private static void warning(String name, String host, String message) {
    Event warning = new EventBuilder().withNewMetadata().withName(name).withNamespace("site").endMetadata()
        .withType("Warning").withReason("Test").withMessage(message)
        .withNewInvolvedObject().withKind("EdgeHost").withName(host).withNamespace("site").endInvolvedObject()
        .withLastTimestamp(Instant.now().toString()).build();
    site.client().v1().events().inNamespace("site").resource(warning).create();
  }

  @Test
  @Order(100)
  @DisplayName("When the password is wrong too often, then the login page says logins are refused and until when")
  void lockoutIsSaid() {
    try (UiBrowser ui = UiBrowser.on(site)) {
      HtmlPage last = null;
      for (int i = 0; i < 6 && (last == null || last.getWebResponse().getStatusCode() != 429); i++) {
        last = ui.logIn(UiBrowser.ADMIN, "wrong-" + i);
      }
      assertThat(last.getWebResponse().getStatusCode()).isEqualTo(429);
      assertThat(UiBrowser.text(last, "login-error")).startsWith("Too many failed logins for this user or from "
          + "this address: logins are refused until ").contains("try again then");
      assertThat(last.getWebResponse().getResponseHeaderValue("Retry-After")).matches("\\d+");
    }
  }
}
