package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import dev.lifecycle.edge.operator.host.HostLiveness;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostViewCacheTest {

  private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
  private static final Duration STALENESS = Duration.ofSeconds(90);
  /** lastSeen + 2/3 of the staleness + 1 s + the staleness (HostPhaseJudge). */
  private static final Duration SILENT_UNTIL_UNREACHABLE = Duration.ofSeconds(151);

  private final HostLiveness liveness = HostLiveness.judgingFrom(Instant.MIN);
  private final HostViewCache cache = new HostViewCache(STALENESS, liveness);

  private static EdgeHost host(String version, Instant lastSeen, String address) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName("h-1").withNamespace("store").withResourceVersion(version)
        .build());
    host.setSpec(new EdgeHostSpec("m-1"));
    EdgeHostStatus status = new EdgeHostStatus();
    status.setLastSeen(lastSeen.toString());
    HostInventory inventory = new HostInventory();
    HostInventory.NetworkInterface nic = new HostInventory.NetworkInterface();
    nic.setName("eth0");
    nic.setAddresses(List.of(address + "/24"));
    inventory.setNics(List.of(nic));
    status.setInventory(inventory);
    host.setStatus(status);
    return host;
  }

  @Test
  @DisplayName("When a host is viewed again at the same resourceVersion, then the view made the first time is "
      + "given back, and it is the one HostView.of makes")
  void oneViewPerVersion() {
    EdgeHost host = host("7", NOW, "10.0.0.5");

    HostView first = cache.view(host, NOW);

    assertThat(first).isEqualTo(HostView.of(host, NOW, STALENESS, Instant.MIN));
    assertThat(first.address()).isEqualTo("10.0.0.5");
    assertThat(cache.view(host, NOW.plusSeconds(30))).isSameAs(first);
  }

  @Test
  @DisplayName("When the host changes, then its view is made again from the new version")
  void aNewVersionIsViewedAgain() {
    cache.view(host("7", NOW, "10.0.0.5"), NOW);

    HostView changed = cache.view(host("8", NOW, "10.0.0.9"), NOW);

    assertThat(changed.address()).isEqualTo("10.0.0.9");
  }

  @Test
  @DisplayName("When time passes the instant a silent host turns Unreachable, then its unchanged version is judged "
      + "again (Unreachable), and up to that instant it stays as first judged")
  void timeTurnsASilentHostUnreachable() {
    EdgeHost host = host("7", NOW, "10.0.0.5");
    Instant deadline = NOW.plus(SILENT_UNTIL_UNREACHABLE);

    assertThat(cache.view(host, NOW).phase()).isEqualTo(Phase.Available);
    assertThat(cache.view(host, deadline).phase()).isEqualTo(Phase.Available);
    assertThat(cache.view(host, deadline.plusMillis(1)).phase()).isEqualTo(Phase.Unreachable);
    assertThat(cache.view(host, deadline.plusSeconds(3600)).phase()).isEqualTo(Phase.Unreachable);
  }

  @Test
  @DisplayName("When this replica heard a heartbeat it did not write, then the host's unchanged version is judged "
      + "again at its old deadline and stays Available until a staleness after that heartbeat")
  void aHeartbeatHeardButNotWrittenKeepsTheHostReachable() {
    EdgeHost host = host("7", NOW, "10.0.0.5");
    Instant deadline = NOW.plus(SILENT_UNTIL_UNREACHABLE);
    cache.view(host, NOW);

    Instant heard = deadline.minusSeconds(10);
    liveness.heard(host, heard);

    assertThat(cache.view(host, deadline.plusSeconds(1)).phase()).isEqualTo(Phase.Available);
    assertThat(cache.view(host, heard.plus(STALENESS)).phase()).isEqualTo(Phase.Available);
    assertThat(cache.view(host, heard.plus(STALENESS).plusMillis(1)).phase()).isEqualTo(Phase.Unreachable);
  }

  @Test
  @DisplayName("When a host viewed Unreachable is heard again before anything is written, then its unchanged "
      + "version is viewed again: reachable")
  void anUnreachableHostHeardAgainIsViewedAgain() {
    EdgeHost host = host("7", NOW, "10.0.0.5");
    Instant late = NOW.plus(SILENT_UNTIL_UNREACHABLE).plusSeconds(5);
    assertThat(cache.view(host, late).phase()).isEqualTo(Phase.Unreachable);

    liveness.heard(host, late.plusSeconds(1));

    assertThat(cache.view(host, late.plusSeconds(2)).phase()).isEqualTo(Phase.Available);
  }

  @Test
  @DisplayName("When a host is deleted, then its view is forgotten")
  void aDeletedHostIsForgotten() {
    EdgeHost host = host("7", NOW, "10.0.0.5");
    HostView first = cache.view(host, NOW);

    cache.forget(host);

    assertThat(cache.size()).isZero();
    assertThat(cache.view(host, NOW)).isEqualTo(first).isNotSameAs(first);
  }
}
