package dev.lifecycle.edge.site.ui.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.VariableType;
import dev.lifecycle.edge.site.clusters.ClusterProgress;
import dev.lifecycle.edge.site.clusters.DefinitionSummary;
import dev.lifecycle.edge.site.clusters.HostCandidate;
import dev.lifecycle.edge.site.clusters.UpdatePreview;
import dev.lifecycle.edge.site.links.SiteHosts;
import dev.lifecycle.edge.site.ui.Chrome;
import dev.lifecycle.edge.site.ui.Nav;
import dev.lifecycle.edge.site.ui.Pages;
import dev.lifecycle.edge.site.ui.UiAssets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cluster pages' templates rendered alone: hostile names and descriptions as text, a label on every control. */
class ClusterTemplatesTest {

  static final String HOSTILE = "<script>alert(\"x\")</script>' \"quoted\"";
  static final String ESCAPED_TEXT = "&lt;script&gt;alert(\"x\")&lt;/script&gt;' \"quoted\"";

  final Pages pages = new Pages("store", UiAssets.load());
  final Chrome chrome = new Chrome("store", "admin", "csrf-token", Nav.CLUSTERS, UiAssets.load());

  String render(String template, Object view) {
    return pages.render(template, view).toString(StandardCharsets.UTF_8);
  }

  static ProfileVariable hostileVariable() {
    ProfileVariable variable = new ProfileVariable("storeId", VariableType.STRING);
    variable.setDescription(HOSTILE);
    variable.setDefaultValue(HOSTILE);
    variable.setPattern("^[0-9]{4}$");
    variable.setRequired(true);
    return variable;
  }

  WizardView wizard(WizardStep step, Map<String, List<String>> problems) {
    ProfileVariable variable = hostileVariable();
    DefinitionSummary definition = new DefinitionSummary("sha256:" + "ab".repeat(32), HOSTILE, "ns",
        List.of(new DefinitionSummary.Version("retail-1.4.0", HOSTILE, "1.4.0", HOSTILE, List.of(variable))), 10,
        HOSTILE, Instant.parse("2026-12-06T10:00:00Z"), List.of());
    ClusterDraft draft = ClusterDraft.of(Map.of("name", List.of(HOSTILE), "var.storeId", List.of(HOSTILE),
        "definition", List.of(definition.digest()), "version", List.of("retail-1.4.0")));
    return new WizardView(chrome, step, draft, List.of(definition), List.of(variable), HOSTILE,
        List.of(new HostCandidate("host-a", EdgeHostStatus.Phase.Available, null, null, false),
            new HostCandidate(HOSTILE, EdgeHostStatus.Phase.Failed, null, null, false)), problems, List.of(HOSTILE));
  }

  @Test
  @DisplayName("A definition whose names, descriptions, defaults and values carry <script> and quotes renders them "
      + "as text on every step of the wizard, its problems too")
  void wizardEscapes() {
    for (WizardStep step : WizardStep.values()) {
      String html = render("clusters/wizard.jte", wizard(step, Map.of("var-storeId", List.of(HOSTILE))));
      assertThat(html).as(step.name()).doesNotContain("<script>alert").contains("&lt;script&gt;alert");
    }
    String variables = render("clusters/wizard.jte", wizard(WizardStep.VARIABLES, Map.of()));
    assertThat(variables).contains("<p>" + ESCAPED_TEXT + "</p>")
        .contains("value=\"&lt;script>alert(&#34;x&#34;)&lt;/script>&#39; &#34;quoted&#34;\"");
  }

  @Test
  @DisplayName("Every control of every step has a label; a variable is checked as it is typed by the fragment "
      + "endpoint; a field with problems is marked invalid and lists them")
  void labelsAndChecks() {
    for (WizardStep step : WizardStep.values()) {
      String html = render("clusters/wizard.jte", wizard(step, Map.of("var-storeId", List.of("bad value"))));
      Matcher controls = Pattern.compile("<(input|select)[^>]*>").matcher(html);
      while (controls.find()) {
        String control = controls.group();
        if (control.contains("type=\"hidden\"")) {
          continue;
        }
        Matcher id = Pattern.compile("id=\"([^\"]+)\"").matcher(control);
        assertThat(id.find()).as(control).isTrue();
        assertThat(html).as(step + ": label of " + control).contains("for=\"" + id.group(1) + "\"");
      }
    }
    String variables = render("clusters/wizard.jte", wizard(WizardStep.VARIABLES, Map.of("var-storeId",
        List.of("bad value"))));
    assertThat(variables).contains("hx-get=\"/clusters/new/check\"").contains("hx-target=\"#var-storeId-problems\"")
        .contains("aria-invalid=\"true\"").contains("<ul id=\"var-storeId-problems\"").contains("<li>Bad value.</li>");
  }

  @Test
  @DisplayName("The cluster page and the update preview show hostile host names, events and layer names as text")
  void clusterAndPreviewEscape() {
    ClusterProgress progress = new ClusterProgress("store-0042", "Upgrading", "retail-1.4.0", "1.4.0", "1.5.0", 1,
        3, List.of(HOSTILE), true, "Progressing", List.of(HOSTILE), HOSTILE);
    String cluster = render("clusters/cluster.jte", new ClusterPageView(chrome, progress,
        List.of(new SiteHosts.Host(HOSTILE, "Upgrading", "store-0042", "worker", null, null, "1.4.0", null)),
        List.of(new SiteHosts.SiteEvent("2026-12-06T10:00:00Z", "Warning", HOSTILE, "EdgeHost x", HOSTILE, 2))));
    assertThat(cluster).doesNotContain("<script>alert").contains(ESCAPED_TEXT)
        .contains("id=\"resume\"").doesNotContain("id=\"pause\"")
        .contains("hx-get=\"/ui/fragments/clusters/store-0042\"").contains("hx-trigger=\"every 2s\"")
        .contains("<progress id=\"cluster-progress\" max=\"3\" value=\"1\"");

    UpdatePreview preview = new UpdatePreview("store-0042", "retail-1.4.0", "1.4.0", "retail-1.5.0", "1.5.0",
        "sha256:x", List.of(new UpdatePreview.LayerImpact(HOSTILE, "kubernetes", "Changed", "1.30.4", "1.31.1",
        HOSTILE, HOSTILE, "RestartServices", HOSTILE)), "RestartServices", HOSTILE,
        List.of(new UpdatePreview.VariableChange(HOSTILE, "Kept", HOSTILE, HOSTILE, false, HOSTILE)), List.of(),
        List.of(HOSTILE));
    String update = render("clusters/update.jte", new UpdateView(chrome, progress, List.of(), "sha256:x",
        "retail-1.5.0", Map.of("storeId", HOSTILE), preview, List.of(HOSTILE)));
    assertThat(update).doesNotContain("<script>alert").contains(ESCAPED_TEXT).contains("restart services")
        .contains("1.30.4 → 1.31.1").contains("id=\"apply\"");
  }
}
