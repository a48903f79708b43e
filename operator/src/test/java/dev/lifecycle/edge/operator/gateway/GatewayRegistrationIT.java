package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.InstallerUserData;
import dev.lifecycle.edge.api.v1alpha1.NetworkDefaults;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.api.v1alpha1.SiteSettings;
import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import dev.lifecycle.edge.operator.security.Hashes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Registration through real HTTP against the operator on the embedded API. */
class GatewayRegistrationIT {

  @AutoClose
  private static final GatewayFixture fixture = GatewayFixture.start();

  @Test
  @DisplayName("When a new machine registers, then 201 creates its EdgeHost in the token's namespace with the token's "
      + "labels, records the registration, and keeps only the credential's hash")
  void newHostIsCreated() {
    String ns = fixture.newNamespace("gw-new");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of("site", "store-0042")));

    HttpResponse<String> response = fixture.post("/v1/register", GatewayFixture.registration(token, "m-new-0",
        "store-0042-a"), Map.of("Content-Type", "application/json"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode answer = GatewayFixture.parse(response.body());
    assertThat(answer.path("namespace").asText()).isEqualTo(ns);
    assertThat(answer.path("host").asText()).isEqualTo("store-0042-a");
    assertThat(answer.path("heartbeatInterval").asText()).isEqualTo("30s");
    String credential = answer.path("credential").asText();
    assertThat(credential).startsWith("ehc1.");
    EdgeHost host = fixture.host(ns, "store-0042-a");
    assertThat(host.getMetadata().getLabels()).containsEntry("site", "store-0042").containsEntry("rack", "a");
    assertThat(host.getSpec().getMachineId()).isEqualTo("m-new-0");
    // The agent's site user-data stays its own highest layer: spec is the user's, status.site what it applies.
    assertThat(host.getSpec().getSite()).isNull();
    assertThat(host.getStatus().getSite()).isNull();
    assertThat(host.getStatus().getRegistration().getTokenName()).isEqualTo("wave-1");
    assertThat(host.getStatus().getRegistration().getMachineId()).isEqualTo("m-new-0");
    assertThat(host.getStatus().getRegistration().getCredentialHash()).isEqualTo(Hashes.sha256(credential));
    assertThat(host.getStatus().getInventory().getCpuCores()).isEqualTo(4);
    String stored = fixture.client().getKubernetesSerialization().asJson(host);
    assertThat(stored).doesNotContain(credential).doesNotContain(credential.substring(credential.lastIndexOf('.') + 1))
        .doesNotContain(token);
    // Judged in the registration's own write: Available at once, the reconciler's one Registered Event, and
    // nothing left for the host reconciler to write.
    assertThat(host.getStatus().getPhase()).isEqualTo(Phase.Available);
    String version = host.getMetadata().getResourceVersion();
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, "store-0042-a")
        .getMetadata().getResourceVersion().equals(version));
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.client().v1().events().inNamespace(ns).list()
        .getItems().stream().filter(event -> "Registered".equals(event.getReason())
            && "store-0042-a".equals(event.getInvolvedObject().getName())).count() == 1);
  }

  @Test
  @DisplayName("When the Content-Type names JSON in other letter case, or with the charset UTF-8, then the registration "
      + "is read")
  void jsonMediaTypeVariants() {
    String ns = fixture.newNamespace("gw-media");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    List<String> types = List.of("Application/JSON; charset=UTF-8", "application/json;charset=\"utf-8\"");
    for (int i = 0; i < types.size(); i++) {
      HttpResponse<String> response = fixture.post("/v1/register", GatewayFixture.registration(token, "m-media-" + i,
          "media-" + i), Map.of("Content-Type", types.get(i)));
      assertThat(response.statusCode()).as(types.get(i) + ": " + response.body()).isEqualTo(201);
    }
  }

  @Test
  @DisplayName("When a pre-provisioned machine registers, then 200 claims that very EdgeHost, keeping its owner's labels "
      + "and spec")
  void preProvisionedHostIsClaimed() {
    String ns = fixture.newNamespace("gw-claim");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of("site", "store-0042")));
    EdgeHost shipped = new EdgeHost();
    shipped.setMetadata(new ObjectMetaBuilder().withName("shipped-1").withNamespace(ns)
        .withLabels(Map.of("owner", "ops")).build());
    shipped.setSpec(new EdgeHostSpec("m-shipped-1"));
    String uid = fixture.client().resource(shipped).create().getMetadata().getUid();
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, "shipped-1").getStatus() != null
        && fixture.host(ns, "shipped-1").getStatus().getPhase() == Phase.Pending);

    Registered registered = fixture.register(token, "m-shipped-1", "whatever-name");

    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.host()).isEqualTo("shipped-1");
    EdgeHost claimed = fixture.host(ns, "shipped-1");
    assertThat(claimed.getMetadata().getUid()).isEqualTo(uid);
    assertThat(claimed.getMetadata().getLabels()).isEqualTo(Map.of("owner", "ops"));
    assertThat(claimed.getSpec().getSite()).isNull();
    assertThat(claimed.getStatus().getRegistration().getTokenName()).isEqualTo("wave-1");
    assertThat(fixture.client().resources(EdgeHost.class).inNamespace(ns).list().getItems()).hasSize(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, "shipped-1").getStatus().getPhase()
        == Phase.Available);
  }

  @Test
  @DisplayName("When a pre-provisioned host with spec.site registers with a token that has network defaults, then "
      + "the answer carries the operator's merged site (spec.site over the token's defaults)")
  void registrationAnswersTheOperatorsSite() {
    String ns = fixture.newNamespace("gw-site");
    RegistrationTokenSpec spec = GatewayFixture.spec(null, Map.of());
    InstallerUserData userData = new InstallerUserData();
    NetworkDefaults network = new NetworkDefaults();
    network.setDnsServers(List.of("10.0.0.53"));
    network.setNtpServers(List.of("ntp.token.example"));
    userData.setNetwork(network);
    spec.setUserData(userData);
    String token = fixture.token(ns, "wave-1", spec);
    EdgeHost shipped = new EdgeHost();
    shipped.setMetadata(new ObjectMetaBuilder().withName("shipped-2").withNamespace(ns).build());
    shipped.setSpec(new EdgeHostSpec("m-shipped-2"));
    SiteSettings site = new SiteSettings();
    site.setHostname("till-2");
    site.setNtpServers(List.of("ntp.spec.example"));
    shipped.getSpec().setSite(site);
    fixture.client().resource(shipped).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, "shipped-2").getStatus() != null);

    HttpResponse<String> response = fixture.post("/v1/register", GatewayFixture.registration(token, "m-shipped-2",
        "whatever"), Map.of("Content-Type", "application/json"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answered = GatewayFixture.parse(response.body()).path("site");
    assertThat(answered.path("hostname").asText()).isEqualTo("till-2");
    assertThat(answered.path("ntpServers").toString()).isEqualTo("[\"ntp.spec.example\"]");
    assertThat(answered.path("network").path("dnsServers").toString()).isEqualTo("[\"10.0.0.53\"]");
  }

  @Test
  @DisplayName("When a machine registers again with its credential, then 200 answers with the same host and a new "
      + "credential, and the old credential is refused")
  void reRegistrationIsIdempotent() {
    String ns = fixture.newNamespace("gw-again");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    Registered first = fixture.register(token, "m-again-0", "again-a");

    Registered second = fixture.register(GatewayFixture.registration(token, "m-again-0", "again-a"),
        GatewayFixture.bearer(first.credential()));

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.host()).isEqualTo(first.host());
    assertThat(second.credential()).isNotEqualTo(first.credential());
    assertThat(fixture.client().resources(EdgeHost.class).inNamespace(ns).list().getItems()).hasSize(1);
    assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(first.credential())).statusCode()).isEqualTo(401);
    assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(second.credential())).statusCode()).isEqualTo(204);
  }

  @Test
  @DisplayName("When the token is unknown, then 401; expired, revoked or exhausted, then 403 naming the token; a "
      + "machine the exhausted token registered still registers again")
  void everyTokenState() {
    String ns = fixture.newNamespace("gw-states");
    RegistrationTokenSpec expiredSpec = GatewayFixture.spec(null, Map.of());
    expiredSpec.setTtl(null);
    expiredSpec.setExpiresAt(Instant.now().minusSeconds(60).toString());
    String expired = fixture.token(ns, "expired", expiredSpec);
    RegistrationTokenSpec revokedSpec = GatewayFixture.spec(null, Map.of());
    revokedSpec.setRevoked(true);
    String revoked = fixture.token(ns, "revoked", revokedSpec);
    String limited = fixture.token(ns, "limited", GatewayFixture.spec(1, Map.of()));
    Registered registered = fixture.register(limited, "m-states-0", "states-a");
    assertThat(registered.status()).isEqualTo(201);

    GatewayFixture.assertError(fixture.post("/v1/register", GatewayFixture.registration("no-such-token", "m-x", "x"),
        Map.of("Content-Type", "application/json")), 401, "Unauthorized", "unknown registration token");
    GatewayFixture.assertError(fixture.post("/v1/register", GatewayFixture.registration(expired, "m-x", "x"),
        Map.of("Content-Type", "application/json")), 403, "TokenExpired", "registration token expired");
    GatewayFixture.assertError(fixture.post("/v1/register", GatewayFixture.registration(revoked, "m-x", "x"),
        Map.of("Content-Type", "application/json")), 403, "TokenRevoked", "registration token revoked");
    GatewayFixture.assertError(fixture.post("/v1/register", GatewayFixture.registration(limited, "m-x", "x"),
        Map.of("Content-Type", "application/json")), 403, "TokenExhausted", "registration token limited");
    assertThat(fixture.register(GatewayFixture.registration(limited, "m-states-0", "states-a"),
        GatewayFixture.bearer(registered.credential())).status()).isEqualTo(200);
    assertThat(fixture.client().resources(EdgeHost.class).inNamespace(ns).list().getItems()).hasSize(1);
  }

  @Test
  @DisplayName("When 50 machines register at once with a token for at most 10, then exactly 10 get 201 and 40 get 403 "
      + "TokenExhausted, and 10 EdgeHosts exist")
  void registrationLimitIsExactUnderConcurrency() throws Exception {
    String ns = fixture.newNamespace("gw-limit");
    String token = fixture.token(ns, "ten", GatewayFixture.spec(10, Map.of()));
    ExecutorService pool = Executors.newFixedThreadPool(50);
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String body = GatewayFixture.registration(token, "m-limit-" + i, "limit-" + i);
      calls.add(() -> fixture.post("/v1/register", body, Map.of("Content-Type", "application/json")));
    }
    List<Integer> statuses = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    try {
      for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
        statuses.add(answer.get().statusCode());
        codes.add(GatewayFixture.parse(answer.get().body()).path("error").asText(""));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(statuses).filteredOn(s -> s == 201).hasSize(10);
    assertThat(statuses).filteredOn(s -> s == 403).hasSize(40);
    assertThat(codes).filteredOn("TokenExhausted"::equals).hasSize(40);
    assertThat(fixture.client().resources(EdgeHost.class).inNamespace(ns).list().getItems()).hasSize(10);
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      RegistrationToken read = fixture.client().resources(RegistrationToken.class).inNamespace(ns).withName("ten")
          .get();
      return read.getStatus().getPhase() == RegistrationTokenStatus.Phase.Exhausted
          && read.getStatus().getRegistrations() == 10;
    });
  }

  @Test
  @DisplayName("When a machine bound to a host of another namespace registers with this namespace's token, then 409 "
      + "MachineConflict and nothing is created")
  void machineOfAnotherNamespace() {
    String first = fixture.newNamespace("gw-tenant-a");
    String second = fixture.newNamespace("gw-tenant-b");
    String tokenA = fixture.token(first, "wave-1", GatewayFixture.spec(null, Map.of()));
    String tokenB = fixture.token(second, "wave-1", GatewayFixture.spec(null, Map.of()));
    assertThat(fixture.register(tokenA, "m-tenant-0", "tenant-a").status()).isEqualTo(201);

    HttpResponse<String> response = fixture.post("/v1/register", GatewayFixture.registration(tokenB, "m-tenant-0",
        "tenant-a"), Map.of("Content-Type", "application/json"));

    GatewayFixture.assertError(response, 409, "MachineConflict", "m-tenant-0");
    assertThat(response.body()).doesNotContain(first);
    assertThat(fixture.client().resources(EdgeHost.class).inNamespace(second).list().getItems()).isEmpty();
  }
}
