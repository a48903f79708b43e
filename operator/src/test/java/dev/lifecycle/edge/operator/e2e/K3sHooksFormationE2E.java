package dev.lifecycle.edge.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.client.GatewayClient;
import dev.lifecycle.edge.agent.exec.HookExecutor;
import dev.lifecycle.edge.agent.hooks.HookHost;
import dev.lifecycle.edge.agent.loop.AgentLoop;
import dev.lifecycle.edge.agent.loop.HostIdentity;
import dev.lifecycle.edge.agent.state.FileStateStore;
import dev.lifecycle.edge.agent.time.Backoff;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.operator.cluster.JoinSecrets;
import dev.lifecycle.edge.operator.support.CapturedOutput;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.RunningGateway;
import dev.lifecycle.edge.wire.Inventory;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference k3s hooks (agent/hooks/k3s) driven by the operator: five pre-provisioned hosts, each a
 * real agent ({@link AgentLoop} with a {@link HookExecutor}, as {@code edge-agent run} builds it) talking to
 * the gateway over HTTP, whose hooks folder runs the real hook scripts on a simulated host
 * ({@link HookHost}: its own root, stand-ins for k3s, curl and systemctl first on PATH, recording their
 * calls). What the test reads is what the hooks left on the hosts: k3s's config, token file, units,
 * binary, the calls made, and a timeline of hook runs shared by all hosts.
 *
 * <p>That each hook run twice in a row changes nothing the second time is proven by
 * {@code K3sHooksTest.secondRunChangesNothing} (agent module), hook by hook, on the same scripts.
 */
class K3sHooksFormationE2E {

  private static final String CLUSTER = "store";
  private static final int CONTROL_PLANE = 3;
  private static final int HOSTS = 5;
  private static final String CONFIG = "/etc/rancher/k3s/config.yaml";
  private static final String BINARY = "/usr/local/bin/k3s";
  private static final Pattern TOKEN_FILE = Pattern.compile("(?m)^token-file: \"([^\"]+)\"$");
  private static final Pattern TIMELINE_LINE = Pattern.compile("(start|end) (\\S+) (\\S+)(?: (\\d+))?");

  @RegisterExtension
  static final RunningGateway gateway = RunningGateway.withAllReconcilers();
  private static final OperatorHarness harness = gateway.harness();

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final ExecutorService http = Executors.newCachedThreadPool();
  private final List<AgentLoop> agents = new ArrayList<>();
  private final List<HookExecutor> executors = new ArrayList<>();

  @TempDir
  Path work;

  @AfterEach
  void stopAgents() {
    agents.forEach(AgentLoop::close);
    executors.forEach(HookExecutor::close);
    scheduler.shutdownNow();
    http.shutdownNow();
  }

  @Test
  @DisplayName("When 3 control-plane and 2 worker hosts run the reference k3s hooks, then one server inits, the "
      + "others join the init host's address with the cluster's join secret, all on the profile's release; "
      + "when the profile moves to k3s 1.31.1, then hosts upgrade one at a time, control plane first; and the "
      + "secret shows in no status, Event, log line or recorded call")
  void formsAndUpgradesWithTheReferenceHooks() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("k3s");
    Path timeline = work.resolve("timeline");
    Files.writeString(timeline, "");
    try (CapturedOutput log = CapturedOutput.start()) {
      Map<String, HookHost> hosts = formedCluster(client, namespace, timeline);
      String secret = JoinSecrets.valueOf(client.secrets().inNamespace(namespace)
          .withName(JoinSecrets.name(CLUSTER)).get()).orElseThrow();

      // Formation: one init, the others join the init host's address with the secret.
      Map<String, String> configs = new LinkedHashMap<>();
      for (HookHost host : hosts.values()) {
        configs.put(host.name(), read(host, CONFIG));
      }
      List<String> initHosts = configs.entrySet().stream()
          .filter(config -> config.getValue().contains("cluster-init: true")).map(Map.Entry::getKey).toList();
      assertThat(initHosts).as("hosts whose k3s config has cluster-init").singleElement()
          .isIn(controlPlane(namespace));
      String init = initHosts.get(0);
      String initAddress = address(Integer.parseInt(init.substring(init.lastIndexOf('-') + 1)));
      assertThat(configs.get(init)).as("the init host's config").doesNotContain("server:");
      for (HookHost host : hosts.values()) {
        String config = configs.get(host.name());
        assertThat(config).as(host.name() + "'s config").contains("node-name: \"" + host.name() + "\"")
            .doesNotContain(secret);
        assertThat(read(host, tokenFile(config))).as("the token file of " + host.name()).isEqualTo(secret);
        if (!host.name().equals(init)) {
          assertThat(config).as(host.name() + "'s config")
              .contains("server: \"https://" + initAddress + ":6443\"").doesNotContain("cluster-init");
        }
        assertThat(installedRelease(host)).as("k3s on " + host.name()).isEqualTo("v1.30.4+k3s1");
        assertThat(host.calls()).as("calls on " + host.name())
            .anyMatch(call -> call.startsWith("curl ") && call.endsWith("/v1.30.4%2Bk3s1/k3s"));
      }
      for (String server : controlPlane(namespace)) {
        HookHost host = hosts.get(server);
        assertThat(read(host, "/etc/systemd/system/k3s.service")).contains("ExecStart=/usr/local/bin/k3s server\n");
        assertThat(host.path("/etc/systemd/system/k3s-agent.service")).doesNotExist();
        assertThat(host.calls()).as("calls on " + server).contains("systemctl enable k3s.service",
            "systemctl restart k3s.service");
      }
      for (String worker : workers(namespace)) {
        HookHost host = hosts.get(worker);
        assertThat(read(host, "/etc/systemd/system/k3s-agent.service"))
            .contains("ExecStart=/usr/local/bin/k3s agent\n");
        assertThat(host.path("/etc/systemd/system/k3s.service")).doesNotExist();
        assertThat(host.calls()).as("calls on " + worker).contains("systemctl enable k3s-agent.service",
            "systemctl restart k3s-agent.service");
      }

      // Upgrade: one host at a time, the control plane first.
      int formationLines = Files.readAllLines(timeline).size();
      Fixtures.repoint(client, namespace, CLUSTER, "edge-1.1.0");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        EdgeCluster cluster = cluster(client, namespace);
        assertThat(cluster.getStatus().getUpgrade()).isNotNull();
        assertThat(cluster.getStatus().getUpgrade().getPhase()).isEqualTo(UpgradeStatus.Phase.Complete);
      });
      EdgeCluster upgraded = cluster(client, namespace);
      assertThat(upgraded.getStatus().getProfileVersion()).isEqualTo("1.1.0");
      assertThat(upgraded.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);

      List<String> upgradeRuns = Files.readAllLines(timeline).subList(formationLines, Files.readAllLines(timeline)
          .size());
      List<String> order = oneAtATime(upgradeRuns);
      assertThat(order).as("hosts in the order they ran upgrade, from\n" + String.join("\n", upgradeRuns))
          .hasSize(HOSTS).doesNotHaveDuplicates();
      assertThat(order.subList(0, CONTROL_PLANE)).as("the control plane upgrades first")
          .containsExactlyInAnyOrderElementsOf(controlPlane(namespace));
      for (HookHost host : hosts.values()) {
        assertThat(installedRelease(host)).as("k3s on " + host.name()).isEqualTo("v1.31.1+k3s1");
        assertThat(host.calls()).as("calls on " + host.name())
            .anyMatch(call -> call.startsWith("curl ") && call.endsWith("/v1.31.1%2Bk3s1/k3s"));
        assertThat(read(host, CONFIG)).as("upgrade leaves " + host.name() + "'s config as formed")
            .isEqualTo(configs.get(host.name()));
      }

      // The secret reached the hosts' token files only.
      String statuses = client.getKubernetesSerialization().asJson(List.of(
          client.resources(EdgeHost.class).inNamespace(namespace).list(),
          client.resources(EdgeCluster.class).inNamespace(namespace).list()));
      String events = client.getKubernetesSerialization().asJson(client.v1().events().inNamespace(namespace).list());
      String logged = log.all();
      assertThat(logged).as("the agents' hook output was captured").contains("install: Init as init",
          "install: Join as server", "install: Join as agent", "upgrade: upgrade of k3s to k3s v1.31.1+k3s1");
      assertThat(statuses).contains(initAddress).doesNotContain(secret);
      assertThat(events).doesNotContain(secret);
      assertThat(logged).doesNotContain(secret);
      for (HookHost host : hosts.values()) {
        assertThat(host.calls()).as("calls on " + host.name()).noneMatch(call -> call.contains(secret));
      }
    }
  }

  /**
   * The hosts of {@code lines} (a stretch of the timeline) in the order they ran, checking that each hook
   * ended, successfully, before the next one started anywhere, and that each was an upgrade.
   */
  private static List<String> oneAtATime(List<String> lines) {
    List<String> order = new ArrayList<>();
    String running = null;
    for (String line : lines) {
      Matcher matcher = TIMELINE_LINE.matcher(line);
      assertThat(matcher.matches()).as("timeline line '" + line + "'").isTrue();
      String host = matcher.group(2);
      assertThat(matcher.group(3)).as("hook in '" + line + "'").isEqualTo("upgrade");
      if (matcher.group(1).equals("start")) {
        assertThat(running).as("hook running when " + host + " started upgrade").isNull();
        running = host;
        order.add(host);
      } else {
        assertThat(host).as("host ending in '" + line + "'").isEqualTo(running);
        assertThat(matcher.group(4)).as("exit status in '" + line + "'").isEqualTo("0");
        running = null;
      }
    }
    assertThat(running).as("upgrade still running").isNull();
    return order;
  }

  /**
   * Profiles on k3s 1.30.4 and 1.31.1, pre-provisioned hosts {@code <namespace>-0..4} (0-2 control plane),
   * their agents running the reference hooks on simulated hosts, and the cluster formed on 1.30.4.
   */
  private Map<String, HookHost> formedCluster(KubernetesClient client, String namespace, Path timeline)
      throws Exception {
    client.resource(Fixtures.profile(namespace, "edge-1.0.0", "1.0.0", "1.30.4")).create();
    client.resource(Fixtures.profile(namespace, "edge-1.1.0", "1.1.0", "1.31.1")).create();
    client.resource(Fixtures.token(namespace, "fleet", "1h")).create();
    for (int i = 0; i < HOSTS; i++) {
      EdgeHost host = new EdgeHost();
      host.setMetadata(new ObjectMetaBuilder().withName(h(namespace, i)).withNamespace(namespace)
          .withLabels(Map.of("tier", i < CONTROL_PLANE ? "control-plane" : "worker")).build());
      host.setSpec(new EdgeHostSpec(h(namespace, i)));
      client.resource(host).create();
    }
    EdgeCluster cluster = Fixtures.cluster(namespace, CLUSTER, "edge-1.0.0", CONTROL_PLANE, HOSTS - CONTROL_PLANE);
    cluster.getSpec().getControlPlane().setHostSelector(new HostSelector(Map.of("tier", "control-plane")));
    cluster.getSpec().getWorkers().setHostSelector(new HostSelector(Map.of("tier", "worker")));
    UpgradeStrategy strategy = new UpgradeStrategy();
    strategy.setMaxUnavailable(new IntOrString(1));
    strategy.setHostTimeout("2m");
    cluster.getSpec().setUpgradeStrategy(strategy);
    client.resource(cluster).create();

    String token = Fixtures.issuedToken(client, namespace, "fleet");
    Map<String, HookHost> hosts = new LinkedHashMap<>();
    for (int i = 0; i < HOSTS; i++) {
      HookHost host = HookHost.create(work.resolve("hosts"), h(namespace, i));
      hosts.put(host.name(), host);
      AgentLoop agent = agent(token, i, host.name(), host.wrapHooks(HookHost.k3sHooks(), timeline));
      agents.add(agent);
      agent.start();
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      EdgeCluster formed = cluster(client, namespace);
      assertThat(formed.getStatus()).isNotNull();
      assertThat(formed.getStatus().getPhase()).as(String.valueOf(formed.getStatus().getConditions()))
          .isEqualTo(EdgeClusterStatus.Phase.Running);
      assertThat(formed.getStatus().getProfileVersion()).isEqualTo("1.0.0");
    });
    return hosts;
  }

  /** A real agent for host {@code i}, reporting one interface with the address {@link #address}. */
  private AgentLoop agent(String token, int i, String machineId, Path hooks) {
    HostIdentity identity = new HostIdentity(machineId, "store-" + i,
        new Inventory("amd64", 4, 8L << 30, "Ubuntu 22.04", List.of(),
            List.of(new Inventory.Nic("eth0", null, List.of(address(i) + "/24")))), null, Map.of());
    GatewayClient gatewayClient = new GatewayClient(GatewayClient.httpClient(Optional.empty(), http),
        URI.create(gateway.url()));
    HookExecutor executor = new HookExecutor(hooks, Duration.ofSeconds(60));
    executors.add(executor);
    return AgentLoop.builder(gatewayClient, token, identity)
        .executor(executor)
        .scheduler(scheduler)
        .store(new FileStateStore(work.resolve("state").resolve(String.valueOf(i))))
        .pollInterval(Duration.ofMillis(100))
        .backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), () -> 0.5))
        .build();
  }

  /** The release the host's installed k3s binary reports. */
  private static String installedRelease(HookHost host) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(host.path(BINARY).toString(), "--version")
        .redirectErrorStream(true);
    builder.environment().put("EDGE_STANDIN_LOG", "/dev/null");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Matcher release = Pattern.compile("k3s version (\\S+)").matcher(output);
    assertThat(release.find()).as("k3s --version on " + host.name() + ": " + output).isTrue();
    return release.group(1);
  }

  private static String tokenFile(String config) {
    Matcher matcher = TOKEN_FILE.matcher(config);
    assertThat(matcher.find()).as("token-file in\n" + config).isTrue();
    return matcher.group(1);
  }

  private static String read(HookHost host, String hostPath) throws IOException {
    return Files.readString(host.path(hostPath));
  }

  private static EdgeCluster cluster(KubernetesClient client, String namespace) {
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
  }

  private static List<String> controlPlane(String namespace) {
    return List.of(h(namespace, 0), h(namespace, 1), h(namespace, 2));
  }

  private static List<String> workers(String namespace) {
    return List.of(h(namespace, 3), h(namespace, 4));
  }

  /** Host {@code i}: its EdgeHost's name and machine id. */
  private static String h(String namespace, int i) {
    return namespace + "-" + i;
  }

  /** The address host {@code i} reports: 10.0.0.11 to 10.0.0.15. */
  private static String address(int i) {
    return "10.0.0." + (11 + i);
  }
}
