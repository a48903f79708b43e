package dev.lifecycle.edge.operator.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationRecord;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegistrationRulesTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final String SECRET = "A".repeat(42) + "A";
  private static final String OTHER_SECRET = "B".repeat(42) + "A";

  @Test
  @DisplayName("When an unknown machine registers, then a host is created, named after its hostname, with the "
      + "agent's labels overlaid by the token's")
  void newMachineCreatesAHost() {
    RegistrationToken token = token(null, Map.of("site", "store-0042"));

    RegistrationDecision decision = decide(token, "m-1", "store-0042-a", Map.of("rack", "a", "site", "other"),
        List.of(), Set.of());

    assertThat(decision).isEqualTo(new RegistrationDecision.Create("store-0042-a",
        Map.of("rack", "a", "site", "store-0042"), OptionalInt.empty()));
  }

  @Test
  @DisplayName("When the hostname is taken or not a DNS-1123 label, then the host is named after its machine id")
  void hostNameFallsBackToTheMachineId() {
    RegistrationToken token = token(null, Map.of());
    RegistrationRules.Facts taken = new RegistrationRules.Facts(token, "m-1", "store-0042-a", Map.of(), List.of(),
        Set.of(), name -> name.equals("store-0042-a"), host -> false, NOW);

    assertThat(((RegistrationDecision.Create) RegistrationRules.decide(taken)).name())
        .isEqualTo(HostNaming.fallback("m-1")).matches("host-[0-9a-f]{10}");
    assertThat(((RegistrationDecision.Create) decide(token, "m-1", "Store_A", Map.of(), List.of(), Set.of())).name())
        .isEqualTo(HostNaming.fallback("m-1"));
  }

  @Test
  @DisplayName("When a pre-provisioned, never registered host has the machine id, then it is claimed")
  void preProvisionedHostIsClaimed() {
    EdgeHost preProvisioned = host("ns", "shipped-1", "m-1", null, null);

    RegistrationDecision decision = decide(token(null, Map.of()), "m-1", "x", Map.of(), List.of(preProvisioned),
        Set.of());

    assertThat(decision).isEqualTo(new RegistrationDecision.Claim(preProvisioned, OptionalInt.empty()));
  }

  @Test
  @DisplayName("When the machine's host is registered and the request holds its credential, then it registers again, "
      + "even with an exhausted token, taking no slot")
  void registeredMachineRegistersAgain() {
    EdgeHost registered = host("ns", "a", "m-1", "wave-1", "m-1");
    RegistrationToken limitOne = token(1, Map.of());
    limitOne.setStatus(status(1));

    RegistrationDecision decision = decideHolding(registered, limitOne, List.of(registered), Set.of("ns/a"));

    assertThat(decision).isEqualTo(new RegistrationDecision.Reregister(registered, OptionalInt.empty()));
  }

  @Test
  @DisplayName("When a registered machine id registers again without its host's credential, then 409 "
      + "ReregistrationNotAllowed tells how a person allows it; a credential of another host proves nothing")
  void machineIdAloneIsNoProof() {
    EdgeHost registered = host("ns", "a", "m-1", "wave-1", "m-1");
    EdgeHost other = host("ns", "b", "m-2", "wave-1", "m-2");

    RegistrationDecision bare = decide(token(null, Map.of()), "m-1", "a", Map.of(), List.of(registered), Set.of());
    RegistrationDecision otherHost = decideHolding(other, token(null, Map.of()), List.of(registered), Set.of());

    assertThat(bare).isInstanceOfSatisfying(RegistrationDecision.Refuse.class, refuse -> {
      assertThat(refuse.error().status()).isEqualTo(409);
      assertThat(refuse.error().code()).isEqualTo("ReregistrationNotAllowed");
      assertThat(refuse.error().message()).contains("m-1", "ns/a", "Authorization: Bearer",
          "kubectl annotate edgehost a -n ns --overwrite edge.lifecycle.dev/allow-reregistration=",
          ".status.registration.credentialHash");
    });
    assertThat(otherHost).isEqualTo(bare);
  }

  @Test
  @DisplayName("When a registration is sent again with the credential secret its host's current credential was made "
      + "with (its answer was lost), then the same answer is given, nothing written, no slot taken, even once the "
      + "token is exhausted")
  void lostAnswerIsRepeated() {
    EdgeHost registered = registeredWithSecret("wave-1", SECRET);
    RegistrationToken limitOne = token(1, Map.of());
    limitOne.setStatus(status(1));

    assertThat(decideWithSecret(SECRET, limitOne, registered)).isEqualTo(new RegistrationDecision.Repeat(registered));
  }

  @Test
  @DisplayName("When a registration of a registered machine id carries another secret (a second machine, a stolen "
      + "token), or the secret of a credential since replaced, or of a host that another token registered, then "
      + "409 ReregistrationNotAllowed as without one; a revoked token refuses even the right secret")
  void onlyTheSecretOfTheCurrentCredentialRepeats() {
    EdgeHost registered = registeredWithSecret("wave-1", SECRET);
    EdgeHost replaced = registeredWithSecret("wave-1", OTHER_SECRET);
    EdgeHost ofAnotherToken = registeredWithSecret("other-token", SECRET);
    RegistrationToken revoked = token(null, Map.of());
    revoked.getSpec().setRevoked(true);

    assertThat(decideWithSecret(OTHER_SECRET, token(null, Map.of()), registered))
        .isInstanceOfSatisfying(RegistrationDecision.Refuse.class,
            refuse -> assertThat(refuse.error().code()).isEqualTo("ReregistrationNotAllowed"));
    assertThat(decideWithSecret(SECRET, token(null, Map.of()), replaced))
        .isInstanceOfSatisfying(RegistrationDecision.Refuse.class,
            refuse -> assertThat(refuse.error().code()).isEqualTo("ReregistrationNotAllowed"));
    assertThat(decideWithSecret(SECRET, token(null, Map.of()), ofAnotherToken))
        .isInstanceOfSatisfying(RegistrationDecision.Refuse.class,
            refuse -> assertThat(refuse.error().code()).isEqualTo("ReregistrationNotAllowed"));
    assertThat(decideWithSecret(SECRET, revoked, registered))
        .isInstanceOfSatisfying(RegistrationDecision.Refuse.class,
            refuse -> assertThat(refuse.error().code()).isEqualTo("TokenRevoked"));
  }

  @Test
  @DisplayName("When a person annotated the host with the hash of its current credential, then it registers again "
      + "without it; an annotation naming another hash (one already replaced) allows nothing")
  void personAllowsReplacingOneCredential() {
    EdgeHost allowed = host("ns", "a", "m-1", "wave-1", "m-1");
    allowed.getStatus().getRegistration().setCredentialHash("sha256:current");
    allowed.getMetadata().setAnnotations(Map.of(RegistrationRules.ALLOW_REREGISTRATION, "sha256:current"));
    EdgeHost stale = host("ns", "a", "m-1", "wave-1", "m-1");
    stale.getStatus().getRegistration().setCredentialHash("sha256:newer");
    stale.getMetadata().setAnnotations(Map.of(RegistrationRules.ALLOW_REREGISTRATION, "sha256:current"));

    assertThat(decide(token(null, Map.of()), "m-1", "a", Map.of(), List.of(allowed), Set.of()))
        .isEqualTo(new RegistrationDecision.Reregister(allowed, OptionalInt.empty()));
    assertThat(decide(token(null, Map.of()), "m-1", "a", Map.of(), List.of(stale), Set.of()))
        .isInstanceOf(RegistrationDecision.Refuse.class);
  }

  @Test
  @DisplayName("When a machine new to a limited token registers, then it takes the next slot; the count is the "
      + "token's status when that is higher than the hosts registered with it now (a host moved away)")
  void newMachineTakesASlot() {
    RegistrationToken limitThree = token(3, Map.of());

    assertThat(decide(limitThree, "m-2", "b", Map.of(), List.of(), Set.of("ns/a")).slot()).hasValue(2);
    limitThree.setStatus(status(2));
    assertThat(decide(limitThree, "m-2", "b", Map.of(), List.of(), Set.of()).slot()).hasValue(3);
    EdgeHost movedHere = host("ns", "a", "m-1", "other-token", "m-1");
    assertThat(decideHolding(movedHere, limitThree, List.of(movedHere), Set.of()))
        .isEqualTo(new RegistrationDecision.Reregister(movedHere, OptionalInt.of(3)));
    assertThat(decide(token(null, Map.of()), "m-2", "b", Map.of(), List.of(), Set.of("ns/a")).slot()).isEmpty();
  }

  @Test
  @DisplayName("When a limited token's status counts as many machines as it may, then a new machine is refused even "
      + "though fewer hosts are registered with it now")
  void countedMachinesExhaustTheToken() {
    RegistrationToken limitOne = token(1, Map.of());
    limitOne.setStatus(status(1));

    assertThat(decide(limitOne, "m-2", "b", Map.of(), List.of(), Set.of()))
        .isInstanceOfSatisfying(RegistrationDecision.Refuse.class,
            refuse -> assertThat(refuse.error().code()).isEqualTo("TokenExhausted"));
  }

  @Test
  @DisplayName("When the token registered as many hosts as it may, then a new machine is refused as exhausted")
  void limitReachedRefusesNewMachines() {
    RegistrationDecision decision = decide(token(2, Map.of()), "m-3", "c", Map.of(), List.of(), Set.of("ns/a", "ns/b"));

    assertThat(decision).isInstanceOfSatisfying(RegistrationDecision.Refuse.class, refuse -> {
      assertThat(refuse.error().status()).isEqualTo(403);
      assertThat(refuse.error().code()).isEqualTo("TokenExhausted");
      assertThat(refuse.error().message()).contains("wave-1", "2 of at most 2");
    });
    assertThat(decide(token(3, Map.of()), "m-3", "c", Map.of(), List.of(), Set.of("ns/a", "ns/b")))
        .isEqualTo(new RegistrationDecision.Create("c", Map.of(), OptionalInt.of(3)));
  }

  @Test
  @DisplayName("When the token is revoked or expired, then even a registered machine is refused, naming the token")
  void revokedAndExpiredRefuseEveryone() {
    RegistrationToken revoked = token(null, Map.of());
    revoked.getSpec().setRevoked(true);
    RegistrationToken expired = token(null, Map.of());
    expired.getSpec().setTtl(null);
    expired.getSpec().setExpiresAt("2026-03-01T09:59:59Z");
    EdgeHost registered = host("ns", "a", "m-1", "wave-1", "m-1");

    assertThat(decide(revoked, "m-1", "a", Map.of(), List.of(registered), Set.of("ns/a")))
        .isEqualTo(new RegistrationDecision.Refuse(ApiError.forbidden("TokenRevoked",
            "registration token wave-1 is revoked: the token was revoked (spec.revoked is true)")));
    assertThat(decide(expired, "m-2", "b", Map.of(), List.of(), Set.of()))
        .isInstanceOfSatisfying(RegistrationDecision.Refuse.class, refuse -> {
          assertThat(refuse.error().code()).isEqualTo("TokenExpired");
          assertThat(refuse.error().message()).contains("wave-1", "2026-03-01T09:59:59Z");
        });
  }

  @Test
  @DisplayName("When the machine id is bound to a host of another namespace only, then it is a conflict that does not "
      + "name that namespace")
  void machineOfAnotherNamespaceConflicts() {
    EdgeHost elsewhere = host("other-tenant", "x", "m-1", "t", "m-1");

    RegistrationDecision decision = decide(token(null, Map.of()), "m-1", "a", Map.of(), List.of(elsewhere), Set.of());

    assertThat(decision).isInstanceOfSatisfying(RegistrationDecision.Refuse.class, refuse -> {
      assertThat(refuse.error().status()).isEqualTo(409);
      assertThat(refuse.error().code()).isEqualTo("MachineConflict");
      assertThat(refuse.error().message()).contains("m-1").doesNotContain("other-tenant");
    });
  }

  @Test
  @DisplayName("When a token's spec cannot be judged, then registration is refused as TokenInvalid")
  void invalidTokenSpec() {
    RegistrationToken broken = token(null, Map.of());
    broken.getSpec().setTtl(null);

    assertThat(decide(broken, "m-1", "a", Map.of(), List.of(), Set.of()))
        .isInstanceOfSatisfying(RegistrationDecision.Refuse.class,
            refuse -> assertThat(refuse.error().code()).isEqualTo("TokenInvalid"));
  }

  private static RegistrationDecision decide(RegistrationToken token, String machineId, String hostname,
      Map<String, String> labels, List<EdgeHost> bound, Set<String> registered) {
    return RegistrationRules.decide(new RegistrationRules.Facts(token, machineId, hostname, labels, bound, registered,
        name -> false, host -> false, NOW));
  }

  /** Machine m-1 registering as "a" with the credential of {@code holding}. */
  private static RegistrationDecision decideHolding(EdgeHost holding, RegistrationToken token, List<EdgeHost> bound,
      Set<String> registered) {
    return RegistrationRules.decide(new RegistrationRules.Facts(token, "m-1", "a", Map.of(), bound, registered,
        name -> false, holding::equals, NOW));
  }

  /** Machine m-1's host "a", registered with {@code tokenName}, its credential made with {@code secret}. */
  private static EdgeHost registeredWithSecret(String tokenName, String secret) {
    EdgeHost host = host("ns", "a", "m-1", tokenName, "m-1");
    host.getStatus().getRegistration().setCredentialHash(HostCredential.hash(HostCredential.of("ns", "a", secret)));
    return host;
  }

  /** Machine m-1 registering as "a" with its own credential secret, as the gateway judges it. */
  private static RegistrationDecision decideWithSecret(String secret, RegistrationToken token, EdgeHost bound) {
    return RegistrationRules.decide(new RegistrationRules.Facts(token, "m-1", "a", Map.of(), List.of(bound),
        Set.of("ns/a"), name -> false, host -> false, host -> HostCredential.madeWith(Optional.of(secret), host), NOW));
  }

  private static RegistrationTokenStatus status(int registrations) {
    RegistrationTokenStatus status = new RegistrationTokenStatus();
    status.setRegistrations(registrations);
    return status;
  }

  private static RegistrationToken token(Integer max, Map<String, String> hostLabels) {
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("24h");
    spec.setMaxRegistrations(max);
    spec.setHostLabels(new LinkedHashMap<>(hostLabels));
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName("wave-1").withNamespace("ns")
        .withCreationTimestamp("2026-03-01T09:00:00Z").build());
    token.setSpec(spec);
    return token;
  }

  private static EdgeHost host(String namespace, String name, String specMachineId, String tokenName,
      String registeredMachineId) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    host.setSpec(new EdgeHostSpec(specMachineId));
    if (tokenName != null) {
      RegistrationRecord record = new RegistrationRecord();
      record.setTokenName(tokenName);
      record.setMachineId(registeredMachineId);
      EdgeHostStatus status = new EdgeHostStatus();
      status.setRegistration(record);
      host.setStatus(status);
    }
    return host;
  }
}
