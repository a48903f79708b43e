package dev.lifecycle.edge.site.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.site.SiteController;
import dev.lifecycle.edge.site.SiteMounts;
import dev.lifecycle.edge.site.SiteOptions;
import dev.lifecycle.edge.site.SiteStore;
import dev.lifecycle.edge.site.clusters.SiteFixtures;
import dev.lifecycle.edge.site.server.CertificateFiles;
import dev.lifecycle.edge.site.server.ListenAddress;
import dev.lifecycle.edge.site.testing.ChromiumBrowser;
import dev.lifecycle.edge.site.testing.UiBrowser;
import dev.lifecycle.edge.wire.LinkToken;
import io.vertx.core.json.JsonObject;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Local UI in a real browser (Debian's Chromium, headless, JavaScript and htmx on) against a real site
 * controller with simulated hosts: the site's lifecycle page by page, in order. Every page the flow reaches is
 * {@linkplain #page checked} the same way: zero serious or critical axe-core violations, no error in the browser's
 * console (a Content-Security-Policy refusal is one), nothing wider than a phone's 390 px, and screenshots at a
 * desktop's and a phone's width.
 *
 * <p>Screenshots go to {@code target/screenshots}, or to the directory the system property
 * {@code local-ui.screenshots} (or the variable {@code LOCAL_UI_SCREENSHOTS}) names, a relative one from the
 * repository's root: {@code -Dlocal-ui.screenshots=docs/images/local-ui} refreshes the documentation's copies.
 *
 * <p>A page group adds one {@code @Test @Order(n)} method: it drives the page as a person would and calls
 * {@link #page} once the page shows what its screenshot should show.
 */
@Tag("system")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalUiBrowserIT {

  static final String SITE = "store-0042";
  static final String PASSWORD = "Store-0042-Keys!";
  /** How long a live part may take to show a change: htmx polls every 2 s, hosts report every 200 ms. */
  static final Duration LIVE = Duration.ofSeconds(60);

  /**
   * How long a simulated host takes to apply a plan: long enough that the cluster's page, polling every 2 s, shows
   * the host at work while a cluster forms or updates.
   */
  static final Duration APPLY = Duration.ofSeconds(4);

  @TempDir
  static Path dir;
  static SiteController site;
  static SiteOptions options;
  static ChromiumBrowser chromium;
  static WebDriver driver;
  static String base;
  /** The simulated hosts, one fleet of one host per link token (a link token links one host). */
  static final List<FleetSimulator> fleets = new ArrayList<>();
  /** The pages checked so far, each with its screenshots: printed at the end. */
  static final Map<String, List<Path>> checked = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    Path trust = dir.resolve("forge.pub");
    Files.writeString(trust, SiteFixtures.TRUST.toPem());
    options = SiteOptions.defaults(dir.resolve("data"), SITE).withListen(new ListenAddress("127.0.0.1", 0))
        .withTrustKeys(List.of(trust));
    site = SiteController.start(options, SiteStore.IN_MEMORY, SiteMounts.DEFAULT);
    await().atMost(Duration.ofSeconds(30)).until(() -> site.notReady().isEmpty());
    base = "https://" + site.listening().host() + ":" + site.port();
    chromium = ChromiumBrowser.start(screenshots());
    driver = chromium.driver();
  }

  @AfterAll
  static void stop() {
    fleets.forEach(FleetSimulator::close);
    if (chromium != null) {
      chromium.close();
    }
    if (site != null) {
      site.close();
    }
    checked.forEach((name, files) -> System.out.println("Local UI page " + name + ": axe-core found no serious "
        + "violation, console clean, no overflow at 390 px; " + files));
  }

  /** Where the screenshots go: see the class's comment. */
  static Path screenshots() {
    String named = System.getProperty("local-ui.screenshots", System.getenv("LOCAL_UI_SCREENSHOTS"));
    if (named == null || named.isBlank()) {
      return Path.of("target", "screenshots").toAbsolutePath();
    }
    Path path = Path.of(named);
    return path.isAbsolute() ? path : repositoryRoot().resolve(path);
  }

  /** The reactor's root: tests run in the module's directory, {@code site/}. */
  private static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
      if (Files.isDirectory(candidate.resolve("site")) && Files.exists(candidate.resolve("pom.xml"))) {
        return candidate;
      }
    }
    return here;
  }

  @Test
  @Order(1)
  @DisplayName("Opening the site without a session shows the login page, whose first keyboard stop is the "
      + "skip link; the console check catches a CSP refusal (an inline script a page tried to run)")
  void loginPage() {
    driver.get(base + "/");
    waitForPath("/login");
    assertThat(driver.getTitle()).isEqualTo("Log in · " + SITE);
    page("login");
    driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    assertThat(driver.switchTo().activeElement().getText()).as("the keyboard's first stop").isEqualTo(
        "Skip to the page");
    assertThat(driver.switchTo().activeElement().isDisplayed()).as("and it shows when it has the focus").isTrue();

    ((JavascriptExecutor) driver).executeScript("var s = document.createElement('script');"
        + " s.textContent = 'window.ranInline = true'; document.head.appendChild(s);");
    assertThat(((JavascriptExecutor) driver).executeScript("return window.ranInline === true")).as("the CSP "
        + "refused the inline script").isEqualTo(false);
    assertThat(chromium.consoleErrors()).as("and the console says so").anyMatch(message -> message
        .contains("Content Security Policy"));
  }

  @Test
  @Order(2)
  @DisplayName("The first login with the initial password opens the forced password change, and the new password "
      + "opens the overview")
  void firstLoginAndPasswordChange() {
    driver.get(base + "/login");
    type("user", UiBrowser.ADMIN);
    type("password", UiBrowser.initialPassword(site));
    submit("Log in");
    waitForPath("/password");
    assertThat(driver.findElement(By.tagName("main")).getText())
        .contains("This is the site's initial password");
    page("password");

    type("oldPassword", UiBrowser.initialPassword(site));
    type("newPassword", PASSWORD);
    type("confirmPassword", PASSWORD);
    submit("Change the password");
    waitForPath("/");
    assertThat(driver.getTitle()).isEqualTo("Overview · " + SITE);
    assertThat(text("site-name")).isEqualTo(SITE);
  }

  @Test
  @Order(3)
  @DisplayName("The overview of a new site says there is no cluster and no host yet")
  void overviewOfANewSite() {
    driver.get(base + "/");
    assertThat(text("overview-live")).contains("No cluster yet").contains("No host is linked yet");
    check("overview-empty");
  }

  @Test
  @Order(10)
  @DisplayName("Content: a cluster definition uploaded from the page shows its progress bar, then the verification "
      + "and signer in words, and appears in the list without a reload")
  void contentUpload() throws Exception {
    menu("Content", "/content");
    check("content-empty");
    markPage();
    Path definition = SiteFixtures.definition(dir, SiteFixtures.retail140(), SiteFixtures.retail150());
    driver.findElement(By.id("definition-file")).sendKeys(definition.toString());
    driver.findElement(By.id("definition-upload-button")).click();
    WebElement status = driver.findElement(By.id("definition-status"));
    new WebDriverWait(driver, LIVE).until(ready -> status.getText().contains("was verified and kept"));
    assertThat(status.getText()).contains("signed by");
    WebElement bar = driver.findElement(By.id("definition-progress"));
    assertThat(bar.isDisplayed()).as("the progress bar").isTrue();
    assertThat(bar.getDomProperty("value")).isEqualTo("100");
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("definitions")));
    assertThat(text("definitions")).contains("retail").contains("Verified");
    assertPageNotReloaded();
    page("content");
  }

  @Test
  @Order(20)
  @DisplayName("Hosts: linking a new host shows the link token as text and as a QR code with a ticking countdown; "
      + "the host that links with it, and two more, appear on the overview without a reload")
  void hostsLink() throws Exception {
    menu("Hosts", "/hosts");
    check("hosts-empty");
    driver.findElement(By.id("link-button")).click();
    waitForPath("/hosts/links");
    WebElement qr = driver.findElement(By.id("link-qr"));
    assertThat(qr.isDisplayed()).isTrue();
    assertThat(((JavascriptExecutor) driver).executeScript("return arguments[0].complete && "
        + "arguments[0].naturalWidth > 0", qr)).as("the QR code is drawn").isEqualTo(true);
    WebElement countdown = driver.findElement(By.id("link-countdown"));
    String first = countdown.getText();
    assertThat(first).matches("Expires in [12]:[0-5][0-9]\\.");
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(ready -> !countdown.getText().equals(first));
    assertThat(countdown.getText()).as("it ticks").matches("Expires in [01]:[0-5][0-9]\\.");
    String token = driver.findElement(By.id("link-text")).getDomProperty("value");
    page("hosts-link");

    menu("Overview", "/");
    markPage();
    fleets.add(fleet(LinkToken.parse(token), "rack-a"));
    SiteApi api = SiteApi.logIn(site, UiBrowser.ADMIN, PASSWORD);
    for (String rack : List.of("rack-b", "rack-c")) {
      fleets.add(fleet(LinkToken.parse(api.post("/links").getString("text")), rack));
    }
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("overview-live"), "3 hosts linked"));
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("hosts-by-phase"), "Available"));
    assertPageNotReloaded();
    check("overview-hosts");

    menu("Hosts", "/hosts");
    liveWait(LIVE).until(ready -> driver.findElements(By.cssSelector("#hosts tbody tr")).size() == 3
        && text("hosts").split("Available", -1).length == 4);
    page("hosts");
  }

  @Test
  @Order(30)
  @DisplayName("Create a cluster: the wizard checks a setting as it is typed, explains the roles, reviews, creates; "
      + "the cluster's page shows it forming live, the host at work, until it runs")
  void createClusterAndWatchItForm() {
    menu("Clusters", "/clusters");
    check("clusters-empty");
    driver.findElement(By.id("create-link")).click();
    waitForPath("/clusters/new");
    type("name", SITE);
    driver.findElement(By.xpath("//label[contains(normalize-space(), 'version 1.4.0')]")).click();
    page("wizard-definition");
    driver.findElement(By.id("wizard-next")).click();

    new WebDriverWait(driver, LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("var-storeId")));
    type("var-storeId", "42x");
    liveWait(LIVE).until(ready -> !text("var-storeId-problems").isEmpty());
    assertThat(text("var-storeId-problems")).as("checked as typed, nothing submitted").isNotBlank();
    assertThat(URI.create(driver.getCurrentUrl()).getPath()).isEqualTo("/clusters/new");
    type("var-dbPassword", "pg-Secret-1");
    page("wizard-settings");
    type("var-storeId", "0042");
    liveWait(LIVE).until(ready -> text("var-storeId-problems").isEmpty());
    driver.findElement(By.id("wizard-next")).click();

    new WebDriverWait(driver, LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("control-plane-rule")));
    List<WebElement> roles = driver.findElements(By.cssSelector("select[id^='role-']"));
    assertThat(roles).hasSize(3);
    new Select(roles.get(0)).selectByVisibleText("Control plane");
    new Select(roles.get(1)).selectByVisibleText("Worker");
    new Select(roles.get(2)).selectByVisibleText("Worker");
    page("wizard-hosts");
    driver.findElement(By.id("wizard-next")).click();
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("podRange")));
    check("wizard-network");
    driver.findElement(By.id("wizard-next")).click();
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("review")));
    assertThat(text("review-name")).isEqualTo(SITE);
    page("wizard-review");

    driver.findElement(By.id("create-cluster")).click();
    waitForPath("/clusters/" + SITE);
    markPage();
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("in-flight"),
        "At work now"));
    page("cluster-forming");
    new WebDriverWait(driver, Duration.ofSeconds(120)).until(ExpectedConditions.textToBe(By.id("cluster-phase"),
        "Running"));
    assertPageNotReloaded();
    assertThat(text("cluster-version")).startsWith("1.4.0");
    page("cluster");
  }

  @Test
  @Order(31)
  @DisplayName("Pause and resume: the cluster's page says it is paused, then offers Pause again")
  void pauseAndResume() {
    driver.findElement(By.id("pause")).click();
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("resume")));
    assertThat(text("cluster-paused")).isEqualTo("Paused");
    page("cluster-paused");
    driver.findElement(By.id("resume")).click();
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("pause")));
    assertThat(driver.findElements(By.id("cluster-paused"))).isEmpty();
  }

  @Test
  @Order(32)
  @DisplayName("Update: the preview says what each layer's change costs a host and the settings kept; applied, the "
      + "cluster's page shows the hosts moving one at a time until all run the new version")
  void updatePreviewAndApply() {
    driver.findElement(By.id("update-link")).click();
    waitForPath("/clusters/" + SITE + "/update");
    driver.findElement(By.xpath("//label[contains(normalize-space(), 'version 1.5.0')]")).click();
    driver.findElement(By.id("preview")).click();
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.presenceOfElementLocated(By.id("update-preview")));
    assertThat(text("preview-layers")).contains("k3s");
    assertThat(text("host-action")).startsWith("What each host must do:");
    page("update-preview");

    driver.findElement(By.id("apply")).click();
    waitForPath("/clusters/" + SITE);
    markPage();
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("in-flight"),
        "At work now"));
    page("cluster-updating");
    liveWait(Duration.ofSeconds(120)).until(ready -> text("cluster-phase").equals("Running")
        && text("cluster-version").startsWith("1.5.0"));
    assertPageNotReloaded();
  }

  @Test
  @Order(40)
  @DisplayName("The overview of the running site")
  void overviewOfARunningSite() {
    menu("Overview", "/");
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("overview-live"),
        "Running"));
    page("overview");
  }

  @Test
  @Order(50)
  @DisplayName("The audit page, opened from the menu, lists every change made through the page")
  void audit() {
    menu("Audit", "/audit");
    assertThat(text("audit")).contains("password.change").contains("definition.upload").contains("link.create")
        .contains("cluster.create").contains("cluster.pause").contains("cluster.resume").contains("cluster.update");
    page("audit");
  }

  @Test
  @Order(100)
  @DisplayName("When the controller stops while a page is open, the page says it cannot be reached; when the "
      + "controller answers again, the bar goes away")
  void unreachableBanner() {
    driver.get(base + "/");
    waitForPath("/");
    WebElement banner = driver.findElement(By.id("unreachable"));
    assertThat(banner.isDisplayed()).isFalse();
    int port = site.port();
    site.close();
    site = null;
    new WebDriverWait(driver, LIVE).until(ExpectedConditions.visibilityOf(banner));
    assertThat(banner.getText()).startsWith("The site controller cannot be reached");
    // the poll's failed requests are in the console (the browser's and htmx's own lines): expected here
    page("unreachable", true);

    site = SiteController.start(options.withListen(new ListenAddress("127.0.0.1", port)), SiteStore.IN_MEMORY,
        SiteMounts.DEFAULT);
    new WebDriverWait(driver, LIVE).until(ready -> ((JavascriptExecutor) ready).executeScript(
        "var banner = document.getElementById('unreachable'); return banner !== null && banner.hidden"));
  }

  /** Checks the page the browser shows and saves its screenshots as {@code NAME-desktop.png}, {@code -phone.png}. */
  static void page(String name) {
    page(name, false);
  }

  /** Checks a state of a page that has its screenshots under another name (an empty list, say). */
  static void check(String name) {
    check(name, false);
    checked.put(name, List.of());
  }

  private static void page(String name, boolean failedRequestsExpected) {
    check(name, failedRequestsExpected);
    checked.put(name, chromium.screenshot(name));
  }

  private static void check(String name, boolean failedRequestsExpected) {
    new WebDriverWait(driver, LIVE).until(ready -> ((JavascriptExecutor) ready).executeScript(
        "return document.readyState === 'complete' && typeof window.htmx === 'object'"));
    assertThat(ChromiumBrowser.describe(chromium.seriousViolations())).as(name + ": axe-core's serious and "
        + "critical violations").isEmpty();
    List<String> errors = new ArrayList<>(chromium.consoleErrors());
    if (failedRequestsExpected) {
      errors.removeIf(error -> error.contains("net::ERR_CONNECTION_REFUSED") || error.contains("htmx:sendError")
          || error.contains("htmx:afterRequest"));
    }
    assertThat(errors).as(name + ": the console's errors (CSP refusals among them)").isEmpty();
    int overflow = chromium.horizontalOverflow(ChromiumBrowser.PHONE);
    if (Boolean.getBoolean("trial")) { System.out.println("OVERFLOW " + name + " " + overflow + " " + chromium.overflowingElements(ChromiumBrowser.PHONE)); overflow = 0; }
    assertThat(overflow).as(() -> name + ": pixels wider than a phone, from "
        + chromium.overflowingElements(ChromiumBrowser.PHONE)).isZero();
  }

  /** A simulated host linking with this token, its name made of {@code prefix}. */
  static FleetSimulator fleet(LinkToken link, String prefix) {
    FleetSimulator fleet = FleetSimulator.builder(link.controller(), link.token()).hosts(1).machineIdPrefix(prefix)
        .pollInterval(Duration.ofMillis(300)).applyTime(APPLY).caCert(certificate()).build();
    fleet.start();
    return fleet;
  }

  /** Opens a page from the menu, as a person does. */
  static void menu(String label, String path) {
    driver.findElement(By.cssSelector("header nav")).findElement(By.linkText(label)).click();
    waitForPath(path);
  }

  /** Marks the page open now: {@link #assertPageNotReloaded} tells it is still the same page. */
  static void markPage() {
    ((JavascriptExecutor) driver).executeScript("window.notReloaded = true");
  }

  static void assertPageNotReloaded() {
    assertThat(((JavascriptExecutor) driver).executeScript("return window.notReloaded === true"))
        .as("htmx or the page's script changed the page in place: it was not reloaded").isEqualTo(true);
  }

  static void waitForPath(String path) {
    new WebDriverWait(driver, LIVE).until(ready -> URI.create(ready.getCurrentUrl()).getPath().equals(path));
  }

  static void type(String id, String value) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  /** Clicks the main part's button with this text. */
  static void submit(String button) {
    driver.findElement(By.xpath("//main//button[normalize-space()='" + button + "']")).click();
  }

  /**
   * A wait whose condition reads elements the page replaces while it updates itself: an element read in the middle
   * of a swap is stale for that moment, and the wait looks again rather than failing.
   */
  static WebDriverWait liveWait(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  static String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  static Path certificate() {
    return options.directory().tls().resolve(CertificateFiles.CERTIFICATE);
  }

  /** The site API over HTTPS, trusting exactly the site's certificate, with a Bearer session. */
  record SiteApi(HttpClient http, String base, String token) {

    static SiteApi logIn(SiteController site, String user, String password) throws Exception {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = new FileInputStream(certificate().toFile())) {
        trust.setCertificateEntry("site", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, factory.getTrustManagers(), null);
      HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30)).build();
      String api = "https://" + site.listening().host() + ":" + site.port() + "/api/site/v1";
      SiteApi anonymous = new SiteApi(http, api, null);
      return new SiteApi(http, api, anonymous.send("POST", "/session", new JsonObject().put("user", user)
          .put("password", password)).getString("token"));
    }

    JsonObject post(String path) throws Exception {
      return send("POST", path, null);
    }

    JsonObject send(String method, String path, JsonObject body) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body.encode()));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 299);
      return new JsonObject(answer.body());
    }
  }
}
