package dev.lifecycle.edge.site.ui.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.site.ui.Chrome;
import dev.lifecycle.edge.site.ui.Nav;
import dev.lifecycle.edge.site.ui.Pages;
import dev.lifecycle.edge.site.ui.UiAssets;
import dev.lifecycle.edge.site.ui.hosts.ConfirmHostView;
import dev.lifecycle.edge.site.ui.hosts.HostsView;
import dev.lifecycle.edge.site.ui.hosts.LinkView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The content and hosts templates rendered alone: escaping, what an item in use offers, labels on every control. */
class ContentTemplatesTest {

  static final String HOSTILE = "<script>alert(\"x\")</script>' \"quoted\"";
  static final String ID = "sha256:" + "ab".repeat(32);
  final Pages pages = new Pages("store", UiAssets.load());
  final Chrome chrome = new Chrome("store", "admin", "csrf-token", Nav.CONTENT, UiAssets.load());

  String render(String template, Object view) {
    return pages.render(template, view).toString(StandardCharsets.UTF_8);
  }

  ContentView.Item item(List<String> usedBy) {
    return new ContentView.Item(ID, HOSTILE, List.of("retail 1.4.0: " + HOSTILE), "1.5 MB", "key-" + HOSTILE,
        "2026-12-06 10:00 UTC", usedBy);
  }

  ContentView view(List<String> usedBy) {
    return new ContentView(chrome, true, true, List.of(item(usedBy)), List.of(item(usedBy)), "Bundle " + HOSTILE
        + " was verified", "1.1 GB", "67.1 MB");
  }

  @Test
  @DisplayName("Names, versions, descriptions, signers and users carrying <script> and quotes render as text")
  void escapes() {
    String html = render("content/content.jte", view(List.of(HOSTILE)));
    assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;")
        .doesNotContain(" style=");
    String confirm = render("content/confirmDelete.jte", new ConfirmDeleteView(chrome, "bundle",
        ContentPage.BUNDLE_DELETE, item(List.of())));
    assertThat(confirm).doesNotContain("<script>alert").contains("value=\"" + ID + "\"");
  }

  @Test
  @DisplayName("An item in use offers no delete but names its users; an unused one links to its confirmation page, "
      + "which posts its id with the CSRF token")
  void inUse() {
    String used = render("content/contentLists.jte", view(List.of("store-0042")));
    assertThat(used).contains("store-0042").contains("In use: cannot be deleted").doesNotContain("/delete?id=");
    String unused = render("content/contentLists.jte", view(List.of()));
    assertThat(unused).contains("href=\"/content/bundles/delete?id=" + ID + "\"")
        .contains("href=\"/content/definitions/delete?id=" + ID + "\"");
    String confirmUsed = render("content/confirmDelete.jte", new ConfirmDeleteView(chrome, "definition",
        ContentPage.DEFINITION_DELETE, item(List.of("store-0042"))));
    assertThat(confirmUsed).contains("is used by cluster store-0042, so it cannot be deleted")
        .doesNotContain("confirm-delete");
    String confirm = render("content/confirmDelete.jte", new ConfirmDeleteView(chrome, "definition",
        ContentPage.DEFINITION_DELETE, item(List.of())));
    assertThat(confirm).contains("action=\"/content/definitions/delete\"")
        .contains("<input type=\"hidden\" name=\"csrf\" value=\"csrf-token\">")
        .contains("<button type=\"submit\" id=\"confirm-delete\" class=\"danger\">Delete definition</button>");
  }

  @Test
  @DisplayName("The upload forms post multipart to the page's routes, name the site API's routes for the script, and "
      + "carry the CSRF token in their URL (a streamed form's fields come only after its file)")
  void uploadForms() {
    String html = render("content/content.jte", view(List.of()));
    assertThat(html).contains("action=\"/content/bundles?csrf=csrf-token\" enctype=\"multipart/form-data\" "
        + "data-api=\"/api/site/v1/bundles\"").contains("data-api=\"/api/site/v1/definitions\"");
    assertThat(html).contains("action=\"/content/definitions?csrf=csrf-token\"");
    String untrusting = render("content/content.jte", new ContentView(chrome, false, false, List.of(), List.of(),
        null, null, "67.1 MB"));
    assertThat(untrusting).contains("trusts no signing key").doesNotContain("name=\"archive\"");
  }

  @Test
  @DisplayName("Host names, facts and link token text render as text; the link page shows the QR image with an alt "
      + "text and the expiry")
  void hosts() {
    HostsView.HostRow row = new HostsView.HostRow("h1", "Available: linked, in no cluster", "state-ok", null, "none",
        "12 s ago", "2026-12-06 10:00:00 UTC", HOSTILE, "m-" + HOSTILE, null, null, false);
    String html = render("hosts/hosts.jte", new HostsView(chrome, new HostsView.Live(List.of(row)),
        List.of(new HostsView.LinkRow("link-abc", HOSTILE, "10:02:00 UTC")), "Host " + HOSTILE + " was unlinked."));
    assertThat(html).doesNotContain("<script>alert").contains("12 s ago").contains("hx-trigger=\"every 2s\"")
        .contains("href=\"/hosts/unlink?host=h1\"").doesNotContain("/hosts/reset?host=h1");
    String link = render("hosts/link.jte", new LinkView(chrome, "link-abc", "edge-link:" + HOSTILE,
        "data:image/svg+xml;base64,AAAA", "10:02:00 UTC", "2026-12-06T10:02:00Z", 120));
    assertThat(link).doesNotContain("<script>alert")
        .contains("<img id=\"link-qr\" src=\"data:image/svg+xml;base64,AAAA\" alt=\"QR code of the link token "
            + "link-abc\"")
        .contains("<strong id=\"link-expiry\">10:02:00 UTC</strong>")
        .contains("data-expires=\"2026-12-06T10:02:00Z\"");
    String confirm = render("hosts/confirm.jte", new ConfirmHostView(chrome, "h1", "Unlink", "/hosts/unlink",
        "The site deletes " + HOSTILE));
    assertThat(confirm).doesNotContain("<script>alert").contains("Unlink host h1</button>");
  }

  @Test
  @DisplayName("Every input that is not hidden, every textarea and progress bar has a label naming it")
  void labels() {
    HostsView.HostRow row = new HostsView.HostRow("h1", "Running", "state-ok", "store", "control plane", "1 s ago",
        null, "amd64", null, "1.4.0", null, true);
    int checked = 0;
    for (String html : List.of(render("content/content.jte", view(List.of())),
        render("hosts/hosts.jte", new HostsView(chrome, new HostsView.Live(List.of(row)), List.of(), null)),
        render("hosts/link.jte", new LinkView(chrome, "l", "t", "data:x", "e", "2026-12-06T10:02:00Z", 1)))) {
      Matcher controls = Pattern.compile("<(input|textarea|progress|select)\\b([^>]*)>").matcher(html);
      while (controls.find()) {
        if (controls.group(2).contains("type=\"hidden\"")) {
          continue;
        }
        Matcher id = Pattern.compile("id=\"([^\"]+)\"").matcher(controls.group(2));
        assertThat(id.find()).as(controls.group()).isTrue();
        assertThat(html).as("a label for #" + id.group(1)).contains("<label for=\"" + id.group(1) + "\"");
        checked++;
      }
    }
    assertThat(checked).as("two files, two progress bars, the token text").isEqualTo(5);
  }
}
