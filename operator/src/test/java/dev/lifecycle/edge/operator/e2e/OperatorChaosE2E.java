package dev.lifecycle.edge.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The operator killed again and again: simulated agents keep talking to the gateway's address while
 * the operator (reconcilers and gateway) is stopped abruptly, its client closed under whatever it was
 * writing, at seeded random moments, 10 times while two clusters form from one pool of registering
 * machines and 10 times while one of them rolls out, and each time started again as a new instance.
 * The embedded API stays up. Replay a failure with {@code -Dchaos.seed=<the printed seed>}.
 */
class OperatorChaosE2E {

  private static final int KILLS_PER_STAGE = 10;
  private static final int MACHINES = 8;
  private static final Duration APPLY = Duration.ofMillis(300);
  private static final Duration CONVERGE = Duration.ofSeconds(45);

  @AutoClose
  private final OperatorHarness harness = OperatorHarness.start();
  @AutoClose
  private final InvariantSampler sampler = new InvariantSampler();
  private OperatorInstance running;

  @Test
  @DisplayName("When the operator is killed 10 times during formation and 10 times during a rollout, then "
      + "everything converges, no machine has two EdgeHosts, no host is in two clusters, and the rollout keeps "
      + "its bound and order")
  void convergesThroughKills() throws Exception {
    long seed = Long.getLong("chaos.seed", System.nanoTime());
    System.out.println("OperatorChaosE2E: -Dchaos.seed=" + seed);
    Random random = new Random(seed);
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("chaos");
    client.resource(Fixtures.profile(namespace, "edge-1.0.0", "1.0.0", "1.30.4")).create();
    client.resource(Fixtures.profile(namespace, "edge-1.1.0", "1.1.0", "1.31.1")).create();
    client.resource(Fixtures.token(namespace, "fleet", "1h")).create();
    client.resource(cluster(namespace, "north")).create();
    client.resource(cluster(namespace, "south")).create();
    running = OperatorInstance.start(harness, 0);
    int port = running.port();
    String seedNote = " (seed " + seed + ")";

    try (FleetSimulator fleet = FleetSimulator.builder(URI.create(running.gateway.url()),
            Fixtures.issuedToken(client, namespace, "fleet"))
        .hosts(MACHINES).machineIdPrefix(namespace).applyTime(APPLY).pollInterval(Duration.ofMillis(100))
        .maxBackoff(Duration.ofSeconds(2)).build();
        RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
      sampler.watch(client, namespace);
      fleet.start();

      long formationStart = System.nanoTime();
      List<Long> formationKills = killRepeatedly(random, port);
      awaitConverged(client, namespace, seedNote, () -> formed(client, namespace, "north") && formed(client, namespace, "south"));
      long formed = millisSince(formationStart);

      recorder.startRecording();
      Fixtures.repoint(client, namespace, "north", "edge-1.1.0");
      long rolloutStart = System.nanoTime();
      List<Long> rolloutKills = killRepeatedly(random, port);
      awaitConverged(client, namespace, seedNote, () -> upgradePhase(client, namespace, "north") == UpgradeStatus.Phase.Complete);
      long rolledOut = millisSince(rolloutStart);

      System.out.printf("OperatorChaosE2E: seed %d; formation: kills after %s ms of uptime, formed in %d ms; "
          + "rollout: kills after %s ms, complete in %d ms; identity samples %d, violations %s%n", seed,
          formationKills, formed, rolloutKills, rolledOut, sampler.samples(), sampler.violations());
      assertThat(sampler.violations()).as("identity invariants" + seedNote).isEmpty();
      List<RolloutRecorder.Move> moves = recorder.moves();
      assertThat(moves).extracting(RolloutRecorder.Move::host).as("every host of north moved once" + seedNote)
          .doesNotHaveDuplicates().hasSize(3);
      assertThat(moves.get(0).role()).as("control plane first" + seedNote).isEqualTo(HostRole.CONTROL_PLANE);
      assertThat(moves.subList(1, moves.size())).allSatisfy(move -> assertThat(move.controlPlaneHealthyOnVersion())
          .as("control plane healthy on 1.1.0 before " + move.host() + seedNote).isTrue());
      assertThat(recorder.maxOutOfService()).as("hosts out of service at once" + seedNote).isLessThanOrEqualTo(1);
      EdgeCluster north = client.resources(EdgeCluster.class).inNamespace(namespace).withName("north").get();
      assertThat(north.getStatus().getProfileVersion()).isEqualTo("1.1.0");
      assertThat(north.getStatus().getHosts()).allSatisfy(h -> assertThat(h.getProfileVersion()).isEqualTo("1.1.0"));
      assertThat(formed(client, namespace, "south")).as("south untouched by north's rollout" + seedNote).isTrue();
      assertThat(fleet.counters().failed()).as("plans reported failed" + seedNote).isZero();
    } finally {
      running.kill();
    }
  }

  /** Kills the running operator {@value #KILLS_PER_STAGE} times after seeded random uptimes; returns them. */
  private List<Long> killRepeatedly(Random random, int port) throws InterruptedException {
    List<Long> uptimes = new ArrayList<>();
    for (int i = 0; i < KILLS_PER_STAGE; i++) {
      long uptime = 100 + random.nextInt(1400);
      long downtime = random.nextInt(300);
      uptimes.add(uptime);
      Thread.sleep(uptime);
      running.kill();
      Thread.sleep(downtime);
      running = OperatorInstance.start(harness, port);
    }
    return uptimes;
  }

  private static void awaitConverged(KubernetesClient client, String namespace, String seedNote,
      BooleanSupplier converged) {
    try {
      awaitConverged(seedNote, converged);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      client.resources(EdgeCluster.class).inNamespace(namespace).list().getItems().forEach(c ->
          System.out.println("OperatorChaosE2E: not converged: " + c.getMetadata().getName() + " " + c.getStatus()));
      client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().forEach(h ->
          System.out.println("OperatorChaosE2E: not converged: " + h.getMetadata().getName() + " " + h.getStatus()));
      throw e;
    }
  }

  private static void awaitConverged(String seedNote, BooleanSupplier converged) {
    // A killed instance's background threads fail on its closed client, as a killed process's would not
    // get to: those are not the test's failures.
    await().alias("convergence" + seedNote).dontCatchUncaughtExceptions().atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(100))
        .until(converged::getAsBoolean);
  }

  private static boolean formed(KubernetesClient client, String namespace, String name) {
    EdgeCluster cluster = client.resources(EdgeCluster.class).inNamespace(namespace).withName(name).get();
    return cluster.getStatus() != null && cluster.getStatus().getPhase() == EdgeClusterStatus.Phase.Running
        && cluster.getStatus().getHosts().size() == 3;
  }

  private static UpgradeStatus.Phase upgradePhase(KubernetesClient client, String namespace, String name) {
    EdgeCluster cluster = client.resources(EdgeCluster.class).inNamespace(namespace).withName(name).get();
    UpgradeStatus upgrade = cluster.getStatus() == null ? null : cluster.getStatus().getUpgrade();
    return upgrade == null ? null : upgrade.getPhase();
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /** One control plane and two workers on 1.0.0, one host out of service at a time in a rollout. */
  private static EdgeCluster cluster(String namespace, String name) {
    EdgeCluster cluster = Fixtures.cluster(namespace, name, "edge-1.0.0", 1, 2);
    UpgradeStrategy strategy = new UpgradeStrategy();
    strategy.setMaxUnavailable(new IntOrString(1));
    strategy.setHostTimeout("2m");
    cluster.getSpec().setUpgradeStrategy(strategy);
    return cluster;
  }

  /** The operator of one life: reconcilers and gateway on one client, killed without a graceful finish. */
  private record OperatorInstance(EdgeOperator operator, Gateway gateway, OperatorServices services) {

    static OperatorInstance start(OperatorHarness harness, int port) {
      OperatorServices services = harness.services();
      EdgeOperator operator = new EdgeOperator(services).withAllReconcilers();
      operator.start();
      Gateway gateway = Gateway.start(GatewayConfig.insecure(port).withHost("127.0.0.1"), services);
      return new OperatorInstance(operator, gateway, services);
    }

    int port() {
      return URI.create(gateway.url()).getPort();
    }

    /** Closes the client first, so that whatever the instance was writing fails, then stops what is left. */
    void kill() {
      services.client().close();
      gateway.close();
      operator.close();
    }
  }

  /**
   * Every 50 ms, the namespace's hosts and clusters, checked for a machine id on two EdgeHosts and a host
   * in two clusters' status.hosts; every violation seen is kept.
   */
  private static final class InvariantSampler implements AutoCloseable {

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private volatile int samples;

    void watch(KubernetesClient client, String namespace) {
      ticker.scheduleWithFixedDelay(() -> sample(client, namespace), 0, 50, TimeUnit.MILLISECONDS);
    }

    private void sample(KubernetesClient client, String namespace) {
      Map<String, String> hostOfMachine = new HashMap<>();
      for (EdgeHost host : client.resources(EdgeHost.class).inNamespace(namespace).list().getItems()) {
        String machine = host.getSpec() == null ? null : host.getSpec().getMachineId();
        String other = machine == null ? null : hostOfMachine.put(machine, host.getMetadata().getName());
        if (other != null) {
          violations.add("machine " + machine + " on EdgeHosts " + other + " and " + host.getMetadata().getName());
        }
      }
      Map<String, String> clusterOfHost = new HashMap<>();
      for (EdgeCluster cluster : client.resources(EdgeCluster.class).inNamespace(namespace).list().getItems()) {
        List<ClusterHost> hosts = cluster.getStatus() == null ? List.of() : cluster.getStatus().getHosts();
        for (ClusterHost host : hosts) {
          String other = clusterOfHost.put(host.getName(), cluster.getMetadata().getName());
          if (other != null) {
            violations.add("host " + host.getName() + " in clusters " + other + " and "
                + cluster.getMetadata().getName());
          }
        }
      }
      samples++;
    }

    int samples() {
      return samples;
    }

    List<String> violations() {
      return List.copyOf(violations);
    }

    @Override
    public void close() {
      ticker.shutdownNow();
    }
  }
}
