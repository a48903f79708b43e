package dev.lifecycle.edge.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.stub.StubGateway;
import dev.lifecycle.edge.agent.stub.StubHost;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FleetSimulatorIT {

  private static final String TOKEN = "fleet-token";
  private static final int HOSTS = 20;

  private StubGateway gateway;
  private FleetSimulator fleet;

  @BeforeEach
  void gateway() throws IOException {
    gateway = StubGateway.start().acceptToken(TOKEN, "fleet");
  }

  @AfterEach
  void close() {
    if (fleet != null) {
      fleet.close();
    }
    gateway.close();
  }

  @Test
  @DisplayName("When 20 hosts are simulated, then all register with their machine id, inventory and labels, "
      + "and all apply a plan")
  void allRegisterAndApply() {
    fleet = start(builder -> builder.label("site", "store-0042"));

    await().until(() -> fleet.counters().registered() == HOSTS);
    StubHost host7 = gateway.hostByMachineId("store-7").orElseThrow();
    assertThat(host7.name()).isEqualTo("store-7");
    assertThat(host7.labels()).containsEntry("site", "store-0042");
    assertThat(host7.registration().path("inventory").path("nics").get(0).path("mac").asText())
        .isEqualTo("02:ed:00:00:00:07");

    planForAll(1, "Init", "1.0.0");

    await().until(() -> fleet.counters().applied() == HOSTS);
    assertThat(fleet.counters()).isEqualTo(new FleetCounters(HOSTS, HOSTS, 0, HOSTS, 0));
    assertThat(gateway.hosts()).allSatisfy(host ->
        assertThat(host.reportStates()).containsExactly("1:Applying", "1:Applied"));
    assertThat(fleet.host(3).lastReport().profileVersion()).isEqualTo("1.0.0");
    assertThat(gateway.badRequests()).isZero();
  }

  @Test
  @DisplayName("When a version is set to fail, then every host reports Failed for its plans")
  void failVersion() {
    fleet = start(builder -> builder.failVersion("1.1.0"));
    await().until(() -> fleet.counters().registered() == HOSTS);
    planForAll(1, "Init", "1.0.0");
    await().until(() -> fleet.counters().applied() == HOSTS);

    planForAll(2, "Upgrade", "1.1.0");

    await().until(() -> fleet.counters().failed() == HOSTS);
    assertThat(gateway.hosts()).allSatisfy(host ->
        assertThat(host.reportStates()).endsWith("2:Applying", "2:Failed"));
    assertThat(fleet.counters().applied()).isEqualTo(HOSTS);
  }

  @Test
  @DisplayName("When host 3 is set to fail, then only host 3 reports Failed, and it still resets")
  void failHost() {
    fleet = start(builder -> builder.failHost(3));
    await().until(() -> fleet.counters().registered() == HOSTS);

    planForAll(1, "Join", "1.0.0");

    await().until(() -> fleet.counters().applied() == HOSTS - 1 && fleet.counters().failed() == 1);
    assertThat(gateway.hostByMachineId("store-3").orElseThrow().reportStates()).containsExactly("1:Applying",
        "1:Failed");
    IntStream.range(0, HOSTS).filter(i -> i != 3).forEach(i ->
        assertThat(gateway.hostByMachineId("store-" + i).orElseThrow().reportStates()).endsWith("1:Applied"));

    gateway.setPlan("store-3", gateway.plan(2, "Reset", "1.0.0"));

    await().until(() -> fleet.counters().applied() == HOSTS);
  }

  @Test
  @DisplayName("When host 3 is held on a version, then it reports Applying and keeps its heartbeat, finishing only "
      + "once released; the other hosts and its own other plans are not held")
  void holdHost() {
    gateway.heartbeatInterval("1s");
    fleet = start(builder -> builder);
    fleet.hold(3, "1.1.0");
    await().until(() -> fleet.counters().registered() == HOSTS);
    planForAll(1, "Init", "1.0.0");
    await().until(() -> fleet.counters().applied() == HOSTS);

    planForAll(2, "Upgrade", "1.1.0");

    await().until(() -> fleet.counters().applied() == 2 * HOSTS - 1 && fleet.holding(3));
    StubHost held = gateway.hostByMachineId("store-3").orElseThrow();
    int heartbeats = held.heartbeats();
    await().until(() -> held.heartbeats() > heartbeats);
    assertThat(held.reportStates()).endsWith("1:Applied", "2:Applying");
    assertThat(fleet.holding(3)).as("still held: nothing but release() lets it finish").isTrue();

    fleet.release(3);

    await().until(() -> fleet.counters().applied() == 2 * HOSTS);
    assertThat(held.reportStates()).endsWith("2:Applying", "2:Applied");
    assertThat(fleet.holding(3)).isFalse();
    assertThatThrownBy(() -> fleet.hold(HOSTS, "1.1.0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no simulated host 20: the fleet has hosts 0 to 19");
  }

  @Test
  @DisplayName("When the token is refused, then every simulated host stops and the fleet says all were refused")
  void allRefused() {
    gateway.refuseToken("expired", "TokenExpired");
    fleet = FleetSimulator.builder(gateway.uri(), "expired").hosts(5).pollInterval(Duration.ofMillis(100)).build();

    fleet.start();

    await().until(() -> fleet.allRefused().isDone());
    assertThat(fleet.counters().refused()).isEqualTo(5);
    assertThat(fleet.counters().registered()).isZero();
  }

  private FleetSimulator start(Function<FleetSimulator.Builder, FleetSimulator.Builder> settings) {
    FleetSimulator simulator = settings.apply(FleetSimulator.builder(gateway.uri(), TOKEN)
        .hosts(HOSTS)
        .machineIdPrefix("store")
        .applyTime(Duration.ofMillis(100))
        .pollInterval(Duration.ofMillis(100))).build();
    simulator.start();
    return simulator;
  }

  private void planForAll(long generation, String action, String version) {
    gateway.hosts().forEach(host -> gateway.setPlan(host.name(), gateway.plan(generation, action, version)));
  }
}
