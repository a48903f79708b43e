package dev.lifecycle.edge.site.testing;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}; nothing is downloaded): for the Local UI's system tests, which take screenshots at a
 * desktop's and a phone's width and run axe-core in the page.
 */
public final class ChromiumBrowser implements AutoCloseable {

  public static final Dimension DESKTOP = new Dimension(1280, 900);
  /** A common phone's CSS width and height. */
  public static final Dimension PHONE = new Dimension(390, 844);
  /** The axe-core impacts a page must have none of. */
  private static final Set<String> BLOCKING = Set.of("serious", "critical");

  private final ChromeDriver driver;
  private final Path screenshots;

  private ChromiumBrowser(ChromeDriver driver, Path screenshots) {
    this.driver = driver;
    this.screenshots = screenshots;
  }

  /** @param screenshots where {@link #screenshot} writes its PNG files (made if missing) */
  public static ChromiumBrowser start(Path screenshots) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(executable("EDGE_CHROMIUM", "/usr/bin/chromium"));
    // the site's certificate is self-signed: a person accepts it once, as docs/local-ui.md says
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--ignore-certificate-errors", "--lang=en-US", "--hide-scrollbars",
        "--window-size=" + DESKTOP.getWidth() + "," + DESKTOP.getHeight());
    // the console (CSP refusals, script errors) is read back by consoleErrors()
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(executable("EDGE_CHROMEDRIVER", "/usr/bin/chromedriver")).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    try {
      Files.createDirectories(screenshots);
    } catch (IOException e) {
      driver.quit();
      throw new UncheckedIOException(e);
    }
    return new ChromiumBrowser(driver, screenshots);
  }

  private static File executable(String variable, String debianPath) {
    String path = System.getenv().getOrDefault(variable, debianPath);
    File file = new File(path);
    if (!file.canExecute()) {
      throw new IllegalStateException(path + " is not there: install the Debian packages chromium and "
          + "chromium-driver (.ci/run does), or set " + variable);
    }
    return file;
  }

  public WebDriver driver() {
    return driver;
  }

  /**
   * Saves the page as {@code NAME-desktop.png} and {@code NAME-phone.png}, the whole page tall at each width, as
   * {@linkplain PalettePng palette PNGs}, and leaves the window at the desktop's size.
   */
  public List<Path> screenshot(String name) {
    try {
      Path desktop = capture(name + "-desktop.png", DESKTOP);
      Path phone = capture(name + "-phone.png", PHONE);
      return List.of(desktop, phone);
    } finally {
      driver.manage().window().setSize(DESKTOP);
    }
  }

  private Path capture(String file, Dimension size) {
    driver.manage().window().setSize(size);
    // the window's height includes the browser's own bars: the page must get its whole height as the viewport
    Number bars = (Number) driver.executeScript("return window.outerHeight - window.innerHeight");
    Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(size.getWidth(),
        Math.max(size.getHeight(), height.intValue() + bars.intValue())));
    Path target = screenshots.resolve(file);
    try {
      Files.write(target, PalettePng.of(driver.getScreenshotAs(OutputType.BYTES)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /**
   * How many CSS pixels the page is wider than the window at {@code size} (0 when nothing overflows sideways), and
   * leaves the window at the desktop's size.
   */
  public int horizontalOverflow(Dimension size) {
    try {
      driver.manage().window().setSize(size);
      Number overflow = (Number) driver.executeScript(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      return Math.max(0, overflow.intValue());
    } finally {
      driver.manage().window().setSize(DESKTOP);
    }
  }

  /**
   * The outermost elements that reach past the window's right edge at {@code size} (tag, id, classes, right edge),
   * for a message saying what overflows; leaves the window at the desktop's size.
   */
  public List<String> overflowingElements(Dimension size) {
    try {
      driver.manage().window().setSize(size);
      @SuppressWarnings("unchecked")
      List<String> found = (List<String>) driver.executeScript("""
          var width = document.documentElement.clientWidth, found = [];
          function past(e) { return e.getBoundingClientRect().right > width + 0.5; }
          document.querySelectorAll('body *').forEach(function (e) {
            if (past(e) && !(e.parentElement && e.parentElement !== document.body && past(e.parentElement))) {
              var classes = typeof e.className === 'string' ? e.className.trim().split(/\\s+/).join('.') : '';
              found.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (classes ? '.' + classes : '')
                  + ' to ' + Math.round(e.getBoundingClientRect().right) + 'px');
            }
          });
          return found.slice(0, 12);""");
      return found;
    } finally {
      driver.manage().window().setSize(DESKTOP);
    }
  }

  /**
   * The console's errors (level SEVERE: a refusal by the Content-Security-Policy, a script error, a file that did
   * not load) since the last call: the browser hands each entry out once.
   */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(LogEntry::getMessage).toList();
  }

  /**
   * The page's serious and critical accessibility violations under WCAG 2.1 A and AA, by axe-core, at the desktop's
   * and then at the phone's width (a table that scrolls only on a phone must be keyboard-scrollable too); leaves the
   * window at the desktop's size.
   */
  public List<Rule> seriousViolations() {
    List<Rule> desktop = seriousViolationsNow();
    try {
      driver.manage().window().setSize(PHONE);
      List<Rule> phone = seriousViolationsNow();
      List<Rule> both = new java.util.ArrayList<>(desktop);
      phone.stream().filter(rule -> desktop.stream().noneMatch(seen -> seen.getId().equals(rule.getId())))
          .forEach(both::add);
      return both;
    } finally {
      driver.manage().window().setSize(DESKTOP);
    }
  }

  private List<Rule> seriousViolationsNow() {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
        .analyze(driver);
    return results.getViolations().stream().filter(rule -> BLOCKING.contains(rule.getImpact())).toList();
  }

  /** The violations as a person reads them: rule, impact, help, the elements. */
  public static String describe(List<Rule> violations) {
    StringBuilder text = new StringBuilder();
    for (Rule rule : violations) {
      text.append(rule.getId()).append(" (").append(rule.getImpact()).append("): ").append(rule.getHelp());
      rule.getNodes().forEach(node -> text.append("\n    ").append(node.getTarget()));
      text.append('\n');
    }
    return text.toString();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
