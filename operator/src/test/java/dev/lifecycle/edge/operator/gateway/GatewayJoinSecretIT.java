package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.agent.client.GatewayClient;
import dev.lifecycle.edge.agent.exec.HookExecutor;
import dev.lifecycle.edge.agent.loop.AgentLoop;
import dev.lifecycle.edge.agent.loop.HostIdentity;
import dev.lifecycle.edge.agent.state.FileStateStore;
import dev.lifecycle.edge.agent.time.Backoff;
import dev.lifecycle.edge.api.v1alpha1.ClusterNetwork;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.api.v1alpha1.NodeTaint;
import dev.lifecycle.edge.api.v1alpha1.RegistryMirrors;
import dev.lifecycle.edge.operator.cluster.JoinSecrets;
import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import dev.lifecycle.edge.operator.support.CapturedOutput;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.wire.Inventory;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's join secret end to end: generated into a Secret the cluster owns, handed to each of the
 * cluster's hosts in the plan it fetches with its own credential (to a real agent, whose install hook
 * reads it from a 0600 file), never to a host of another cluster or of none, and never in a status, an
 * Event or a line of the log (operator, gateway and agent share the captured standard output here). Plans
 * name the control plane by address, and carry the ranges, node labels and taints, and registry mirrors.
 */
class GatewayJoinSecretIT {

  private static final String VIP = "192.168.50.100";

  private static CapturedOutput log;
  private static GatewayFixture fixture;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService http = Executors.newCachedThreadPool();

  @TempDir
  Path work;

  @AfterEach
  void stopThreads() {
    scheduler.shutdownNow();
    http.shutdownNow();
  }

  @BeforeAll
  static void start() {
    log = CapturedOutput.start();
    fixture = GatewayFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
    log.close();
  }

  @Test
  @DisplayName("When two clusters form through the gateway, then each host's plan carries its own cluster's join "
      + "secret and address, a host in no cluster gets none, and no secret shows in status, Events or the log")
  void joinSecretTravelsOnlyInPlans() throws Exception {
    String ns = fixture.newNamespace("join");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of("site", "s1")));
    Registered controlPlane = fixture.register(registration(token, "m-cp", "store-cp", "cp"));
    Registered otherCluster = fixture.register(registration(token, "m-other", "other-cp", "other"));
    Registered inNoCluster = fixture.register(registration(token, "m-none", "spare", "none"));
    fixture.client().resource(Fixtures.profile(ns, "edge-1.0.0", "1.0.0")).create();
    EdgeCluster store = fixture.client().resource(storeCluster(ns)).create();
    EdgeCluster other = Fixtures.cluster(ns, "other", "edge-1.0.0", 1, 0);
    other.getSpec().getControlPlane().setHostSelector(new HostSelector(Map.of("rack", "other")));
    other.getSpec().setNetwork(new ClusterNetwork());
    other.getSpec().getNetwork().setControlPlaneEndpoint(VIP);
    fixture.client().resource(other).create();

    // The join secret: owned by its cluster, labelled for the watches.
    Secret secret = await().atMost(Duration.ofSeconds(15)).until(() -> fixture.client().secrets().inNamespace(ns)
        .withName("store-join").get(), s -> s != null);
    assertThat(secret.getMetadata().getLabels()).containsEntry(JoinSecrets.CLUSTER_LABEL, "store");
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
      assertThat(owner.getKind()).isEqualTo("EdgeCluster");
      assertThat(owner.getName()).isEqualTo("store");
      assertThat(owner.getUid()).isEqualTo(store.getMetadata().getUid());
      assertThat(owner.getController()).isTrue();
    });
    String storeSecret = JoinSecrets.valueOf(secret).orElseThrow();
    assertThat(Base64.getUrlDecoder().decode(storeSecret)).as("256 random bits").hasSize(32);

    // A real agent joins as the worker; its install hook records what it got. It registers before the control
    // plane is planned: a cluster claims all the hosts it lacks at once or none.
    Path out = Files.createDirectories(work.resolve("out"));
    Path hooks = Files.createDirectories(work.resolve("hooks"));
    hook(hooks, "install", "cp \"$EDGE_JOIN_SECRET_FILE\" " + out.resolve("secret") + "\n"
        + "stat -c %a \"$EDGE_JOIN_SECRET_FILE\" > " + out.resolve("secret-mode") + "\n"
        + "stat -c %a \"$EDGE_PLAN_FILE\" > " + out.resolve("plan-mode") + "\n"
        + "cp \"$EDGE_REGISTRIES_FILE\" " + out.resolve("registries") + "\n"
        + "env | grep '^EDGE_' | grep -v '^EDGE_NODE_LABELS\\|^EDGE_NODE_TAINTS' > " + out.resolve("env") + "\n"
        + "printf '%s' \"$EDGE_NODE_LABELS\" > " + out.resolve("labels") + "\n"
        + "echo \"joining $EDGE_CONTROL_PLANE_ENDPOINT with token $(cat \"$EDGE_JOIN_SECRET_FILE\")\"\n");
    try (AgentLoop worker = agent(token, hooks)) {
      worker.start();
      // The initialising host: its own address, and the secret, in the plan it fetches with its credential.
      JsonNode init = plan(controlPlane);
      assertThat(init.path("action").asText()).isEqualTo("Init");
      assertThat(init.path("joinSecret").asText()).isEqualTo(storeSecret);
      assertThat(init.path("controlPlaneEndpoint").asText()).isEqualTo(Fixtures.address("m-cp"));
      assertThat(init.path("podCIDR").asText()).isEqualTo("10.42.0.0/16");
      assertThat(init.path("serviceCIDR").asText()).isEqualTo("10.96.0.0/12");
      assertThat(init.path("nodeTaints").get(0).path("effect").asText()).isEqualTo("NoSchedule");
      assertThat(init.path("registries").path("mirrors").path("docker.io").path("endpoint").get(0).asText())
          .isEqualTo("https://mirror.store.local:5000");
      applied(controlPlane, init.path("generation").asLong());

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        EdgeHost host = hostOf(ns, "m-worker");
        assertThat(host.getStatus().getPlan()).isNotNull();
        assertThat(host.getStatus().getPhase()).as(String.valueOf(host.getStatus().getReport())).isEqualTo(Phase.Running);
      });
    }
    String workerName = hostOf(ns, "m-worker").getMetadata().getName();
    assertThat(Files.readString(out.resolve("secret"))).isEqualTo(storeSecret);
    assertThat(Files.readString(out.resolve("secret-mode")).strip()).isEqualTo("600");
    assertThat(Files.readString(out.resolve("plan-mode")).strip()).isEqualTo("600");
    assertThat(Files.readString(out.resolve("labels"))).isEqualTo("example.com/tier=edge");
    assertThat(GatewayFixture.parse(Files.readString(out.resolve("registries"))).path("mirrors").path("docker.io")
        .path("endpoint").get(0).asText()).isEqualTo("https://mirror.store.local:5000");
    Properties env = new Properties();
    env.load(Files.newBufferedReader(out.resolve("env")));
    assertThat(env).containsEntry("EDGE_PLAN_ACTION", "Join")
        .containsEntry("EDGE_CONTROL_PLANE_ENDPOINT", Fixtures.address("m-cp"))
        .containsEntry("EDGE_NODE_NAME", workerName)
        .containsEntry("EDGE_KUBERNETES_DISTRIBUTION", "k3s")
        .containsEntry("EDGE_KUBERNETES_VERSION", "1.30.4")
        .containsEntry("EDGE_POD_CIDR", "10.42.0.0/16")
        .containsEntry("EDGE_SERVICE_CIDR", "10.96.0.0/12");
    assertThat(env.values()).as("the secret is never in the environment").doesNotContain(storeSecret);
    assertThat(Path.of(env.getProperty("EDGE_JOIN_SECRET_FILE"))).as("deleted after the hook").doesNotExist();
    assertThat(hostOf(ns, "m-worker").getStatus().getReport().getMessage())
        .as("the hook's output reaches the report with the secret hidden")
        .contains("joining " + Fixtures.address("m-cp") + " with token (join secret hidden)");

    // Another cluster's host gets that cluster's secret and its virtual IP; a host in no cluster gets nothing.
    JsonNode otherPlan = plan(otherCluster);
    String otherSecret = otherPlan.path("joinSecret").asText();
    assertThat(otherSecret).isNotEmpty().isNotEqualTo(storeSecret);
    assertThat(otherPlan.path("controlPlaneEndpoint").asText()).isEqualTo(VIP);
    assertThat(fixture.get("/v1/plan", GatewayFixture.bearer(inNoCluster.credential())).statusCode()).isEqualTo(204);

    String statuses = fixture.client().getKubernetesSerialization().asJson(List.of(
        fixture.client().resources(EdgeHost.class).inNamespace(ns).list(),
        fixture.client().resources(EdgeCluster.class).inNamespace(ns).list()));
    String events = fixture.client().getKubernetesSerialization()
        .asJson(fixture.client().v1().events().inNamespace(ns).list());
    String logged = log.all();
    assertThat(logged).as("the log was captured, the agent's too").contains("Applying plan generation",
        "joining " + Fixtures.address("m-cp") + " with token (join secret hidden)");
    assertThat(statuses).contains(Fixtures.address("m-cp"));
    for (String value : List.of(storeSecret, otherSecret)) {
      assertThat(statuses).doesNotContain(value);
      assertThat(events).doesNotContain(value);
      assertThat(logged).doesNotContain(value);
    }
    assertThat(work.resolve("state")).as("the agent keeps nothing of the plan but its generation")
        .isDirectoryNotContaining(p -> readQuietly(p).contains(storeSecret));
  }

  @Test
  @DisplayName("When the operator restarts, then the join secret is kept; when it is deleted once hosts were planned, "
      + "then it is not regenerated, the cluster says it is lost, plans wait with 503, and putting it back heals")
  void joinSecretIsKeptAndNeverRegenerated() {
    String ns = fixture.newNamespace("join-kept");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of("site", "s1")));
    Registered host = fixture.register(registration(token, "m-kept", "kept-cp", "kept"));
    fixture.client().resource(Fixtures.profile(ns, "edge-1.0.0", "1.0.0")).create();
    EdgeCluster cluster = Fixtures.cluster(ns, "kept", "edge-1.0.0", 1, 0);
    cluster.getSpec().getControlPlane().setHostSelector(new HostSelector(Map.of("rack", "kept")));
    fixture.client().resource(cluster).create();
    JsonNode first = plan(host);
    String value = first.path("joinSecret").asText();
    Secret before = fixture.client().secrets().inNamespace(ns).withName("kept-join").get();

    fixture.harness().stopOperator();
    fixture.harness().startOperatorWithAllReconcilers();
    // A reconcile after the restart is seen in status.observedGeneration once the spec changes.
    Fixtures.patchClusterSpec(fixture.client(), ns, "kept", "{\"upgradeStrategy\":{\"hostTimeout\":\"20m\"}}");
    long generation = fixture.client().resources(EdgeCluster.class).inNamespace(ns).withName("kept").get()
        .getMetadata().getGeneration();
    await().atMost(Duration.ofSeconds(15)).until(() -> generation == readCluster(ns, "kept").getStatus()
        .getObservedGeneration());
    Secret after = fixture.client().secrets().inNamespace(ns).withName("kept-join").get();
    assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
    assertThat(JoinSecrets.valueOf(after)).hasValue(value);

    fixture.client().secrets().inNamespace(ns).withName("kept-join").delete();
    await().atMost(Duration.ofSeconds(15)).until(() -> readyReason(ns, "kept").equals("JoinSecretLost"));
    assertThat(fixture.client().secrets().inNamespace(ns).withName("kept-join").get())
        .as("not regenerated: the host already holds the old secret").isNull();
    assertThat(fixture.client().v1().events().inNamespace(ns).list().getItems())
        .anySatisfy(e -> {
          assertThat(e.getReason()).isEqualTo("JoinSecretLost");
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getMessage()).contains("kept-join", "docs/troubleshooting.md");
        });
    HttpResponse<String> refused = fixture.get("/v1/plan", GatewayFixture.bearer(host.credential()));
    GatewayFixture.assertError(refused, 503, "JoinSecretUnavailable", "cluster kept");
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

    // Put back by hand as docs/troubleshooting.md says, with the label and without owner: adopted, plans flow again.
    fixture.client().resource(new SecretBuilder().withNewMetadata().withName("kept-join").withNamespace(ns)
        .withLabels(Map.of(JoinSecrets.CLUSTER_LABEL, "kept")).endMetadata().withData(Map.of(JoinSecrets.KEY, Base64.getEncoder().encodeToString(
            value.getBytes(StandardCharsets.UTF_8)))).build()).create();
    await().atMost(Duration.ofSeconds(15)).until(() -> !readyReason(ns, "kept").equals("JoinSecretLost"));
    Secret adopted = fixture.client().secrets().inNamespace(ns).withName("kept-join").get();
    assertThat(adopted.getMetadata().getLabels()).containsEntry(JoinSecrets.CLUSTER_LABEL, "kept");
    assertThat(adopted.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getName()).isEqualTo("kept"));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(plan(host).path("joinSecret").asText()).isEqualTo(value));
  }

  private static EdgeCluster storeCluster(String ns) {
    EdgeCluster store = Fixtures.cluster(ns, "store", "edge-1.0.0", 1, 1);
    store.getSpec().getControlPlane().setHostSelector(new HostSelector(Map.of("rack", "cp")));
    store.getSpec().getControlPlane().setNodeTaints(List.of(new NodeTaint("node-role.kubernetes.io/control-plane",
        null, "NoSchedule")));
    store.getSpec().getWorkers().setHostSelector(new HostSelector(Map.of("rack", "worker")));
    store.getSpec().getWorkers().setNodeLabels(Map.of("example.com/tier", "edge"));
    store.getSpec().setNetwork(new ClusterNetwork());
    store.getSpec().getNetwork().setServiceCidr("10.96.0.0/12");
    RegistryMirrors registries = new RegistryMirrors();
    registries.setMirrors(Map.of("docker.io", new RegistryMirrors.Mirror(List.of("https://mirror.store.local:5000"))));
    store.getSpec().setRegistries(registries);
    return store;
  }

  /** A registration asking for the label rack=RACK, with an address of its own. */
  private static String registration(String token, String machineId, String hostname, String rack) {
    return GatewayFixture.registration(token, machineId, hostname).replace("\"rack\":\"a\"", "\"rack\":\"" + rack + "\"");
  }

  /** The host's plan, once it has one (with its secret). */
  private static JsonNode plan(Registered host) {
    return await().atMost(Duration.ofSeconds(15)).until(() -> {
      HttpResponse<String> answer = fixture.get("/v1/plan", GatewayFixture.bearer(host.credential()));
      return answer.statusCode() == 200 ? GatewayFixture.parse(answer.body()) : null;
    }, p -> p != null);
  }

  private static void applied(Registered host, long generation) {
    assertThat(fixture.post("/v1/report", "{\"planGeneration\":" + generation + ",\"state\":\"Applied\","
        + "\"profileVersion\":\"1.0.0\"}", Map.of("Authorization", "Bearer " + host.credential(),
        "Content-Type", "application/json")).statusCode()).isEqualTo(204);
  }

  private AgentLoop agent(String token, Path hooks) {
    HostIdentity identity = new HostIdentity("m-worker", "store-worker", new Inventory("amd64", 4, 8L << 30,
        "Debian 12", List.of(), List.of(new Inventory.Nic("eth0", null, List.of("192.168.42.250/24")))), null,
        Map.of("rack", "worker"));
    GatewayClient client = new GatewayClient(GatewayClient.httpClient(Optional.empty(), http),
        URI.create(fixture.gateway().url().replace("0.0.0.0", "127.0.0.1")));
    return AgentLoop.builder(client, token, identity)
        .executor(new HookExecutor(hooks, Duration.ofSeconds(20)))
        .scheduler(scheduler)
        .store(new FileStateStore(work.resolve("state")))
        .pollInterval(Duration.ofMillis(200))
        .backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), () -> 0.5))
        .build();
  }

  private static void hook(Path hooks, String name, String body) throws IOException {
    Path hook = hooks.resolve(name);
    Files.writeString(hook, "#!/bin/sh\nset -e\n" + body);
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
  }

  private static EdgeHost hostOf(String ns, String machineId) {
    List<EdgeHost> hosts = new ArrayList<>(fixture.client().resources(EdgeHost.class).inNamespace(ns).list()
        .getItems());
    return hosts.stream().filter(h -> h.getStatus() != null && h.getStatus().getRegistration() != null
        && machineId.equals(h.getStatus().getRegistration().getMachineId())).findFirst().orElseThrow();
  }

  private static EdgeCluster readCluster(String ns, String name) {
    return fixture.client().resources(EdgeCluster.class).inNamespace(ns).withName(name).get();
  }

  private static String readyReason(String ns, String name) {
    EdgeCluster cluster = readCluster(ns, name);
    return cluster.getStatus() == null ? "" : cluster.getStatus().getConditions().stream()
        .filter(c -> ConditionTypes.READY.equals(c.getType())).map(Condition::getReason).findFirst().orElse("");
  }

  private static String readQuietly(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
