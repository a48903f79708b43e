package dev.lifecycle.edge.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.client.GatewayClient;
import dev.lifecycle.edge.agent.client.GatewayException;
import dev.lifecycle.edge.agent.exec.ApplyResult;
import dev.lifecycle.edge.agent.exec.HookExecutor;
import dev.lifecycle.edge.agent.exec.PlanExecutor;
import dev.lifecycle.edge.agent.state.FileStateStore;
import dev.lifecycle.edge.agent.state.StoredCredential;
import dev.lifecycle.edge.agent.stub.StubGateway;
import dev.lifecycle.edge.agent.stub.StubHost;
import dev.lifecycle.edge.agent.time.Backoff;
import dev.lifecycle.edge.agent.host.LocalSite;
import dev.lifecycle.edge.wire.Inventory;
import dev.lifecycle.edge.wire.Site;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLoopIT {

  private static final String TOKEN = "token-of-store-0042";
  private static final Duration POLL = Duration.ofMillis(100);
  private static final HostIdentity IDENTITY = new HostIdentity("machine-0042-a", "store-0042-a",
      new Inventory("amd64", 4, 8L << 30, "Ubuntu 22.04", List.of(), List.of()),
      new LocalSite(null, new Site("store-0042-a", null, null, List.of(), List.of("192.168.42.1"))),
      Map.of("rack", "a"));

  @TempDir
  Path temp;

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService httpExecutor = Executors.newFixedThreadPool(2);
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    scheduler.shutdownNow();
    httpExecutor.shutdownNow();
  }

  @Test
  @DisplayName("When an agent starts with a token, then it registers, keeps its credential, runs the plan's hook "
      + "and reports Applying then Applied")
  void registersAppliesReports() throws IOException {
    StubGateway gateway = gateway().acceptToken(TOKEN, "store-0042");
    Path marker = temp.resolve("installed");
    hook("install", "echo \"$EDGE_PROFILE_VERSION\" > " + marker);
    Path state = temp.resolve("state");

    loop(gateway.uri(), TOKEN, state).start();

    StubHost host = await().until(() -> gateway.host("store-0042-a"), Optional::isPresent).orElseThrow();
    assertThat(host.labels()).containsEntry("rack", "a");
    assertThat(host.registration().path("inventory").path("arch").asText()).isEqualTo("amd64");
    assertThat(host.registration().path("site").path("ntpServers").path(0).asText()).isEqualTo("192.168.42.1");
    assertThat(new FileStateStore(state).loadCredential()).get()
        .extracting(StoredCredential::namespace, StoredCredential::host)
        .containsExactly("store-0042", "store-0042-a");

    gateway.setPlan("store-0042-a", gateway.plan(1, "Init", "1.0.0"));

    await().until(() -> host.reportStates().size() == 2);
    assertThat(host.reportStates()).containsExactly("1:Applying", "1:Applied");
    assertThat(host.reports().get(1).path("profileVersion").asText()).isEqualTo("1.0.0");
    // The site user-data is the only layer here: the effective site the configure hook applied.
    assertThat(host.reports().get(1).path("site").path("hostname").asText()).isEqualTo("store-0042-a");
    assertThat(host.reports().get(1).path("site").path("ntpServers").path(0).asText()).isEqualTo("192.168.42.1");
    assertThat(Files.readString(marker).strip()).isEqualTo("1.0.0");
    assertThat(gateway.badRequests()).as("every request the agent sent followed the contract").isZero();
  }

  @Test
  @DisplayName("When the gateway does not hold plan requests (no Preference-Applied), then the agent asks at its "
      + "poll interval, not in a busy loop")
  void longPollFallsBackToInterval() throws IOException {
    StubGateway gateway = gateway().acceptToken(TOKEN, "store-0042");
    hook("install", "exit 0");
    loop(gateway.uri(), TOKEN, temp.resolve("state")).start();
    StubHost host = await().until(() -> gateway.host("store-0042-a"), Optional::isPresent).orElseThrow();
    gateway.setPlan(host.name(), gateway.plan(1, "Init", "1.0.0"));
    await().until(() -> host.reportStates().contains("1:Applied"));

    int before = gateway.planRequests();
    sleep(POLL.multipliedBy(10));

    assertThat(gateway.planRequests() - before).isBetween(3, 13);
  }

  @Test
  @DisplayName("When the plan changes generation, then the agent applies it once more and reports on it")
  void appliesEachNewGenerationOnce() throws IOException {
    StubGateway gateway = gateway().acceptToken(TOKEN, "store-0042");
    hook("install", "exit 0");
    hook("upgrade", "echo upgrade failed >&2; exit 1");
    loop(gateway.uri(), TOKEN, temp.resolve("state")).start();
    StubHost host = await().until(() -> gateway.host("store-0042-a"), Optional::isPresent).orElseThrow();
    gateway.setPlan(host.name(), gateway.plan(1, "Init", "1.0.0"));
    await().until(() -> host.reportStates().contains("1:Applied"));

    gateway.setPlan(host.name(), gateway.plan(2, "Upgrade", "1.1.0"));

    await().until(() -> host.reportStates().contains("2:Failed"));
    awaitPlanRequests(gateway, 3);
    assertThat(host.reportStates()).containsExactly("1:Applying", "1:Applied", "2:Applying", "2:Failed");
    assertThat(host.reports().get(3).path("message").asText()).contains("upgrade exited with status 1")
        .contains("upgrade failed");
  }

  @Test
  @DisplayName("When the plan moves on while the agent applies it, then its late report gets a 409, which the agent "
      + "drops before applying the current plan, with no report sent twice")
  void dropsAStaleReportAndFollowsTheCurrentPlan() throws IOException {
    StubGateway gateway = gateway().acceptToken(TOKEN, "store-0042");
    hook("install", "sleep 1; exit 0");
    hook("upgrade", "exit 0");
    loop(gateway.uri(), TOKEN, temp.resolve("state")).start();
    StubHost host = await().until(() -> gateway.host("store-0042-a"), Optional::isPresent).orElseThrow();
    gateway.setPlan(host.name(), gateway.plan(1, "Init", "1.0.0"));
    await().until(() -> host.reportStates().contains("1:Applying"));

    gateway.setPlan(host.name(), gateway.plan(2, "Upgrade", "1.1.0"));

    await().until(() -> host.reportStates().contains("2:Applied"));
    awaitPlanRequests(gateway, 3);
    assertThat(host.refusedReports()).containsExactly("1:Applied");
    assertThat(host.reportStates()).containsExactly("1:Applying", "2:Applying", "2:Applied");
  }

  @Test
  @DisplayName("When the gateway answers 401 to a plan fetch, then the agent registers again, presenting the refused "
      + "credential (the gateway lets a registered host register again only with its current one), and goes on")
  void reRegistersOnUnauthorized() throws IOException {
    StubGateway gateway = gateway().acceptToken(TOKEN, "store-0042");
    hook("install", "exit 0");
    Path state = temp.resolve("state");
    loop(gateway.uri(), TOKEN, state).start();
    StubHost host = await().until(() -> gateway.host("store-0042-a"), Optional::isPresent).orElseThrow();
    // The stub knows the host as soon as it answers; the agent saves its credential just after.
    String first = await().until(() -> new FileStateStore(state).loadCredential(), Optional::isPresent).orElseThrow()
        .credential();

    gateway.revokeCredential(host.name());

    await().until(() -> host.registrations() == 2);
    gateway.setPlan(host.name(), gateway.plan(1, "Join", "1.0.0"));
    await().until(() -> host.reportStates().contains("1:Applied"));
    assertThat(new FileStateStore(state).loadCredential().orElseThrow().credential()).isNotEqualTo(first);
    assertThat(host.registrationAuthorizations()).containsExactly("", "Bearer " + first);
  }

  @Test
  @DisplayName("When an agent without a registration token (a linked host whose link token is spent) loses its "
      + "credential, then it stops as refused instead of registering, and sends no registration")
  void withoutTokenStopsWhenTheCredentialIsRefused() throws Exception {
    StubGateway gateway = gateway().acceptToken(TOKEN, "store-0042");
    Path state = temp.resolve("state");
    AgentLoop first = loop(gateway.uri(), TOKEN, state);
    first.start();
    StubHost host = await().until(() -> gateway.host("store-0042-a"), Optional::isPresent).orElseThrow();
    await().until(() -> new FileStateStore(state).loadCredential(), Optional::isPresent);
    first.close();

    AgentLoop linked = loop(gateway.uri(), null, state);
    linked.start();
    await().until(() -> linked.status().phase() == AgentPhase.CONNECTED);
    gateway.revokeCredential(host.name());

    assertThat(linked.stopped().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(AgentPhase.REFUSED);
    assertThat(gateway.registrationAttempts()).as("only the first agent's").isEqualTo(1);
  }

  @Test
  @DisplayName("When the gateway is down at start, then the agent backs off and registers once it comes up")
  void reconnects() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    AgentLoop loop = loop(URI.create("http://127.0.0.1:" + port), TOKEN, temp.resolve("state"));
    loop.start();
    await().until(() -> loop.status().phase() == AgentPhase.RECONNECTING);

    StubGateway gateway = StubGateway.start(port).acceptToken(TOKEN, "store-0042");
    closing.add(gateway);

    await().atMost(Duration.ofSeconds(10)).until(() -> loop.status().phase() == AgentPhase.CONNECTED);
    assertThat(gateway.host("store-0042-a")).isPresent();
    assertThat(loop.status().host()).isEqualTo("store-0042-a");
  }

  @Test
  @DisplayName("When the token is refused (403), then the agent says why and stops for good")
  void stopsWhenRefused() throws Exception {
    StubGateway gateway = gateway().refuseToken(TOKEN, "TokenRevoked");
    AtomicReference<GatewayException> refusal = new AtomicReference<>();
    AgentLoop loop = loop(gateway.uri(), TOKEN, temp.resolve("state"), new AgentListener() {
      @Override
      public void refused(GatewayException error) {
        refusal.set(error);
      }
    });

    loop.start();

    assertThat(loop.stopped().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(AgentPhase.REFUSED);
    assertThat(refusal.get().status()).isEqualTo(403);
    assertThat(refusal.get().error()).isEqualTo("TokenRevoked");
    sleep(POLL.multipliedBy(5));
    assertThat(gateway.registrationAttempts()).as("no retry after a refusal").isEqualTo(1);
  }

  @Test
  @DisplayName("When an unknown token gets 401 at registration, then the agent stops as refused")
  void stopsOnUnknownToken() throws Exception {
    StubGateway gateway = gateway();

    AgentLoop loop = loop(gateway.uri(), "unknown", temp.resolve("state"));
    loop.start();

    assertThat(loop.stopped().get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(AgentPhase.REFUSED);
  }

  @Test
  @DisplayName("When the agent restarts with its state directory, then it reuses the credential and does not "
      + "redo the plan it finished")
  void restartKeepsState() throws IOException {
    StubGateway gateway = gateway().acceptToken(TOKEN, "store-0042");
    Path runs = temp.resolve("runs");
    hook("install", "echo run >> " + runs);
    Path state = temp.resolve("state");
    AgentLoop first = loop(gateway.uri(), TOKEN, state);
    first.start();
    StubHost host = await().until(() -> gateway.host("store-0042-a"), Optional::isPresent).orElseThrow();
    gateway.setPlan(host.name(), gateway.plan(1, "Init", "1.0.0"));
    await().until(() -> host.reportStates().contains("1:Applied"));
    first.close();

    AgentLoop second = loop(gateway.uri(), TOKEN, state);
    second.start();

    await().until(() -> second.status().phase() == AgentPhase.CONNECTED);
    awaitPlanRequests(gateway, 3);
    assertThat(host.registrations()).isEqualTo(1);
    assertThat(Files.readAllLines(runs)).hasSize(1);
  }

  @Test
  @DisplayName("When a plan finishes applying while the agent waits on another request, then its report goes out "
      + "before the next plan request (which a long poll may hold for 30 s)")
  void reportsBeforePollingAgain() throws Exception {
    StubGateway gateway = gateway().acceptToken(TOKEN, "store-0042").heartbeatInterval("200ms");
    CompletableFuture<ApplyResult> applying = new CompletableFuture<>();
    loop(gateway.uri(), TOKEN, temp.resolve("state"), (plan, json) -> applying).start();
    StubHost host = await().until(() -> gateway.host("store-0042-a"), Optional::isPresent).orElseThrow();
    gateway.setPlan(host.name(), gateway.plan(1, "Init", "1.0.0"));
    await().until(() -> host.reportStates().contains("1:Applying"));
    gateway.holdHeartbeats();
    await().until(() -> gateway.heldHeartbeats() == 1);

    // The apply ends while the agent's round is inside its heartbeat, after the round sent its reports.
    applying.complete(ApplyResult.applied("done"));
    int heartbeat = gateway.requests().lastIndexOf("POST /v1/heartbeat");
    gateway.releaseHeartbeats();

    await().until(() -> host.reportStates().contains("1:Applied"));
    List<String> after = gateway.requests().subList(heartbeat + 1, gateway.requests().size());
    assertThat(after).as("requests after the held heartbeat").first().isEqualTo("POST /v1/report");
  }

  @Test
  @DisplayName("When the agent is closed while a request is out, then that request's end changes nothing: the agent "
      + "stays stopped and asks nothing more")
  void closedWhileARequestIsOut() {
    StubGateway gateway = gateway().acceptToken(TOKEN, "store-0042").heartbeatInterval("200ms");
    AgentLoop loop = loop(gateway.uri(), TOKEN, temp.resolve("state"));
    loop.start();
    await().until(() -> loop.status().phase() == AgentPhase.CONNECTED);
    gateway.holdHeartbeats();
    await().until(() -> gateway.heldHeartbeats() == 1);

    loop.close();
    int requests = gateway.requests().size();
    gateway.releaseHeartbeats();

    sleep(POLL.multipliedBy(5));
    assertThat(loop.status().phase()).isEqualTo(AgentPhase.STOPPED);
    assertThat(gateway.requests()).hasSize(requests);
  }

  @Test
  @DisplayName("When the gateway asks for a heartbeat every 200ms, then the agent sends them")
  void heartbeats() {
    StubGateway gateway = gateway().acceptToken(TOKEN, "store-0042").heartbeatInterval("200ms");

    loop(gateway.uri(), TOKEN, temp.resolve("state")).start();

    StubHost host = await().until(() -> gateway.host("store-0042-a"), Optional::isPresent).orElseThrow();
    await().atMost(Duration.ofSeconds(5)).until(() -> host.heartbeats() >= 3);
  }

  private StubGateway gateway() {
    try {
      StubGateway gateway = StubGateway.start();
      closing.add(gateway);
      return gateway;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private AgentLoop loop(URI gateway, String token, Path state) {
    return loop(gateway, token, state, new AgentListener() { });
  }

  private AgentLoop loop(URI gateway, String token, Path state, AgentListener listener) {
    // The identity carries site user-data, so the first plan runs configure: a test that does not write one
    // gets one that succeeds.
    if (!Files.exists(temp.resolve("configure"))) {
      try {
        hook("configure", "exit 0");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    HookExecutor hooks = new HookExecutor(temp, Duration.ofSeconds(10));
    closing.add(hooks);
    return loop(gateway, token, state, listener, hooks);
  }

  private AgentLoop loop(URI gateway, String token, Path state, PlanExecutor executor) {
    return loop(gateway, token, state, new AgentListener() { }, executor);
  }

  private AgentLoop loop(URI gateway, String token, Path state, AgentListener listener, PlanExecutor executor) {
    GatewayClient client = new GatewayClient(GatewayClient.httpClient(Optional.empty(), httpExecutor), gateway);
    AgentLoop loop = AgentLoop.builder(client, token, IDENTITY)
        .executor(executor)
        .scheduler(scheduler)
        .store(new FileStateStore(state))
        .pollInterval(POLL)
        .listener(listener)
        .backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), () -> 0.5))
        .build();
    closing.add(loop);
    return loop;
  }

  private void hook(String name, String body) throws IOException {
    Path hook = temp.resolve(name);
    Files.writeString(hook, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
  }

  /**
   * Waits until the agent has asked for its plan {@code rounds} more times: each round sends what its
   * outbox holds first, so a report it would send again has been sent by then.
   */
  private static void awaitPlanRequests(StubGateway gateway, int rounds) {
    int before = gateway.planRequests();
    await().until(() -> gateway.planRequests() >= before + rounds);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
