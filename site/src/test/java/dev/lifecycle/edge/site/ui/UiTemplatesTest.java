package dev.lifecycle.edge.site.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.site.audit.AuditEntry;
import dev.lifecycle.edge.site.api.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.Assertions;

/** The templates rendered alone: escaping, the layout's parts, and labels on every control. */
class UiTemplatesTest {

  static final String HOSTILE = "<script>alert('x')</script>\"";
  final Pages pages = new Pages("store <b>", UiAssets.load());

  Chrome chrome(Nav place) {
    return new Chrome("store <b>", "admin", "csrf-token", place, UiAssets.load());
  }

  String render(String template, Object view) {
    return pages.render(template, view).toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("Values are escaped in text and in attributes; the site name too")
  void escapes() {
    String html = render("audit.jte", new AuditView(chrome(Nav.AUDIT), List.of(new AuditEntry(7,
        "2026-12-06T10:00:00Z", HOSTILE, "127.0.0.1", "session.login", HOSTILE, AuditEntry.REFUSED, HOSTILE)),
        "/audit?before=7&x=\"", true));
    assertThat(html).doesNotContain("<script>alert").doesNotContain("store <b>")
        .contains("<td>&lt;script&gt;alert('x')&lt;/script&gt;\"</td>").contains("store &lt;b&gt;")
        .contains("href=\"/audit?before=7&amp;x=&#34;\"");
  }

  @Test
  @DisplayName("The layout marks the current place, carries the CSRF token for htmx and the logout form, and has "
      + "the unreachable banner hidden; signed out, it has neither navigation nor token")
  void layout() {
    String html = render("problem.jte", new ProblemView(chrome(Nav.AUDIT), 404, "Not found", "No such page.",
        List.of()));
    assertThat(html).contains("<a href=\"/audit\" aria-current=\"page\">Audit</a>")
        .contains("<a href=\"/hosts\">Hosts</a>")
        .contains("hx-headers=\"{&#34;X-CSRF-Token&#34;:&#34;csrf-token&#34;}\"")
        .contains("<input type=\"hidden\" name=\"csrf\" value=\"csrf-token\">")
        .containsPattern("<div id=\"unreachable\"[^>]*hidden>")
        .doesNotContain("style=");
    String login = render("login.jte", new LoginView(new Chrome("store", null, null, Nav.NONE, UiAssets.load()), "/",
        "", "Wrong user name or password."));
    assertThat(login).doesNotContain("hx-headers").doesNotContain("<nav").doesNotContain("name=\"csrf\"")
        .contains("Wrong user name or password.");
  }

  @Test
  @DisplayName("Every input that is not hidden has a label naming it")
  void labels() {
    for (String html : List.of(
        render("login.jte", new LoginView(chrome(Nav.NONE), "/", "", null)),
        render("password.jte", new PasswordView(chrome(Nav.NONE), true, "/", null)))) {
      java.util.regex.Matcher inputs = java.util.regex.Pattern.compile("<input type=\"(?!hidden)[^\"]*\" id=\"([^\"]+)\"")
          .matcher(html);
      int count = 0;
      while (inputs.find()) {
        count++;
        assertThat(html).contains("<label for=\"" + inputs.group(1) + "\">");
      }
      assertThat(count).isPositive();
    }
  }

  @Test
  @DisplayName("A page number that is not one is refused in words")
  void auditPageNumber() {
    assertThat(AuditPage.before(null)).isNull();
    assertThat(AuditPage.before("12")).isEqualTo(12L);
    Assertions.assertThatThrownBy(() -> AuditPage.before("0")).isInstanceOf(ApiProblem.class)
        .hasMessageContaining("is not an entry number");
    Assertions.assertThatThrownBy(() -> AuditPage.before("x".repeat(100))).hasMessageContaining("xxx...");
  }
}
