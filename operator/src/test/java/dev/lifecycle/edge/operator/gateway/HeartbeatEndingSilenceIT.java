package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import dev.lifecycle.edge.operator.host.HostPhaseJudge;
import dev.lifecycle.edge.operator.token.RegistrationTokenReconciler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A heartbeat after a silence longer than the staleness limit is written at once by the replica that judges hosts,
 * whatever its write interval and whatever phase the host's status still shows: a cluster may have judged the host
 * Unreachable before the host reconciler wrote it so, and only a write tells it the host is back. Here no host
 * reconciler runs at all, so the status never says Unreachable.
 */
class HeartbeatEndingSilenceIT {

  private static final Duration STALENESS = Duration.ofSeconds(2);
  @AutoClose
  private static final GatewayFixture fixture = GatewayFixture.sharingOperator(
      OperatorSettings.defaults("http://127.0.0.1:9443").withHeartbeat(Duration.ofMillis(500))
          .withStaleness(STALENESS).embedded(),
      config -> config, List.of(RegistrationTokenReconciler::new));

  @Test
  @DisplayName("When a host still recorded Available is heard after a silence past its Unreachable deadline, then "
      + "that heartbeat is written at once, although lastSeen is written only every 5 minutes otherwise")
  void aHeartbeatEndingASilenceIsWritten() {
    String ns = fixture.newNamespace("gw-silence");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    Registered agent = fixture.register(token, "m-silent-a", "silent-a");
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.host(ns, "silent-a").getStatus().getLastSeen()
        != null);
    EdgeHost registered = fixture.host(ns, "silent-a");
    Instant deadline = HostPhaseJudge.unreachableAt(registered.getStatus(), STALENESS, Instant.MIN).orElseThrow();
    await().atMost(STALENESS.multipliedBy(3)).until(() -> Instant.now().isAfter(deadline.plusMillis(100)));
    assertThat(fixture.host(ns, "silent-a").getStatus().getPhase()).isEqualTo(Phase.Available);

    assertThat(fixture.post("/v1/heartbeat", null, GatewayFixture.bearer(agent.credential())).statusCode())
        .isEqualTo(204);

    await().atMost(Duration.ofSeconds(5)).until(() -> !registered.getStatus().getLastSeen()
        .equals(fixture.host(ns, "silent-a").getStatus().getLastSeen()));
  }
}
