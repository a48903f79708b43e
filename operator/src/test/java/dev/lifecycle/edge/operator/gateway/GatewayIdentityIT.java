package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A registration proves who it is (issue 15, findings 1 and 2): a machine id is no secret, so taking
 * over a registered host needs its credential or a person's allowance; and a token's limit counts the
 * machines it ever registered, so moving a host to another token frees no slot.
 */
class GatewayIdentityIT {

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  @AutoClose
  private static final GatewayFixture fixture = GatewayFixture.start();

  @Test
  @DisplayName("When another agent registers a registered machine id without its credential, then 409 "
      + "ReregistrationNotAllowed names the annotation, changes nothing, and the real agent's credential still works")
  void machineIdAloneDoesNotTakeOverAHost() {
    String ns = fixture.newNamespace("gw-takeover");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    Registered real = fixture.register(token, "m-takeover-0", "takeover-a");
    assertThat(real.status()).isEqualTo(201);
    awaitToken(ns, "wave-1", RegistrationTokenStatus.Phase.Active, 1);
    Map<String, String> before = fixture.versions(ns);

    HttpResponse<String> thief = fixture.post("/v1/register", GatewayFixture.registration(token, "m-takeover-0",
        "takeover-a"), JSON);
    Map<String, String> forgedCredential = new HashMap<>(GatewayFixture.bearer(real.credential()
        .substring(0, real.credential().length() - 4) + "AAAA"));
    forgedCredential.putAll(JSON);
    HttpResponse<String> forged = fixture.post("/v1/register", GatewayFixture.registration(token, "m-takeover-0",
        "takeover-a"), forgedCredential);

    GatewayFixture.assertError(thief, 409, "ReregistrationNotAllowed", "edge.lifecycle.dev/allow-reregistration");
    GatewayFixture.assertError(forged, 409, "ReregistrationNotAllowed", "takeover-a");
    assertThat(thief.body()).doesNotContain(real.credential());
    assertThat(fixture.versions(ns)).isEqualTo(before);
    assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(real.credential())).statusCode()).isEqualTo(204);
  }

  @Test
  @DisplayName("When the agent registers again with its current credential, then 200 rotates the credential")
  void credentialProvesPossession() {
    String ns = fixture.newNamespace("gw-proof");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    Registered first = fixture.register(token, "m-proof-0", "proof-a");

    Registered second = register(token, "m-proof-0", "proof-a", GatewayFixture.bearer(first.credential()));

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.host()).isEqualTo("proof-a");
    assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(first.credential())).statusCode()).isEqualTo(401);
    assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(second.credential())).statusCode()).isEqualTo(204);
    Registered replay = register(token, "m-proof-0", "proof-a", GatewayFixture.bearer(first.credential()));
    assertThat(replay.status()).as("a replaced credential proves nothing").isEqualTo(409);
  }

  @Test
  @DisplayName("When a person annotates a re-imaged host with the hash of the credential to replace, then one "
      + "registration without the credential is allowed, the next is refused again, and annotating the new hash "
      + "allows one more; the gateway never writes the annotation")
  void personAllowsOneReregistration() {
    String ns = fixture.newNamespace("gw-reimaged");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    Registered old = fixture.register(token, "m-reimaged-0", "reimaged-a");

    annotate(ns, "reimaged-a", "sha256:" + "0".repeat(64));
    Registered wrongHash = fixture.register(token, "m-reimaged-0", "reimaged-a");
    String allowance = currentHash(ns, "reimaged-a");
    annotate(ns, "reimaged-a", allowance);
    Registered reimaged = fixture.register(token, "m-reimaged-0", "reimaged-a");
    Registered again = fixture.register(token, "m-reimaged-0", "reimaged-a");
    String secondAllowance = currentHash(ns, "reimaged-a");
    annotate(ns, "reimaged-a", secondAllowance);
    Registered twice = fixture.register(token, "m-reimaged-0", "reimaged-a");

    assertThat(wrongHash.status()).as("the allowance names the credential it replaces").isEqualTo(409);
    assertThat(reimaged.status()).isEqualTo(200);
    assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(old.credential())).statusCode()).isEqualTo(401);
    assertThat(again.status()).as("the allowance is used once").isEqualTo(409);
    assertThat(twice.status()).isEqualTo(200);
    assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(twice.credential())).statusCode()).isEqualTo(204);
    assertThat(fixture.host(ns, "reimaged-a").getMetadata().getAnnotations())
        .as("the gateway never writes a person's metadata")
        .containsEntry("edge.lifecycle.dev/allow-reregistration", secondAllowance);
  }

  @Test
  @DisplayName("When a host moves from an exhausted token to another, then the exhausted token still refuses a new "
      + "machine, and its status keeps counting the machine it registered")
  void movingAHostFreesNoSlot() {
    String ns = fixture.newNamespace("gw-move");
    String one = fixture.token(ns, "one", GatewayFixture.spec(1, Map.of()));
    String other = fixture.token(ns, "other", GatewayFixture.spec(null, Map.of()));
    Registered first = fixture.register(one, "m-move-0", "move-a");
    assertThat(first.status()).isEqualTo(201);
    awaitToken(ns, "one", RegistrationTokenStatus.Phase.Exhausted, 1);

    Registered moved = register(other, "m-move-0", "move-a", GatewayFixture.bearer(first.credential()));
    assertThat(moved.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.gateway().caches().tokenFor(one).isPresent()
        && "other".equals(fixture.host(ns, "move-a").getStatus().getRegistration().getTokenName()));
    HttpResponse<String> second = fixture.post("/v1/register", GatewayFixture.registration(one, "m-move-1", "move-b"),
        JSON);

    GatewayFixture.assertError(second, 403, "TokenExhausted", "one");
    assertThat(fixture.client().resources(EdgeHost.class).inNamespace(ns).list().getItems()).hasSize(1);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> {
      RegistrationToken read = token(ns, "one");
      return read.getStatus().getPhase() == RegistrationTokenStatus.Phase.Exhausted
          && read.getStatus().getRegistrations() == 1;
    });
  }

  private static String currentHash(String ns, String host) {
    return fixture.host(ns, host).getStatus().getRegistration().getCredentialHash();
  }

  private static void awaitToken(String ns, String name, RegistrationTokenStatus.Phase phase, int registrations) {
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      RegistrationToken read = token(ns, name);
      return read.getStatus() != null && read.getStatus().getPhase() == phase
          && read.getStatus().getRegistrations() != null && read.getStatus().getRegistrations() == registrations;
    });
  }

  private static RegistrationToken token(String ns, String name) {
    return fixture.client().resources(RegistrationToken.class).inNamespace(ns).withName(name).get();
  }

  private static void annotate(String ns, String host, String value) {
    fixture.client().resources(EdgeHost.class).inNamespace(ns).withName(host).edit(edited -> {
      Map<String, String> annotations = new HashMap<>(edited.getMetadata().getAnnotations() == null ? Map.of()
          : edited.getMetadata().getAnnotations());
      annotations.put("edge.lifecycle.dev/allow-reregistration", value);
      edited.getMetadata().setAnnotations(annotations);
      return edited;
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.gateway().caches().hosts().get(ns, host)
        .map(cached -> value.equals(cached.getMetadata().getAnnotations()
            .get("edge.lifecycle.dev/allow-reregistration"))).orElse(false));
  }

  private static Registered register(String token, String machineId, String hostname, Map<String, String> headers) {
    return fixture.register(GatewayFixture.registration(token, machineId, hostname), headers);
  }


}
