package dev.lifecycle.edge.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.site.clusters.SiteFixtures;
import dev.lifecycle.edge.site.server.CertificateFiles;
import dev.lifecycle.edge.site.server.ListenAddress;
import dev.lifecycle.edge.site.testing.UiBrowser;
import dev.lifecycle.edge.wire.LinkToken;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Local UI's cluster pages on a real site controller with trusted keys and two simulated hosts, driven by a
 * headless browser with JavaScript off (the pages work as plain forms): the create-cluster wizard, the cluster
 * page until the cluster runs, pause and resume, and an update previewed then applied; each change refused without
 * the CSRF token; a definition carrying script and quotes shown as text.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClustersUiIT {

  static final String PASSWORD = "Store-0042-Keys!";
  static final String HOSTILE = "<script>alert(\"x\")</script>' \"quoted\"";
  static final String CLUSTER = "store-0042";

  @TempDir
  static Path dir;
  static SiteController site;
  static final List<FleetSimulator> fleets = new java.util.ArrayList<>();
  static String digest;
  static String hostileDigest;
  static List<String> hosts;

  @BeforeAll
  static void start() throws Exception {
    Path trust = dir.resolve("forge.pub");
    Files.writeString(trust, SiteFixtures.TRUST.toPem());
    site = SiteController.start(SiteOptions.defaults(dir.resolve("data"), "store-0042")
        .withListen(new ListenAddress("127.0.0.1", 0)).withTrustKeys(List.of(trust)), SiteStore.IN_MEMORY,
        SiteMounts.DEFAULT);
    await().atMost(Duration.ofSeconds(30)).until(() -> site.notReady().isEmpty());
    try (UiBrowser ui = UiBrowser.on(site)) {
      ui.logInFirstTime(UiBrowser.initialPassword(site), PASSWORD);
    }
    Api api = new Api(site);
    digest = api.upload(SiteFixtures.definition(dir, SiteFixtures.retail140(), SiteFixtures.retail150()));
    ClusterProfile hostile = SiteFixtures.retail("2.0.0", "1.4.0", "1.30.4", "2.0.0");
    hostile.getSpec().setDescription(HOSTILE);
    ProfileVariable storeId = hostile.getSpec().getVariables().get(0);
    storeId.setDescription(HOSTILE);
    hostile.getSpec().getVariables().get(2).setDefaultValue("2");
    hostileDigest = api.upload(SiteFixtures.definition(dir, hostile));

    // a link token links one host: one per simulated host
    for (int i = 0; i < 2; i++) {
      LinkToken link = LinkToken.parse(api.json("POST", "/links").getString("text"));
      FleetSimulator fleet = FleetSimulator.builder(link.controller(), link.token()).hosts(1)
          .machineIdPrefix("store-0042-host-" + i).pollInterval(Duration.ofMillis(200))
          .applyTime(Duration.ofMillis(50)).caCert(dir.resolve("data/tls/" + CertificateFiles.CERTIFICATE)).build();
      fleets.add(fleet);
      fleet.start();
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> available().size() == 2);
    hosts = available();
  }

  @AfterAll
  static void stop() {
    fleets.forEach(FleetSimulator::close);
    if (site != null) {
      site.close();
    }
  }

  static List<String> available() {
    return site.client().resources(EdgeHost.class).inNamespace("site").list().getItems().stream()
        .filter(h -> h.getStatus() != null && h.getStatus().getPhase() == EdgeHostStatus.Phase.Available)
        .map(h -> h.getMetadata().getName()).sorted().toList();
  }

  static EdgeCluster cluster() {
    return site.client().resources(EdgeCluster.class).inNamespace("site").withName(CLUSTER).get();
  }

  static HtmlPage click(HtmlPage page, String id) throws Exception {
    return page.getHtmlElementById(id).click();
  }

  static HtmlPage pick(HtmlPage page, String definition, String version) throws Exception {
    HtmlRadioButtonInput radio = page.getByXPath("//input[@name='pick']").stream().map(HtmlRadioButtonInput.class::cast)
        .filter(r -> r.getValueAttribute().equals(definition + " " + version)).findFirst()
        .orElseThrow(() -> new AssertionError("no choice of " + version + " on " + page.asNormalizedText()));
    radio.setChecked(true);
    return page;
  }

  static void type(HtmlPage page, String id, String value) {
    ((HtmlInput) page.getHtmlElementById(id)).setValue(value);
  }

  static void role(HtmlPage page, String host, String role) {
    HtmlSelect select = page.getHtmlElementById("role-" + host);
    select.setSelectedAttribute(select.getOptionByValue(role), true);
  }

  static String login(UiBrowser ui) {
    return UiBrowser.csrf(ui.logIn(UiBrowser.ADMIN, PASSWORD));
  }

  @Test
  @Order(1)
  @DisplayName("When a definition's descriptions carry <script> and quotes, then the wizard shows them as text and "
      + "the page runs no script of theirs")
  void hostileDefinitionIsText() throws Exception {
    try (UiBrowser ui = UiBrowser.on(site)) {
      login(ui);
      HtmlPage first = ui.open("/clusters/new");
      assertThat(first.asNormalizedText()).contains(HOSTILE);
      type(first, "name", "hostile");
      HtmlPage variables = click(pick(first, hostileDigest, "retail-2.0.0"), "wizard-next");
      assertThat(UiBrowser.text(variables, "step-title")).isEqualTo("Step 2 of 5: Settings");
      assertThat(UiBrowser.text(variables, "var-storeId-hint")).contains(HOSTILE);
      for (DomElement script : variables.getElementsByTagName("script")) {
        assertThat(script.getAttribute("src")).as("only the site's own scripts").startsWith("/ui/assets/");
        assertThat(script.getTextContent()).isEmpty();
      }
    }
  }

  @Test
  @Order(2)
  @DisplayName("When the wizard is walked with JavaScript off, then a bad value is refused at its field, two "
      + "control-plane hosts are refused with the rule explained, a network clash is said, Back keeps the answers, "
      + "and the review lists everything")
  void wizardJudgesEachStep() throws Exception {
    try (UiBrowser ui = UiBrowser.on(site)) {
      login(ui);
      HtmlPage first = ui.open("/clusters/new");
      assertThat(first.getTitleText()).startsWith("Create a cluster: Definition and version");
      HtmlPage noChoice = click(first, "wizard-next");
      assertThat(noChoice.getWebResponse().getStatusCode()).isEqualTo(422);
      assertThat(UiBrowser.text(noChoice, "name-problems")).isEqualTo("Give the cluster a name.");
      assertThat(UiBrowser.text(noChoice, "version-problems")).isEqualTo("Choose a definition and one of its versions.");

      type(noChoice, "name", CLUSTER);
      HtmlPage variables = click(pick(noChoice, digest, "retail-1.4.0"), "wizard-next");
      assertThat(UiBrowser.text(variables, "chosen")).contains("version 1.4.0");
      assertThat(variables.getElementsByTagName("label").stream().map(DomElement::asNormalizedText).toList())
          .contains("storeId (required)", "dbPassword (required)", "replicas");
      assertThat(UiBrowser.text(variables, "var-storeId-hint")).contains("The store's four-digit number.")
          .contains("Type: text, of the form ^[0-9]{4}$");
      assertThat(UiBrowser.text(variables, "var-replicas-hint")).contains("default: 2");
      assertThat(variables.getHtmlElementById("var-dbPassword").getAttribute("type")).isEqualTo("password");

      // as you type (what htmx asks): the same rule, for one field
      String check = "/clusters/new/check?definition=" + URLEncoder.encode(digest, StandardCharsets.UTF_8)
          + "&version=retail-1.4.0&var.storeId=";
      WebResponse bad = ui.htmx(check + "42", "/clusters/new");
      assertThat(bad.getStatusCode()).isEqualTo(200);
      assertThat(bad.getContentAsString()).contains("id=\"var-storeId-problems\"").contains("^[0-9]{4}$");
      assertThat(ui.htmx(check + "0042", "/clusters/new").getContentAsString()).doesNotContain("<li>");

      type(variables, "var-storeId", "42");
      type(variables, "var-dbPassword", "pg-Secret-1");
      HtmlPage refused = click(variables, "wizard-next");
      assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
      assertThat(UiBrowser.text(refused, "step-title")).isEqualTo("Step 2 of 5: Settings");
      assertThat(UiBrowser.text(refused, "var-storeId-problems")).contains("storeId").contains("^[0-9]{4}$");
      assertThat(refused.getHtmlElementById("var-storeId").getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(UiBrowser.text(refused, "wizard-problems")).contains("^[0-9]{4}$");
      assertThat(refused.getElementById("var-dbPassword-problems").getChildElementCount()).isZero();

      type(refused, "var-storeId", "0042");
      HtmlPage hostStep = click(refused, "wizard-next");
      assertThat(UiBrowser.text(hostStep, "step-title")).isEqualTo("Step 3 of 5: Hosts and roles");
      assertThat(UiBrowser.text(hostStep, "control-plane-rule")).startsWith("A cluster has 1 or 3 control-plane hosts")
          .contains("2 hosts survive no more failures than 1");
      role(hostStep, hosts.get(0), "control-plane");
      role(hostStep, hosts.get(1), "control-plane");
      HtmlPage twoControlPlanes = click(hostStep, "wizard-next");
      assertThat(twoControlPlanes.getWebResponse().getStatusCode()).isEqualTo(422);
      assertThat(UiBrowser.text(twoControlPlanes, "hosts-problems"))
          .contains("A cluster has 1 or 3 control-plane hosts, and 2 were chosen").contains("majority");

      role(twoControlPlanes, hosts.get(1), "worker");
      HtmlPage network = click(twoControlPlanes, "wizard-next");
      assertThat(UiBrowser.text(network, "step-title")).isEqualTo("Step 4 of 5: Network");
      type(network, "podRange", "10.43.0.0/16");
      HtmlPage clash = click(network, "wizard-next");
      assertThat(UiBrowser.text(clash, "network-problems")).contains("overlap");
      type(clash, "podRange", "");
      HtmlPage review = click(clash, "wizard-next");
      assertThat(UiBrowser.text(review, "step-title")).isEqualTo("Step 5 of 5: Review");

      // Back keeps every answer: the network page again, then the review the same
      HtmlPage back = click(review, "wizard-back");
      assertThat(UiBrowser.text(back, "step-title")).isEqualTo("Step 4 of 5: Network");
      HtmlPage hostsAgain = click(back, "wizard-back");
      assertThat(((HtmlSelect) hostsAgain.getHtmlElementById("role-" + hosts.get(0))).getSelectedOptions().get(0)
          .getValueAttribute()).isEqualTo("control-plane");
      review = click(click(hostsAgain, "wizard-next"), "wizard-next");
      assertThat(UiBrowser.text(review, "review-name")).isEqualTo(CLUSTER);
      assertThat(UiBrowser.text(review, "review-hosts")).contains(hosts.get(0) + ": control plane")
          .contains(hosts.get(1) + ": worker");
      assertThat(UiBrowser.text(review, "review-variables")).contains("0042").contains("(hidden: 11 characters)")
          .contains("2 (the default)").doesNotContain("pg-Secret-1");
      assertThat(cluster()).as("nothing is created before Create").isNull();
    }
  }

  @Test
  @Order(3)
  @DisplayName("When the review's Create is sent without the CSRF token, then it is refused and nothing is created; "
      + "with it, the cluster is created and its page shows it forming until it runs")
  void createThenWatch() throws Exception {
    try (UiBrowser ui = UiBrowser.on(site)) {
      login(ui);
      Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("name", CLUSTER, "definition", digest,
          "version", "retail-1.4.0", "var.storeId", "0042", "var.dbPassword", "pg-Secret-1",
          "role." + hosts.get(0), "control-plane", "role." + hosts.get(1), "worker"));
      assertThat(ui.post("/clusters/new/create", fields).getStatusCode()).isEqualTo(403);
      assertThat(cluster()).isNull();

      // a review page whose hidden fields were tampered with is judged again by the creation itself
      Map<String, String> tampered = new java.util.LinkedHashMap<>(fields);
      tampered.put("csrf", UiBrowser.csrf(ui.open("/clusters")));
      tampered.put("role." + hosts.get(1), "control-plane");
      HtmlPage refusedCreate = (HtmlPage) ui.client().getPage(postRequest(ui, "/clusters/new/create", tampered));
      assertThat(refusedCreate.getWebResponse().getStatusCode()).isEqualTo(422);
      assertThat(UiBrowser.text(refusedCreate, "wizard-problems")).contains("did not create the cluster")
          .contains("2 were chosen");
      assertThat(cluster()).isNull();

      HtmlPage review = ui.open("/clusters/new");
      type(review, "name", CLUSTER);
      review = click(pick(review, digest, "retail-1.4.0"), "wizard-next");
      type(review, "var-storeId", "0042");
      type(review, "var-dbPassword", "pg-Secret-1");
      review = click(review, "wizard-next");
      role(review, hosts.get(0), "control-plane");
      role(review, hosts.get(1), "worker");
      review = click(click(review, "wizard-next"), "wizard-next");
      HtmlPage page = click(review, "create-cluster");
      assertThat(page.getUrl().getPath()).isEqualTo("/clusters/" + CLUSTER);
      assertThat(page.getTitleText()).startsWith("Cluster " + CLUSTER);
      assertThat(page.getHtmlElementById("cluster-live").getAttribute("hx-trigger")).isEqualTo("every 2s");
      assertThat(cluster().getSpec().getControlPlane().getCount()).isEqualTo(1);

      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        HtmlPage now = ui.open("/clusters/" + CLUSTER);
        assertThat(UiBrowser.text(now, "cluster-phase")).isEqualTo("Running");
      });
      HtmlPage running = ui.open("/clusters/" + CLUSTER);
      assertThat(running.getHtmlElementById("cluster-progress").getAttribute("max")).isEqualTo("2");
      assertThat(running.getHtmlElementById("cluster-progress").getAttribute("value")).isEqualTo("2");
      assertThat(UiBrowser.text(running, "cluster-version")).startsWith("1.4.0");
      assertThat(UiBrowser.text(running, "cluster-hosts")).contains(hosts.get(0)).contains("control plane")
          .contains(hosts.get(1)).contains("worker").contains("1.4.0");
      WebResponse live = ui.htmx("/ui/fragments/clusters/" + CLUSTER, "/clusters/" + CLUSTER);
      assertThat(live.getContentAsString()).startsWith("<div id=\"cluster-live\"").contains("Running");
      assertThat(UiBrowser.text(ui.open("/clusters"), "clusters")).contains(CLUSTER).contains("Running");
    }
  }

  @Test
  @Order(4)
  @DisplayName("When Pause is pressed, then the cluster page shows it paused with Resume; Resume lets it go on; "
      + "either without the CSRF token is refused and changes nothing")
  void pauseAndResume() throws Exception {
    try (UiBrowser ui = UiBrowser.on(site)) {
      login(ui);
      assertThat(ui.post("/clusters/" + CLUSTER + "/pause", Map.of()).getStatusCode()).isEqualTo(403);
      assertThat(cluster().getSpec().isPaused()).isFalse();

      HtmlPage paused = click(ui.open("/clusters/" + CLUSTER), "pause");
      assertThat(paused.getUrl().getPath()).isEqualTo("/clusters/" + CLUSTER);
      assertThat(UiBrowser.text(paused, "cluster-paused")).isEqualTo("Paused");
      assertThat(paused.getElementById("resume")).isNotNull();
      assertThat(cluster().getSpec().isPaused()).isTrue();

      assertThat(ui.post("/clusters/" + CLUSTER + "/resume", Map.of()).getStatusCode()).isEqualTo(403);
      assertThat(cluster().getSpec().isPaused()).isTrue();
      HtmlPage resumed = click(paused, "resume");
      assertThat(resumed.getElementById("cluster-paused")).isNull();
      assertThat(resumed.getElementById("pause")).isNotNull();
      assertThat(cluster().getSpec().isPaused()).isFalse();
    }
  }

  @Test
  @Order(5)
  @DisplayName("When an update is chosen, then the preview shows each layer's change and what it costs a host and "
      + "the settings kept; Apply without the CSRF token is refused; Apply moves the cluster to the new version")
  void updatePreviewThenApply() throws Exception {
    try (UiBrowser ui = UiBrowser.on(site)) {
      login(ui);
      HtmlPage choose = click(ui.open("/clusters/" + CLUSTER), "update-link");
      assertThat(choose.getUrl().getPath()).isEqualTo("/clusters/" + CLUSTER + "/update");
      HtmlPage preview = click(pick(choose, digest, "retail-1.5.0"), "preview");
      assertThat(UiBrowser.text(preview, "preview-title")).isEqualTo("From 1.4.0 to 1.5.0");
      String layers = UiBrowser.text(preview, "preview-layers");
      assertThat(layers).contains("k3s").contains("1.30.4 → 1.31.1").contains("monitoring").contains("2.0.0 → 2.1.0")
          .contains("edge-os").contains("Unchanged");
      assertThat(UiBrowser.text(preview, "host-action")).startsWith("What each host must do:");
      assertThat(UiBrowser.text(preview, "preview-variables")).contains("storeId").contains("0042")
          .contains("dbPassword").doesNotContain("pg-Secret-1");
      assertThat(cluster().getSpec().getProfileRef().getName()).as("a preview changes nothing")
          .isEqualTo("retail-1.4.0");

      // a setting changed with the update: the preview again, in a form body
      type(preview, "set-replicas", "3");
      preview = click(preview, "preview-settings");
      assertThat(preview.getUrl().getPath()).isEqualTo("/clusters/" + CLUSTER + "/update/preview");
      assertThat(UiBrowser.text(preview, "preview-variables")).containsPattern("replicas\\s+Changed\\s+2 \\(default\\)\\s+3\\s");
      assertThat(((HtmlInput) preview.getHtmlElementById("set-replicas")).getValue()).isEqualTo("3");

      assertThat(ui.post("/clusters/" + CLUSTER + "/update", Map.of("definition", digest, "version",
          "retail-1.5.0")).getStatusCode()).isEqualTo(403);
      assertThat(cluster().getSpec().getProfileRef().getName()).isEqualTo("retail-1.4.0");

      HtmlPage applied = click(preview, "apply");
      assertThat(applied.getUrl().getPath()).isEqualTo("/clusters/" + CLUSTER);
      assertThat(cluster().getSpec().getProfileRef().getName()).isEqualTo("retail-1.5.0");
      assertThat(cluster().getSpec().getVariables()).anySatisfy(v -> {
        assertThat(v.getName()).isEqualTo("replicas");
        assertThat(v.getValue()).isEqualTo("3");
      });
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        HtmlPage now = ui.open("/clusters/" + CLUSTER);
        assertThat(UiBrowser.text(now, "cluster-phase")).isEqualTo("Running");
        assertThat(UiBrowser.text(now, "cluster-version")).startsWith("1.5.0");
      });
      assertThat(UiBrowser.text(ui.open("/clusters/" + CLUSTER), "cluster-hosts")).contains("1.5.0")
          .doesNotContain("1.4.0");

      String audit = ui.open("/audit").asNormalizedText();
      assertThat(audit).contains("cluster.create").contains("cluster.pause").contains("cluster.resume")
          .contains("cluster.update").contains("cluster/" + CLUSTER);
    }
  }

  static org.htmlunit.WebRequest postRequest(UiBrowser ui, String path, Map<String, String> fields)
      throws Exception {
    org.htmlunit.WebRequest request = new org.htmlunit.WebRequest(new java.net.URL(ui.base() + path),
        org.htmlunit.HttpMethod.POST);
    List<org.htmlunit.util.NameValuePair> pairs = new java.util.ArrayList<>();
    fields.forEach((n, v) -> pairs.add(new org.htmlunit.util.NameValuePair(n, v)));
    request.setRequestParameters(pairs);
    return request;
  }

  /** The site API with a Bearer session, for what the tests set up (upload, link). */
  static final class Api {
    private final HttpClient http;
    private final String base;
    private final String token;

    Api(SiteController site) throws Exception {
      HttpClient trusting = SiteControllerIT.trusting(site.options().directory().tls()
          .resolve(CertificateFiles.CERTIFICATE));
      this.http = HttpClient.newBuilder().sslContext(trusting.sslContext()).version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30)).build();
      this.base = "https://127.0.0.1:" + site.port() + "/api/site/v1";
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/session"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
              .put("user", "admin").put("password", PASSWORD).encode())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      this.token = new JsonObject(login.body()).getString("token");
    }

    JsonObject json(String method, String path) throws Exception {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isLessThan(300);
      return new JsonObject(answer.body());
    }

    String upload(Path definition) throws Exception {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/definitions"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/zstd")
          .POST(HttpRequest.BodyPublishers.ofFile(definition)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
      return new JsonObject(answer.body()).getString("digest");
    }
  }
}
