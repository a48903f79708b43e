package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.operator.support.Tee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus.Phase;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.Refusals;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The token value lives in its Secret only: not in the token's spec or status, not in Events, not
 * in the operator's log (standard output), through a whole lifecycle.
 */
class TokenSecrecyIT {

  private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
  private static PrintStream original;
  private static OperatorHarness harness;
  private static TokenFixtures fixtures;

  @BeforeAll
  static void start() {
    original = System.out;
    System.setOut(new PrintStream(new Tee(original, CAPTURED), true, StandardCharsets.UTF_8));
    harness = OperatorHarness.start();
    fixtures = new TokenFixtures(harness.client());
    harness.startOperator(List.of(RegistrationTokenReconciler::new));
  }

  @AfterAll
  static void stop() {
    harness.close();
    System.setOut(original);
  }

  @Test
  @DisplayName("When a token is issued, re-rendered, rotated, revoked and made invalid, then no value it ever had "
      + "appears in its spec, status, Events or the operator's log (an invalid spec is refused by the API)")
  void tokenValueNeverLeaks() {
    String ns = harness.newNamespace("rtok-secrecy");
    RegistrationTokenSpec spec = TokenFixtures.ttl("24h");
    spec.setUserData(TokenFixtures.installerDefaults(null, "ops"));
    fixtures.create(ns, "wave-1", spec);
    await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.tokenValue(ns, "wave-1").isPresent()
        && fixtures.eventReasons(ns, "wave-1").contains("TokenIssued"));
    String first = fixtures.tokenValue(ns, "wave-1").orElseThrow();

    fixtures.token(ns, "wave-1").edit(t -> {
      t.getSpec().setUserData(TokenFixtures.installerDefaults("https://edge.example.com", "field-tech"));
      return t;
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.eventReasons(ns, "wave-1").contains("UserDataUpdated"));
    harness.client().secrets().inNamespace(ns).withName("wave-1").delete();
    await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.eventReasons(ns, "wave-1").contains("TokenReissued"));
    String second = fixtures.tokenValue(ns, "wave-1").orElseThrow();
    fixtures.token(ns, "wave-1").edit(t -> {
      t.getSpec().setRevoked(true);
      return t;
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> fixtures.token(ns, "wave-1").get().getStatus().getPhase()
        == Phase.Revoked);
    Refusals.assertInvalid(() -> fixtures.token(ns, "wave-1").edit(t -> {
      t.getSpec().setExpiresAt("not-a-time");
      return t;
    }), "spec");

    String tokenJson = harness.client().getKubernetesSerialization().asJson(fixtures.token(ns, "wave-1").get());
    String eventsJson = harness.client().getKubernetesSerialization()
        .asJson(harness.client().v1().events().inNamespace(ns).list());
    String log = CAPTURED.toString(StandardCharsets.UTF_8);
    assertThat(first).isNotEqualTo(second);
    assertThat(log).as("the operator's log was captured").contains("wave-1: TokenIssued", "wave-1: TokenReissued");
    assertThat(eventsJson).contains("TokenIssued", "UserDataUpdated", "TokenReissued", "Revoked");
    for (String value : List.of(first, second)) {
      assertThat(tokenJson).doesNotContain(value);
      assertThat(eventsJson).doesNotContain(value);
      assertThat(log).doesNotContain(value);
    }
  }
}
