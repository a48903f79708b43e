package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import dev.lifecycle.edge.operator.support.Fixtures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reports the operator believes: only about the host's current plan and its version, never moving a
 * host backwards, never carrying control characters into status, conditions or Events; and a host
 * released by a deleted cluster is claimable only once it reports its reset applied.
 */
class GatewayReportRulesIT {

  @AutoClose
  private static final GatewayFixture fixture = GatewayFixture.start();

  @Test
  @DisplayName("When a report names another version, an old generation, or goes back from Applied, then it is a "
      + "409 and the host stays as it was")
  void reportsMustBeAboutTheCurrentPlan() {
    String ns = fixture.newNamespace("gw-rules");
    Registered agent = formedHost(ns, "rules-a", "s1");
    long first = currentPlan(agent.credential(), 0);

    HttpResponse<String> wrongVersion = report(agent, first, "Applied", "9.9.9");
    assertThat(wrongVersion.statusCode()).isEqualTo(409);
    assertThat(GatewayFixture.parse(wrongVersion.body()).path("error").asText()).isEqualTo("ReportConflict");
    assertThat(GatewayFixture.parse(wrongVersion.body()).path("message").asText()).contains("1.0.0", "9.9.9");
    assertThat(fixture.host(ns, "rules-a").getStatus().getReport()).isNull();
    assertThat(fixture.host(ns, "rules-a").getStatus().getProfileVersion()).isNull();

    assertThat(report(agent, first, "Applied", "1.0.0").statusCode()).isEqualTo(204);
    awaitPhase(ns, "rules-a", Phase.Running);
    HttpResponse<String> backwards = report(agent, first, "Applying", null);
    assertThat(backwards.statusCode()).isEqualTo(409);
    assertThat(GatewayFixture.parse(backwards.body()).path("message").asText()).contains("already");
    assertThat(fixture.host(ns, "rules-a").getStatus().getPhase()).isEqualTo(Phase.Running);

    await().atMost(Duration.ofSeconds(10)).until(() -> {
      EdgeCluster cluster = fixture.client().resources(EdgeCluster.class).inNamespace(ns).withName("store").get();
      return cluster.getStatus() != null && cluster.getStatus().getPhase() == EdgeClusterStatus.Phase.Running;
    });
    // A new Kubernetes version: the hosts themselves move (a profile that changes nothing on hosts moves none).
    fixture.client().resource(Fixtures.profile(ns, "edge-1.1.0", "1.1.0", "1.31.0")).create();
    Fixtures.patchClusterSpec(fixture.client(), ns, "store",
        "{\"upgradeStrategy\":{\"maxUnavailable\":1},\"profileRef\":{\"name\":\"edge-1.1.0\"}}");
    long second = currentPlan(agent.credential(), first);
    assertThat(report(agent, second, "Applied", "1.1.0").statusCode()).isEqualTo(204);
    awaitPhase(ns, "rules-a", Phase.Running);

    HttpResponse<String> late = report(agent, first, "Failed", null);
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(GatewayFixture.parse(late.body()).path("message").asText()).contains("generation " + second);
    EdgeHost after = fixture.host(ns, "rules-a");
    assertThat(after.getStatus().getPhase()).isEqualTo(Phase.Running);
    assertThat(after.getStatus().getReport().getPlanGeneration()).isEqualTo(second);
    assertThat(after.getStatus().getProfileVersion()).isEqualTo("1.1.0");
  }

  @Test
  @DisplayName("When an Applied report carries the site settings the agent applied, then they become status.site "
      + "with a SiteConfigured Event; settings the CRD refuses, or site with another state, are a 400 and change "
      + "nothing")
  void appliedSiteBecomesStatusSite() {
    String ns = fixture.newNamespace("gw-site");
    Registered agent = formedHost(ns, "site-a", "s4");
    long generation = currentPlan(agent.credential(), 0);

    HttpResponse<String> badAddress = fixture.post("/v1/report", "{\"planGeneration\":" + generation
        + ",\"state\":\"Applied\",\"profileVersion\":\"1.0.0\",\"site\":{\"network\":{\"addresses\":[\"10.0.0.300\"]}}}",
        json(agent));
    assertThat(badAddress.statusCode()).isEqualTo(400);
    assertThat(GatewayFixture.parse(badAddress.body()).path("message").asText()).contains("site.network.addresses");
    HttpResponse<String> siteWhileApplying = fixture.post("/v1/report", "{\"planGeneration\":" + generation
        + ",\"state\":\"Applying\",\"site\":{\"hostname\":\"till-3\"}}", json(agent));
    assertThat(siteWhileApplying.statusCode()).isEqualTo(400);
    assertThat(fixture.host(ns, "site-a").getStatus().getReport()).isNull();

    assertThat(fixture.post("/v1/report", "{\"planGeneration\":" + generation + ",\"state\":\"Applied\","
        + "\"profileVersion\":\"1.0.0\",\"site\":{\"hostname\":\"till-3\",\"ntpServers\":[\"10.0.0.1\"]}}",
        json(agent)).statusCode()).isEqualTo(204);

    EdgeHost host = fixture.host(ns, "site-a");
    assertThat(host.getStatus().getSite().getHostname()).isEqualTo("till-3");
    assertThat(host.getStatus().getSite().getNtpServers()).containsExactly("10.0.0.1");
    await().atMost(Duration.ofSeconds(5)).until(() -> hostEvents(ns, "site-a").stream()
        .anyMatch(m -> m.contains("applied site settings") && m.contains("hostname, ntpServers")));
  }

  @Test
  @DisplayName("When a report's message holds ANSI escapes, CR/LF and bidi overrides, then none of them reaches "
      + "the status, the conditions or the Events")
  void controlCharactersNeverLand() {
    String ns = fixture.newNamespace("gw-ctl");
    Registered agent = formedHost(ns, "ctl-a", "s2");
    long generation = currentPlan(agent.credential(), 0);
    String message = "\\u001b[31mhook failed\\u001b[0m\\r\\nFAKE: host healthy\\u202e\\u0007\\u0085\\tend";

    assertThat(fixture.post("/v1/report", "{\"planGeneration\":" + generation + ",\"state\":\"Failed\","
        + "\"message\":\"" + message + "\"}", json(agent)).statusCode()).isEqualTo(204);

    awaitPhase(ns, "ctl-a", Phase.Failed);
    EdgeHost host = fixture.host(ns, "ctl-a");
    String stored = host.getStatus().getReport().getMessage();
    assertThat(stored).contains("hook failed", "FAKE: host healthy", "end");
    assertThat(List.of(stored)).allSatisfy(GatewayReportRulesIT::assertPrintable);
    assertThat(host.getStatus().getConditions()).extracting(Condition::getMessage)
        .allSatisfy(GatewayReportRulesIT::assertPrintable);
    await().atMost(Duration.ofSeconds(5)).until(() -> !hostEvents(ns, "ctl-a").isEmpty());
    assertThat(hostEvents(ns, "ctl-a")).allSatisfy(GatewayReportRulesIT::assertPrintable);
  }

  @Test
  @DisplayName("When a cluster is deleted, then its host is claimable only once it reports its reset applied, and a "
      + "failed reset leaves it Failed with reason ResetFailed")
  void releasedHostWaitsForItsReset() throws InterruptedException {
    String ns = fixture.newNamespace("gw-reset");
    Registered agent = formedHost(ns, "reset-a", "s3");
    long first = currentPlan(agent.credential(), 0);
    assertThat(report(agent, first, "Applied", "1.0.0").statusCode()).isEqualTo(204);
    awaitPhase(ns, "reset-a", Phase.Running);

    fixture.client().resources(EdgeCluster.class).inNamespace(ns).withName("store").delete();
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      HostPlan plan = fixture.host(ns, "reset-a").getStatus().getPlan();
      return plan != null && plan.getAction() == HostPlan.Action.Reset;
    });
    long reset = currentPlan(agent.credential(), first);
    fixture.client().resource(Fixtures.selecting(Fixtures.cluster(ns, "next", "edge-1.0.0", 1, 0),
        Map.of("site", "s3"))).create();
    Thread.sleep(2_000);
    EdgeHost resetting = fixture.host(ns, "reset-a");
    assertThat(resetting.getStatus().getPhase()).isNotEqualTo(Phase.Available);
    assertThat(resetting.getStatus().getCluster()).isNull();

    assertThat(report(agent, reset, "Failed", null).statusCode()).isEqualTo(204);
    awaitPhase(ns, "reset-a", Phase.Failed);
    assertThat(fixture.host(ns, "reset-a").getStatus().getConditions())
        .anySatisfy(c -> assertThat(c.getReason()).isEqualTo("ResetFailed"));
    Thread.sleep(1_000);
    assertThat(fixture.host(ns, "reset-a").getStatus().getCluster()).isNull();

    assertThat(report(agent, reset, "Applied", null).statusCode()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      EdgeHost host = fixture.host(ns, "reset-a");
      return host.getStatus().getCluster() != null && "next".equals(host.getStatus().getCluster().getName());
    });
  }

  private static Registered formedHost(String ns, String name, String site) {
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of("site", site)));
    Registered agent = fixture.register(token, "m-" + name, name);
    assertThat(agent.status()).isEqualTo(201);
    fixture.client().resource(Fixtures.profile(ns, "edge-1.0.0", "1.0.0")).create();
    fixture.client().resource(Fixtures.selecting(Fixtures.cluster(ns, "store", "edge-1.0.0", 1, 0),
        Map.of("site", site))).create();
    return agent;
  }

  /** Waits for a plan of a generation above {@code after} and returns its generation. */
  private static long currentPlan(String credential, long after) {
    long[] generation = new long[1];
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      HttpResponse<String> plan = fixture.get("/v1/plan", GatewayFixture.bearer(credential));
      generation[0] = plan.statusCode() == 200 ? GatewayFixture.parse(plan.body()).path("generation").asLong() : 0;
      return generation[0] > after;
    });
    return generation[0];
  }

  private static void awaitPhase(String ns, String host, Phase phase) {
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, host).getStatus().getPhase() == phase);
  }

  private static HttpResponse<String> report(Registered agent, long generation, String state, String version) {
    return fixture.post("/v1/report", "{\"planGeneration\":" + generation + ",\"state\":\"" + state + "\""
        + (version == null ? "" : ",\"profileVersion\":\"" + version + "\"") + "}", json(agent));
  }

  private static Map<String, String> json(Registered agent) {
    return Map.of("Authorization", "Bearer " + agent.credential(), "Content-Type", "application/json");
  }

  private static List<String> hostEvents(String ns, String host) {
    return fixture.client().v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> host.equals(e.getInvolvedObject().getName()))
        .flatMap(e -> Stream.of(e.getMessage()))
        .toList();
  }

  private static void assertPrintable(String text) {
    assertThat(text.codePoints().filter(c -> Character.getType(c) == Character.CONTROL
        || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029))
        .as("control or format characters in %s", text).isEmpty();
  }
}
