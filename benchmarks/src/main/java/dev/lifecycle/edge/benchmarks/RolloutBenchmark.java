package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileReference;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.api.v1alpha1.WorkersSpec;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Rollout wall time against the ideal, in one run: simulated agents register through the gateway,
 * clusters form, then every cluster is pointed at the next profile version and the clock runs until
 * every cluster reports its upgrade Complete. The ideal is the number of batches the strategy allows
 * (one per control-plane host, then the workers in batches of maxUnavailable) times the agents'
 * apply time: everything above it is the operator's and the gateway's overhead. Target: at most
 * 1.05 x ideal + 1 s.
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
    description = "Upgrades 1 cluster x 50 hosts and 100 clusters x 5 hosts through the gateway with simulated "
        + "agents; prints each rollout's wall time against the ideal (batches x apply time).")
final class RolloutBenchmark implements Callable<Integer> {

  @Option(names = "--apply-seconds", defaultValue = "2",
      description = "How long a simulated agent takes to apply a plan (default: ${DEFAULT-VALUE}).")
  private double applySeconds;

  @Option(names = "--poll-millis", defaultValue = "200",
      description = "How often each simulated agent polls its plan, in ms (default: ${DEFAULT-VALUE}).")
  private long pollMillis;

  @Option(names = "--scenario", split = ",", defaultValue = "large,many",
      description = "Which scenarios: large (1 cluster x 50 hosts, maxUnavailable 10), many (100 clusters x 5 "
          + "hosts, maxUnavailable 2) (default: ${DEFAULT-VALUE}).")
  private List<String> scenarios;

  @Option(names = "--breakdown",
      description = "Also watch every host, and print where each rollout's time went (the watch adds its own "
          + "load to the API the rollout runs on, so the wall times are then a little longer).")
  private boolean breakdown;

  @Option(names = "--rounds", defaultValue = "6",
      description = "Rollouts per scenario, each to the next version; the first few run while the JIT compilers "
          + "still take about one of two cores, the later ones show the operator as it runs for days "
          + "(default: ${DEFAULT-VALUE}).")
  private int rounds;

  /** A fleet shape: clusters of one control-plane host and some workers, and the strategy's bound. */
  record Scenario(String name, int clusters, int workersPerCluster, int maxUnavailable) {

    int hostsPerCluster() {
      return 1 + workersPerCluster;
    }

    int hosts() {
      return clusters * hostsPerCluster();
    }

    /** Control-plane hosts one at a time, then the workers in batches; clusters roll side by side. */
    int batches() {
      return 1 + (workersPerCluster + maxUnavailable - 1) / maxUnavailable;
    }
  }

  private static final Map<String, Scenario> SCENARIOS = Map.of(
      "large", new Scenario("1 cluster x 50 hosts", 1, 49, 10),
      "many", new Scenario("100 clusters x 5 hosts", 100, 4, 2));

  @Override
  public Integer call() throws Exception {
    Duration apply = Duration.ofMillis(Math.round(applySeconds * 1000));
    List<String> lines = new ArrayList<>();
    for (String key : scenarios) {
      Scenario scenario = SCENARIOS.get(key);
      if (scenario == null) {
        throw new IllegalArgumentException("unknown scenario '" + key + "': choose from " + SCENARIOS.keySet());
      }
      lines.addAll(run(scenario, apply));
    }
    System.out.println();
    // The runtime changes the figures (its JIT, its HTTP client): say which one measured them.
    System.out.printf(Locale.ROOT, "Java %s (%s), %d cores%n", Runtime.version(), System.getProperty("java.vm.vendor"),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-24s %-8s %5s %7s %8s %9s %8s %7s %10s %7s %9s  %s%n", "scenario", "round",
        "hosts", "batches", "ideal s", "target s", "fleet s", "ratio", "cluster s", "ratio", "recorded", "verdict");
    lines.forEach(System.out::println);
    return 0;
  }

  /** One scenario on a fresh embedded API, operator and gateway, so scenarios do not share load. */
  private List<String> run(Scenario scenario, Duration apply) throws Exception {
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
    }
    System.out.printf(Locale.ROOT, "%n== %s (%d hosts, maxUnavailable %d, apply %.1f s, poll %d ms)%n",
        scenario.name(), scenario.hosts(), scenario.maxUnavailable(), apply.toMillis() / 1000.0, pollMillis);
    String namespace = "bench";
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      api.createNamespace(namespace);
      ApiCalls calls = new ApiCalls("operator");
      OperatorServices services = OperatorServices.create(ApiCalls.client(api, calls),
          OperatorSettings.defaults("http://127.0.0.1").embedded(), Clock.systemUTC());
      try (EdgeOperator operator = new EdgeOperator(services).withAllReconcilers();
          Gateway gateway = Gateway.start(GatewayConfig.insecure(0).withHost("127.0.0.1")
              .withRequests(new GatewayConfig.RateLimit(1_000_000, 1_000_000)), services)) {
        operator.start();
        KubernetesClient client = api.client();
        for (int version = 0; version <= rounds; version++) {
          client.resource(profile(namespace, version)).create();
        }
        preProvision(client, namespace, scenario);
        String token = Tokens.issue(client, namespace, "fleet");
        for (int c = 0; c < scenario.clusters(); c++) {
          client.resource(cluster(namespace, c, scenario)).create();
        }
        try (FleetSimulator fleet = FleetSimulator.builder(URI.create(gateway.url()), token)
            .hosts(scenario.hosts()).machineIdPrefix("host").applyTime(apply)
            .pollInterval(Duration.ofMillis(pollMillis)).build()) {
          long formStart = System.nanoTime();
          fleet.start();
          awaitAll(client, namespace, scenario, "formed on " + version(0), c -> c.getStatus() != null
              && c.getStatus().getPhase() == EdgeClusterStatus.Phase.Running
              && version(0).equals(c.getStatus().getProfileVersion()), Duration.ofMinutes(5));
          System.out.printf(Locale.ROOT, "formed %d cluster(s) in %.2f s%n", scenario.clusters(),
              (System.nanoTime() - formStart) / 1e9);

          List<String> lines = new ArrayList<>();
          for (int round = 1; round <= rounds; round++) {
            lines.add(line(scenario, round, apply, rollOut(client, namespace, scenario, round, apply, calls, breakdown)));
          }
          return lines;
        }
      }
    }
  }

  /**
   * One rollout of the whole fleet to 1.{round}.0.
   *
   * @param fleet from the first cluster edited to the last one Complete (includes the time the edits
   *     take, one after another on 16 threads, while the first clusters already roll)
   * @param cluster the slowest cluster, from its own edit to its Complete
   * @param recorded the slowest status.upgrade, startedAt to finishedAt, as the operator recorded it
   */
  private record Measured(double fleet, double cluster, double recorded) {
  }

  private static Measured rollOut(KubernetesClient client, String namespace, Scenario scenario, int round,
      Duration apply, ApiCalls calls, boolean breakdown) throws Exception {
    String version = version(round);
    System.out.printf(Locale.ROOT, "-- round %d: every cluster to %s%n", round, version);
    try (RolloutTimeline timeline = RolloutTimeline.watch(client, namespace, version, breakdown)) {
      Map<String, Long> before = calls.snapshot();
      long start = System.nanoTime();
      retargetAll(client, namespace, scenario, profileName(round), timeline);
      System.out.printf(Locale.ROOT, "pointed %d cluster(s) at %s in %.2f s%n", scenario.clusters(), version,
          (System.nanoTime() - start) / 1e9);
      // The end is seen by the watch: listing every cluster again and again would load the API the
      // rollout runs on.
      ClusterCheck upgraded = c -> c.getStatus() != null && c.getStatus().getUpgrade() != null
          && version.equals(c.getStatus().getUpgrade().getTo())
          && c.getStatus().getUpgrade().getPhase() == UpgradeStatus.Phase.Complete;
      long end;
      try {
        end = timeline.awaitComplete(scenario.clusters(), Duration.ofMinutes(5));
      } catch (IllegalStateException e) {
        // Say whether the clusters are stuck or only the watch missed their end.
        awaitAll(client, namespace, scenario, "upgraded to " + version, upgraded, Duration.ZERO);
        throw new IllegalStateException("every cluster is Complete, but the timeline's watch did not see it: "
            + e.getMessage(), e);
      }
      double wall = (end - start) / 1e9;
      awaitAll(client, namespace, scenario, "upgraded to " + version, upgraded, Duration.ofMinutes(5));
      if (breakdown) {
        System.out.println(timeline.summary(apply));
      }
      System.out.println("API requests per cluster during the rollout: " + perCluster(
          ApiCalls.since(before, calls.snapshot()), scenario.clusters()));
      return new Measured(wall, timeline.slowestCluster(), slowestRecorded(client, namespace));
    }
  }

  private String line(Scenario scenario, int round, Duration apply, Measured measured) {
    double ideal = scenario.batches() * apply.toMillis() / 1000.0;
    double target = 1.05 * ideal + 1;
    return String.format(Locale.ROOT, "%-24s %-8s %5d %7d %8.2f %9.2f %8.2f %7.3f %10.2f %7.3f %9.2f  %s",
        scenario.name(), round == 1 ? "1 (cold)" : String.valueOf(round), scenario.hosts(), scenario.batches(), ideal,
        target, measured.fleet(), measured.fleet() / ideal, measured.cluster(), measured.cluster() / ideal,
        measured.recorded(), "fleet " + verdict(measured.fleet(), target) + ", each cluster "
            + verdict(measured.cluster(), target));
  }

  private static String verdict(double seconds, double target) {
    return seconds <= target ? "within target" : "OVER TARGET";
  }

  private static String perCluster(Map<String, Long> requests, int clusters) {
    return requests.entrySet().stream().filter(e -> !e.getKey().contains("(watch)"))
        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f", e.getValue() / (double) clusters))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** The longest rollout as the clusters recorded it (status.upgrade startedAt to finishedAt). */
  private static double slowestRecorded(KubernetesClient client, String namespace) {
    return client.resources(EdgeCluster.class).inNamespace(namespace).list().getItems().stream()
        .map(c -> c.getStatus().getUpgrade())
        .map(u -> Duration.between(Instant.parse(u.getStartedAt()), Instant.parse(u.getFinishedAt())))
        .max(Comparator.naturalOrder()).map(d -> d.toMillis() / 1000.0).orElse(0.0);
  }

  private interface ClusterCheck {
    boolean done(EdgeCluster cluster);
  }

  private static void awaitAll(KubernetesClient client, String namespace, Scenario scenario, String what,
      ClusterCheck check, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      List<EdgeCluster> clusters = client.resources(EdgeCluster.class).inNamespace(namespace).list().getItems();
      if (clusters.size() == scenario.clusters() && clusters.stream().allMatch(check::done)) {
        return;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    List<String> stuck = client.resources(EdgeCluster.class).inNamespace(namespace).list().getItems().stream()
        .filter(c -> !check.done(c))
        .map(c -> c.getMetadata().getName() + ": " + (c.getStatus() == null ? "no status" : c.getStatus().getPhase()
            + ", " + c.getStatus().condition("Ready").map(r -> r.getMessage()).orElse("")))
        .limit(5).toList();
    throw new IllegalStateException("not every cluster " + what + " within " + timeout.toSeconds() + " s; for example "
        + stuck);
  }

  /** Host {@code i} of the fleet, named like its machine id, labelled with its cluster and tier. */
  private static void preProvision(KubernetesClient client, String namespace, Scenario scenario) {
    for (int i = 0; i < scenario.hosts(); i++) {
      int cluster = i / scenario.hostsPerCluster();
      boolean controlPlane = i % scenario.hostsPerCluster() == 0;
      EdgeHost host = new EdgeHost();
      host.setMetadata(new ObjectMetaBuilder().withName("host-" + i).withNamespace(namespace)
          .withLabels(Map.of("cluster", clusterName(cluster), "tier", controlPlane ? "control-plane" : "worker"))
          .build());
      host.setSpec(new EdgeHostSpec("host-" + i));
      client.resource(host).create();
    }
  }

  private static String clusterName(int index) {
    return String.format(Locale.ROOT, "store-%03d", index);
  }

  private static EdgeCluster cluster(String namespace, int index, Scenario scenario) {
    String name = clusterName(index);
    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setProfileRef(new ProfileReference(profileName(0)));
    ControlPlaneSpec controlPlane = new ControlPlaneSpec(1);
    controlPlane.setHostSelector(new HostSelector(Map.of("cluster", name, "tier", "control-plane")));
    spec.setControlPlane(controlPlane);
    WorkersSpec workers = new WorkersSpec(scenario.workersPerCluster());
    workers.setHostSelector(new HostSelector(Map.of("cluster", name, "tier", "worker")));
    spec.setWorkers(workers);
    UpgradeStrategy strategy = new UpgradeStrategy();
    strategy.setMaxUnavailable(new IntOrString(scenario.maxUnavailable()));
    strategy.setHostTimeout("10m");
    spec.setUpgradeStrategy(strategy);
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    cluster.setSpec(spec);
    return cluster;
  }

  /** Points every cluster at the profile at once, as a GitOps sync of the whole fleet's manifests does. */
  private static void retargetAll(KubernetesClient client, String namespace, Scenario scenario, String profile,
      RolloutTimeline timeline) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, scenario.clusters()));
    try {
      List<Future<?>> edits = new ArrayList<>();
      for (int c = 0; c < scenario.clusters(); c++) {
        String name = clusterName(c);
        edits.add(pool.submit(() -> {
          timeline.retargeted(name);
          client.resources(EdgeCluster.class).inNamespace(namespace).withName(name)
              .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"profileRef\":{\"name\":\"" + profile + "\"}}}");
        }));
      }
      for (Future<?> edit : edits) {
        edit.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Version 1.{index}.0 of the profile: round r rolls every cluster from version r - 1 to version r. */
  private static String version(int index) {
    return "1." + index + ".0";
  }

  private static String profileName(int index) {
    return "edge-" + version(index);
  }

  /** Three layers; the versions differ only in Kubernetes, so every host restarts services. */
  private static ClusterProfile profile(String namespace, int index) {
    ProfileLayer os = new ProfileLayer("edge-os", LayerType.OS, "1.4.0");
    os.setImage("registry.example.com/edge/os:1.4.0");
    String kubernetes = "1." + (30 + index) + ".0";
    ProfileLayer k3s = new ProfileLayer("k3s", LayerType.KUBERNETES, kubernetes);
    k3s.setImage("registry.example.com/edge/k3s:v" + kubernetes);
    ProfileLayer cni = new ProfileLayer("cilium", LayerType.CNI, "1.15.6");
    cni.setChart(new ChartReference("https://helm.cilium.io", "cilium"));
    ClusterProfile profile = new ClusterProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName(profileName(index)).withNamespace(namespace).build());
    profile.setSpec(new ClusterProfileSpec(version(index), new ArrayList<>(List.of(os, k3s, cni))));
    return profile;
  }
}
