package dev.lifecycle.edge.site.ui.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.operator.definition.DefinitionContents;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.HostChoice;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.NetworkSettings;
import dev.lifecycle.edge.site.clusters.HostCandidate;
import dev.lifecycle.edge.site.clusters.KeptDefinition;
import dev.lifecycle.edge.site.clusters.SiteFixtures;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The wizard's steps, the draft it carries from page to page, and each step's checks by the creation's rules. */
class WizardStateTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);

  static KeptDefinition kept(ClusterProfile... versions) {
    DefinitionContents contents = DefinitionContents.of("retail", List.of(versions),
        Optional.of(SiteFixtures.KEY.keyId()));
    return new KeptDefinition(DIGEST, 1234, SiteFixtures.KEY.keyId().value(), Instant.parse("2026-12-06T10:00:00Z"),
        contents.index(), List.of(versions));
  }

  static Map<String, List<String>> form(String... pairs) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.put(pairs[i], List.of(pairs[i + 1]));
    }
    return form;
  }

  static List<HostCandidate> hosts(String... available) {
    List<HostCandidate> hosts = new java.util.ArrayList<>();
    for (String name : available) {
      hosts.add(new HostCandidate(name, EdgeHostStatus.Phase.Available, null, null, false));
    }
    hosts.add(new HostCandidate("host-busy", EdgeHostStatus.Phase.Running, "other", null, false));
    return hosts;
  }

  @Test
  @DisplayName("Steps go forward and back within 1 to 5; a step number a form lost or forged starts over at 1")
  void steps() {
    assertThat(WizardStep.of("2")).isEqualTo(WizardStep.VARIABLES);
    assertThat(WizardStep.of("5").next()).isEqualTo(WizardStep.REVIEW);
    assertThat(WizardStep.of("1").back()).isEqualTo(WizardStep.DEFINITION);
    assertThat(WizardStep.of("3").back()).isEqualTo(WizardStep.VARIABLES);
    assertThat(List.of(WizardStep.of("0"), WizardStep.of("6"), WizardStep.of("x"), WizardStep.of(null)))
        .containsOnly(WizardStep.DEFINITION);
  }

  @Test
  @DisplayName("The draft reads the step-1 choice, the typed values and the roles; blank answers are not given; each "
      + "page carries the other steps' answers hidden, and the review all of them")
  void draftFromTheForm() {
    ClusterDraft draft = ClusterDraft.of(form("name", " store-0042 ", "pick", DIGEST + " retail-1.4.0",
        "var.storeId", "0042", "var.replicas", "  ", "role.host-a", "control-plane", "role.host-b", "worker",
        "role.host-c", "", "endpoint", "192.168.10.100", "podRange", ""));

    assertThat(draft.name()).isEqualTo("store-0042");
    assertThat(draft.definition()).isEqualTo(DIGEST);
    assertThat(draft.version()).isEqualTo("retail-1.4.0");
    assertThat(draft.variables()).containsExactly(Map.entry("storeId", "0042"));
    assertThat(draft.hosts()).containsExactly(new HostChoice("host-a", "control-plane"),
        new HostChoice("host-b", "worker"));
    assertThat(draft.network()).isEqualTo(new NetworkSettings("192.168.10.100", null, null));
    assertThat(draft.request().variables()).isEqualTo(Map.of("storeId", "0042"));

    assertThat(draft.hiddenExcept(WizardStep.VARIABLES)).extracting(ClusterDraft.Field::name)
        .containsExactly("name", "definition", "version", "role.host-a", "role.host-b", "endpoint");
    assertThat(draft.hiddenExcept(WizardStep.DEFINITION)).extracting(ClusterDraft.Field::name)
        .doesNotContain("name", "definition", "version").contains("var.storeId");
    assertThat(draft.hidden()).extracting(ClusterDraft.Field::name).contains("name", "var.storeId", "role.host-a",
        "endpoint");
    // what the hidden fields carry reads back as the same draft (back and forth keeps every answer)
    Map<String, List<String>> carried = new LinkedHashMap<>();
    draft.hidden().forEach(f -> carried.put(f.name(), List.of(f.value())));
    assertThat(ClusterDraft.of(carried)).isEqualTo(draft);
    assertThat(draft.toString()).doesNotContain("0042\"").contains("variables=[storeId]");
    // another version chosen after going back: values of settings it does not declare are dropped
    assertThat(draft.onlyVariables(java.util.Set.of("dbPassword")).variables()).isEmpty();
    assertThat(draft.onlyVariables(java.util.Set.of("storeId")).variables()).containsOnlyKeys("storeId");
  }

  @Test
  @DisplayName("Each step is judged by the creation's rules, its problems by field: the name, a variable against "
      + "its pattern and required mark, the control-plane count explained, and the network ranges")
  void checksByField() {
    KeptDefinition definition = kept(SiteFixtures.retail140());
    ClusterDraft bad = ClusterDraft.of(form("name", "Store_42", "definition", DIGEST, "version", "retail-1.4.0",
        "var.storeId", "42", "role.host-a", "control-plane", "role.host-b", "control-plane", "podRange",
        "10.43.0.0/16"));

    assertThat(WizardChecks.of(WizardStep.DEFINITION, bad, Optional.of(definition), hosts()).get("name"))
        .singleElement().asString().contains("lower-case letters");
    assertThat(WizardChecks.of(WizardStep.DEFINITION, bad, Optional.empty(), hosts()).get("version"))
        .containsExactly("choose a definition and one of its versions");

    Map<String, List<String>> variables = WizardChecks.of(WizardStep.VARIABLES, bad, Optional.of(definition),
        hosts());
    assertThat(variables.keySet()).containsExactly("var-storeId", "var-dbPassword");
    assertThat(variables.get("var-storeId")).singleElement().asString().contains("^[0-9]{4}$");
    assertThat(variables.get("var-dbPassword")).singleElement().asString()
        .isEqualTo("variable dbPassword is required and has no default: give it a value");

    Map<String, List<String>> hostProblems = WizardChecks.of(WizardStep.HOSTS, bad, Optional.of(definition),
        hosts("host-a", "host-b"));
    assertThat(hostProblems.get(WizardChecks.HOSTS)).singleElement().asString()
        .startsWith("a cluster has 1 or 3 control-plane hosts, and 2 were chosen");

    assertThat(WizardChecks.of(WizardStep.NETWORK, bad, Optional.of(definition), hosts()).get(WizardChecks.NETWORK))
        .singleElement().asString().contains("overlap");

    ClusterDraft good = ClusterDraft.of(form("name", "store-0042", "definition", DIGEST, "version", "1.4.0",
        "var.storeId", "0042", "var.dbPassword", "pw", "role.host-a", "control-plane", "role.host-b", "worker"));
    assertThat(WizardChecks.of(WizardStep.REVIEW, good, Optional.of(definition), hosts("host-a", "host-b")))
        .isEmpty();
  }

  @Test
  @DisplayName("The control-plane rule is said in words from the planner's own counts and reason")
  void controlPlaneRule() {
    assertThat(WizardChecks.controlPlaneRule()).startsWith("A cluster has 1 or 3 control-plane hosts")
        .contains("2 hosts survive no more failures than 1").contains("worker");
  }

  @Test
  @DisplayName("A variable's type and pattern, a host's role, a sensitive value on the review and a host's action "
      + "are said in words")
  void wording() {
    ClusterProfile version = SiteFixtures.retail140();
    var storeId = version.getSpec().getVariables().get(0);
    var password = version.getSpec().getVariables().get(1);
    var replicas = version.getSpec().getVariables().get(2);
    assertThat(WizardView.type(storeId)).isEqualTo("text, of the form ^[0-9]{4}$");
    assertThat(WizardView.type(replicas)).isEqualTo("a number");
    assertThat(WizardView.roleWords("control-plane")).isEqualTo("control plane");
    WizardView review = new WizardView(null, WizardStep.REVIEW, ClusterDraft.of(form("var.dbPassword", "s3cr3t",
        "var.storeId", "0042")), List.of(), version.getSpec().getVariables(), null, List.of(), Map.of(), List.of());
    assertThat(review.shown(password)).isEqualTo("(hidden: 6 characters)");
    assertThat(review.shown(storeId)).isEqualTo("0042");
    assertThat(review.shown(replicas)).isEqualTo("2 (the default)");
    assertThat(UpdateView.action("RestartServices")).isEqualTo("restart services");
    assertThat(UpdateView.action("Reboot")).isEqualTo("reboot");
    assertThat(UpdateView.action("None")).isEqualTo("none");
  }
}
