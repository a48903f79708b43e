package dev.lifecycle.edge.operator.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostLivenessTest {

  private static final Instant START = Instant.parse("2026-12-07T08:00:00Z");
  private static final Duration STALENESS = Duration.ofSeconds(90);

  private static EdgeHost host(String name, Instant lastSeen) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withNamespace("store").withName(name).build());
    EdgeHostStatus status = new EdgeHostStatus();
    status.setLastSeen(lastSeen.toString());
    host.setStatus(status);
    return host;
  }

  @Test
  @DisplayName("When a host's lastSeen is five minutes old but this replica heard it 30 s ago, then it is Available; "
      + "a staleness after that heartbeat, Unreachable")
  void aHeartbeatHeardCountsLikeOneWritten() {
    HostLiveness liveness = HostLiveness.judgingFrom(START);
    Instant now = START.plus(Duration.ofMinutes(10));
    EdgeHost host = host("h-1", now.minus(Duration.ofMinutes(5)));
    liveness.heard(host, now.minusSeconds(30));

    assertThat(HostPhaseJudge.phase(host.getStatus(), now, STALENESS, liveness.heardSince(host)))
        .isEqualTo(Phase.Available);
    assertThat(HostPhaseJudge.unreachableAt(host.getStatus(), STALENESS, liveness.heardSince(host)))
        .contains(now.minusSeconds(30).plus(STALENESS));
    assertThat(HostPhaseJudge.phase(host("h-2", now.minus(Duration.ofMinutes(5))).getStatus(), now, STALENESS,
        liveness.heardSince(host("h-2", now)))).as("a host not heard here").isEqualTo(Phase.Unreachable);
  }

  @Test
  @DisplayName("When a host was heard less than a staleness ago, or the replica began to judge less than that ago, "
      + "then it is not silent; past that, it is")
  void silence() {
    HostLiveness liveness = HostLiveness.judgingFrom(START);
    EdgeHost host = host("h-1", START.minus(Duration.ofMinutes(10)));

    assertThat(liveness.silentAt(host, START.plus(STALENESS), STALENESS)).as("within the grace period").isFalse();
    assertThat(liveness.silentAt(host, START.plus(STALENESS).plusMillis(1), STALENESS)).isTrue();
    liveness.heard(host, START.plusSeconds(100));
    assertThat(liveness.silentAt(host, START.plusSeconds(100).plus(STALENESS), STALENESS)).isFalse();
    assertThat(liveness.silentAt(host, START.plusSeconds(101).plus(STALENESS), STALENESS)).isTrue();
    EdgeHost pending = host("h-2", START);
    pending.setStatus(null);
    assertThat(liveness.silentAt(pending, START.plus(Duration.ofDays(1)), STALENESS))
        .as("a host never seen is Pending, not silent").isFalse();
  }

  @Test
  @DisplayName("When heartbeats are heard out of order, then the latest counts; a forgotten host counts from the "
      + "moment this replica began to judge")
  void theLatestHeartbeatCounts() {
    HostLiveness liveness = HostLiveness.judgingFrom(START);
    EdgeHost host = host("h-1", START);
    liveness.heard(host, START.plusSeconds(60));
    liveness.heard(host, START.plusSeconds(30));

    assertThat(liveness.heardSince(host)).isEqualTo(START.plusSeconds(60));
    assertThat(liveness.heardHere(host)).contains(START.plusSeconds(60));

    liveness.forget(host);

    assertThat(liveness.heardSince(host)).isEqualTo(START);
    assertThat(liveness.heardHere(host)).isEmpty();
    assertThat(liveness.size()).isZero();
  }

  @Test
  @DisplayName("When a replica that only listened begins to judge (it leads), then the grace period counts from "
      + "that moment, not from its start; when it stops, then it no longer judges")
  void leadingRestartsTheGracePeriod() {
    HostLiveness liveness = HostLiveness.listeningFrom(START);
    assertThat(liveness.judging()).isFalse();

    Instant leads = START.plus(Duration.ofHours(3));
    liveness.judgeFrom(leads);

    assertThat(liveness.judging()).isTrue();
    EdgeHost host = host("h-1", START);
    assertThat(liveness.heardSince(host)).isEqualTo(leads);
    assertThat(HostPhaseJudge.phase(host.getStatus(), leads.plus(STALENESS), STALENESS, liveness.heardSince(host)))
        .as("not Unreachable within the staleness of the takeover").isEqualTo(Phase.Available);

    liveness.stopJudging();
    assertThat(liveness.judging()).isFalse();
  }
}
