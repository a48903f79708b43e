package dev.lifecycle.edge.site.testing;

import dev.lifecycle.edge.site.SiteController;
import dev.lifecycle.edge.site.server.CertificateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htmlunit.BrowserVersion;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;

/**
 * A headless browser (HtmlUnit) on a running site controller's Local UI: it trusts exactly the site's certificate
 * (as a technician who accepted it) and does not throw on 4xx/5xx pages (tests look at them).
 *
 * <p>JavaScript is off: HtmlUnit's engine (Rhino) cannot run htmx 2 (it uses spread arguments, {@code f(...xs)},
 * which Rhino does not support: HtmlUnit/htmlunit#891), so the pages are driven as plain HTML forms, which they
 * must work as anyway; what htmx would do is asked with {@link #htmx} (the headers htmx sends), and the real
 * browser tests (Chromium, system profile) run htmx itself.
 *
 * <p>Typical use: {@code try (UiBrowser ui = UiBrowser.on(site)) { HtmlPage overview =
 * ui.logInFirstTime(UiBrowser.initialPassword(site), "New-Password-42"); ... }}.
 */
public final class UiBrowser implements AutoCloseable {

  public static final String ADMIN = "admin";

  private final WebClient client;
  private final String base;

  private UiBrowser(WebClient client, String base) {
    this.client = client;
    this.base = base;
  }

  /** A browser for the site's UI, trusting the certificate in the site's data directory. */
  public static UiBrowser on(SiteController site) {
    Path certificate = site.options().directory().tls().resolve(CertificateFiles.CERTIFICATE);
    WebClient client = new WebClient(BrowserVersion.FIREFOX);
    client.getOptions().setThrowExceptionOnFailingStatusCode(false);
    client.getOptions().setPrintContentOnFailingStatusCode(false);
    client.getOptions().setCssEnabled(false);
    client.getOptions().setJavaScriptEnabled(false);
    client.getOptions().setTimeout((int) Duration.ofSeconds(20).toMillis());
    client.getOptions().setSSLTrustStore(trustStore(certificate, site.options().directory().root()), "changeit",
        "PKCS12");
    return new UiBrowser(client, "https://" + site.listening().host() + ":" + site.port());
  }

  /** The initial admin password the site made on its first start. */
  public static String initialPassword(SiteController site) {
    try {
      return Files.readString(site.options().directory().initialAdminPassword()).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebClient client() {
    return client;
  }

  /** The site's address, such as {@code https://127.0.0.1:40123}. */
  public String base() {
    return base;
  }

  /**
   * A GET as htmx sends it from {@code fromPage} (a path such as {@code /}): with {@code HX-Request} and
   * {@code HX-Current-URL}, the session cookie, no redirect followed.
   */
  public WebResponse htmx(String path, String fromPage) {
    boolean redirects = client.getOptions().isRedirectEnabled();
    try {
      WebRequest request = new WebRequest(new URL(base + path), HttpMethod.GET);
      request.setAdditionalHeader("HX-Request", "true");
      request.setAdditionalHeader("HX-Current-URL", base + fromPage);
      client.getOptions().setRedirectEnabled(false);
      return client.loadWebResponse(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      client.getOptions().setRedirectEnabled(redirects);
    }
  }

  /** Opens a path of the site ({@code /}, {@code /audit?before=9}) and follows redirects. */
  public HtmlPage open(String path) {
    Page page = openAny(path);
    if (!(page instanceof HtmlPage html)) {
      throw new AssertionError(path + " answered " + page.getWebResponse().getStatusCode() + " "
          + page.getWebResponse().getContentType() + ", not a page");
    }
    return html;
  }

  /** Opens a path of the site, whatever it answers. */
  public Page openAny(String path) {
    try {
      return client.getPage(base + path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills the login form of {@code loginPage} and submits it; the page it leads to. */
  public HtmlPage submitLogin(HtmlPage loginPage, String user, String password) {
    HtmlForm form = loginPage.getForms().stream().filter(f -> "/login".equals(f.getActionAttribute())).findFirst()
        .orElseThrow(() -> new AssertionError("no login form on " + loginPage.getUrl()));
    form.getInputByName("user").setValue(user);
    form.getInputByName("password").setValue(password);
    return click(form, loginPage);
  }

  /** Opens the login page and logs in; the page it leads to. */
  public HtmlPage logIn(String user, String password) {
    return submitLogin(open("/login"), user, password);
  }

  /** Fills the change-password form of {@code passwordPage} and submits it; the page it leads to. */
  public HtmlPage submitPasswordChange(HtmlPage passwordPage, String oldPassword, String newPassword,
      String again) {
    HtmlForm form = passwordPage.getForms().stream().filter(f -> "/password".equals(f.getActionAttribute()))
        .findFirst().orElseThrow(() -> new AssertionError("no password form on " + passwordPage.getUrl()));
    form.getInputByName("oldPassword").setValue(oldPassword);
    form.getInputByName("newPassword").setValue(newPassword);
    form.getInputByName("confirmPassword").setValue(again);
    return click(form, passwordPage);
  }

  /** The first login of a site: admin with the initial password, then the forced change; the overview. */
  public HtmlPage logInFirstTime(String initialPassword, String newPassword) {
    HtmlPage forced = logIn(ADMIN, initialPassword);
    if (!forced.getUrl().getPath().equals("/password")) {
      throw new AssertionError("the first login led to " + forced.getUrl() + ", not to the password change");
    }
    return submitPasswordChange(forced, initialPassword, newPassword, newPassword);
  }

  /** A form POST made by hand (no page, no CSRF token unless given): what a forged request would send. */
  public WebResponse post(String path, Map<String, String> fields) {
    try {
      WebRequest request = new WebRequest(new URL(base + path), HttpMethod.POST);
      List<NameValuePair> pairs = new ArrayList<>();
      fields.forEach((name, value) -> pairs.add(new NameValuePair(name, value)));
      request.setRequestParameters(pairs);
      return client.loadWebResponse(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CSRF token the page carries for its forms (the layout's logout form has it on every page). */
  public static String csrf(HtmlPage page) {
    return page.getForms().stream().flatMap(f -> f.getInputsByName("csrf").stream()).findFirst()
        .orElseThrow(() -> new AssertionError("no CSRF field on " + page.getUrl())).getValue();
  }

  /** The text of the element with this id, or an assertion error naming the page. */
  public static String text(HtmlPage page, String id) {
    return page.getElementById(id) == null ? failNoElement(page, id) : page.getElementById(id).asNormalizedText();
  }

  private static String failNoElement(HtmlPage page, String id) {
    throw new AssertionError("no element #" + id + " on " + page.getUrl() + ":\n" + page.asNormalizedText());
  }

  private static HtmlPage click(HtmlForm form, HtmlPage page) {
    try {
      Page next = form.getOneHtmlElementByAttribute("button", "type", "submit").click();
      if (!(next instanceof HtmlPage html)) {
        throw new AssertionError("the form of " + page.getUrl() + " led to " + next.getWebResponse().getStatusCode());
      }
      return html;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URL trustStore(Path certificatePem, Path dataDir) {
    try (InputStream in = Files.newInputStream(certificatePem)) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("site", CertificateFactory.getInstance("X.509").generateCertificate(in));
      Path file = Files.createTempFile(dataDir.getParent(), "ui-browser-trust", ".p12");
      try (OutputStream out = Files.newOutputStream(file)) {
        trust.store(out, "changeit".toCharArray());
      }
      return file.toUri().toURL();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
