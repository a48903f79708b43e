package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.benchmarks.FleetFigures.Phase;
import dev.lifecycle.edge.benchmarks.FleetLayout.Project;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;

/**
 * One fleet size, from an empty API to a restarted operator: the embedded API in this JVM (it counts every
 * request), the operator in a JVM of its own ({@link OperatorProcess}), the clusters created first (as a GitOps
 * sync would), then one simulated fleet per namespace (in this JVM), and the phases one after the other.
 */
final class FleetRun {

  /** How often the benchmark looks whether a phase is done: each look lists every host or cluster. */
  private static final Duration POLL = Duration.ofSeconds(3);

  record Settings(Duration steady, Duration phaseTimeout, int hostsPerNamespace, Duration applyTime,
      String operatorHeap, List<String> operatorJavaOptions, String heartbeat, double addressQps, WorldPriority world,
      Path logDir) {
  }

  private final FleetLayout layout;
  private final Settings settings;
  private final FleetFigures figures;
  private final ApiRequestCounts counts = new ApiRequestCounts();
  private volatile OperatorProcess operator;
  private HealthSampler sampler;

  FleetRun(int hosts, Settings settings) {
    this.layout = new FleetLayout(hosts, settings.hostsPerNamespace());
    this.settings = settings;
    this.figures = new FleetFigures(hosts, layout.clusters(), layout.projects().size());
  }

  FleetFigures run() throws Exception {
    log("%d hosts, %d clusters of %d in %d namespace(s)", layout.hosts(), layout.clusters(), FleetLayout.CLUSTER_SIZE,
        layout.projects().size());
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start();
        KubernetesClient client = api.newClient(ApiRequestCounts.BENCHMARK_AGENT)) {
      api.onRequest(counts::count);
      Path kubeconfig = api.writeKubeconfig(settings.logDir().resolve("kubeconfig-" + layout.hosts()));
      operator = OperatorProcess.of(kubeconfig, settings.operatorHeap(), settings.operatorJavaOptions(),
          settings.heartbeat(), settings.addressQps(),
          OperatorProcess.logFile(settings.logDir(), "operator-" + layout.hosts() + ".log"));
      operator.start();
      operator.awaitReady(Duration.ofMinutes(2));
      try (HealthSampler health = HealthSampler.start(() -> operator, operator.metricsPort())) {
        sampler = health;
        try {
          List<String> tokens = createFleetObjects(client);
          List<FleetSimulator> fleets = new ArrayList<>();
          try {
            phases(client, tokens, fleets);
          } finally {
            fleets.forEach(FleetSimulator::close);
          }
        } catch (PhaseStuck e) {
          figures.stuck = java.util.Optional.of(e.getMessage());
          log("stopped: %s", e.getMessage());
        } finally {
          figures.health = health.figures();
        }
      } finally {
        operator.close();
      }
    }
    return figures;
  }

  private void phases(KubernetesClient client, List<String> tokens, List<FleetSimulator> fleets) throws Exception {
    Map<String, Long> start = counts.operator();
    measure(Phase.REGISTER, () -> {
      List<Project> projects = layout.projects();
      for (int i = 0; i < projects.size(); i++) {
        FleetSimulator fleet = FleetSimulator.builder(operator.gateway(), tokens.get(i))
            .hosts(projects.get(i).hosts()).machineIdPrefix(projects.get(i).namespace())
            .applyTime(settings.applyTime()).build();
        fleets.add(fleet);
        fleet.start();
      }
      // The agents' own count first: every list of the fleet's hosts is serialized on the embedded API's event loop,
      // and listing 10,000 hosts every few seconds blocked it for seconds (registrations waited behind it).
      await("registered (agents with a credential)", layout.hosts(),
          () -> fleets.stream().mapToInt(f -> f.counters().registered()).sum());
      awaitHosts(client, "registered (Available or claimed)", h -> h.getStatus() != null
          && (h.getStatus().getPhase() == EdgeHostStatus.Phase.Available || h.getStatus().getCluster() != null));
    });
    measure(Phase.FORM, () -> awaitClusters(client, "formed on " + FleetLayout.FROM, FleetLayout.FROM));
    measure(Phase.UPGRADE, () -> {
      retargetAll(client);
      awaitClusters(client, "upgraded to " + FleetLayout.TO, FleetLayout.TO);
    });
    Map<String, Long> rollout = ApiCalls.since(start, counts.operator());
    figures.rolloutRequests = rollout;
    figures.eventsByReason = eventsByReason(client);
    figures.eventOutcomes = operator.eventOutcomes();
    figures.gatewayAnswers = operator.gatewayAnswers();
    figures.writesPerHost = ApiRequestCounts.writes(rollout) / (double) layout.hosts();
    figures.heapAfterUpgradeMiB = sampler.duringForcedGc(operator::heapAfterGc) / (1024.0 * 1024);
    log("heap after full GC, after the upgrade: %.0f MiB", figures.heapAfterUpgradeMiB);

    measure(Phase.STEADY, () -> {
      Map<String, Long> before = counts.operator();
      Thread.sleep(settings.steady().toMillis());
      Map<String, Long> steady = ApiCalls.since(before, counts.operator());
      figures.steadyRequests = steady;
      figures.steadyWritesPerHostMinute = ApiRequestCounts.writes(steady) / (double) layout.hosts()
          / (settings.steady().toMillis() / 60_000.0);
    });
    figures.heapAfterSteadyMiB = sampler.duringForcedGc(operator::heapAfterGc) / (1024.0 * 1024);
    log("heap after full GC, after the steady window: %.0f MiB", figures.heapAfterSteadyMiB);

    measure(Phase.RESTART, () -> {
      Map<String, Long> before = counts.operator();
      operator.stop();
      operator.start();
      Duration ready = operator.awaitReady(settings.phaseTimeout());
      figures.restartSeconds = ready.toMillis() / 1000.0;
      // Ready means every informer synced and the gateway listens; the half minute after it shows whether the
      // restarted operator rewrites the fleet (it should not: nothing changed while it was down).
      Thread.sleep(30_000);
      figures.restartWritesPerHost = ApiRequestCounts.writes(ApiCalls.since(before, counts.operator()))
          / (double) layout.hosts();
      awaitClusters(client, "still on " + FleetLayout.TO + " after the restart", FleetLayout.TO);
    });
  }

  private interface Step {
    void run() throws Exception;
  }

  private void measure(Phase phase, Step step) throws Exception {
    log("phase %s ...", phase.name().toLowerCase(Locale.ROOT));
    settings.world().apply();
    if (sampler != null) {
      sampler.phase(phase.name().toLowerCase(Locale.ROOT));
    }
    long start = System.nanoTime();
    Duration cpuBefore = operatorCpu();
    try {
      step.run();
    } catch (PhaseStuck e) {
      throw new PhaseStuck(phase.name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
    } catch (IllegalStateException e) {
      // The operator exited or never became ready: a phase that failed, reported with the figures so far.
      throw new PhaseStuck(phase.name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    figures.durations.put(phase, took);
    figures.operatorCpuSeconds.put(phase, operatorCpu().minus(cpuBefore).toMillis() / 1000.0);
    log("phase %s done in %.1f s", phase.name().toLowerCase(Locale.ROOT), took.toMillis() / 1000.0);
  }

  /** The CPU time of the operator's current process (a restart starts from zero: then it is that process's). */
  private Duration operatorCpu() {
    return operator.cpu();
  }

  /** Namespaces, profiles, tokens (each waited for: the operator issues its Secret), then every cluster. */
  private List<String> createFleetObjects(KubernetesClient client) throws Exception {
    List<String> tokens = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> creates = new ArrayList<>();
      for (Project project : layout.projects()) {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
            .withName(project.namespace()).endMetadata().build()).create();
        client.resource(FleetLayout.profile(project.namespace(), FleetLayout.FROM)).create();
        client.resource(FleetLayout.profile(project.namespace(), FleetLayout.TO)).create();
        tokens.add(Tokens.issue(client, project.namespace(), "fleet"));
        for (String name : project.clusterNames()) {
          creates.add(pool.submit(() -> client.resource(FleetLayout.cluster(project.namespace(), name)).create()));
        }
      }
      for (Future<?> create : creates) {
        create.get();
      }
    } finally {
      pool.shutdownNow();
    }
    log("created %d namespace(s), their profiles and tokens, and %d clusters", layout.projects().size(),
        layout.clusters());
    return tokens;
  }

  /** The Events of the fleet's namespaces by reason, each counted as often as it happened (its count). */
  private Map<String, Long> eventsByReason(KubernetesClient client) {
    Map<String, Long> reasons = new java.util.TreeMap<>();
    for (Project project : layout.projects()) {
      client.v1().events().inNamespace(project.namespace()).list().getItems().forEach(e -> reasons.merge(
          e.getInvolvedObject().getKind() + " " + e.getReason(), 1L, Long::sum));
    }
    return reasons;
  }

  /** Points every cluster at the next profile version, 16 edits at a time, as a GitOps sync of the fleet does. */
  private void retargetAll(KubernetesClient client) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> edits = new ArrayList<>();
      String patch = "{\"spec\":{\"profileRef\":{\"name\":\"" + FleetLayout.profileName(FleetLayout.TO) + "\"}}}";
      for (Project project : layout.projects()) {
        for (String name : project.clusterNames()) {
          edits.add(pool.submit(() -> client.resources(EdgeCluster.class).inNamespace(project.namespace())
              .withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch)));
        }
      }
      for (Future<?> edit : edits) {
        edit.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void awaitHosts(KubernetesClient client, String what, java.util.function.Predicate<EdgeHost> done)
      throws Exception {
    await(what, layout.hosts(), () -> count(client, EdgeHost.class, h -> done.test(h) ? 1 : 0));
  }

  private void awaitClusters(KubernetesClient client, String what, String version) throws Exception {
    await(what, layout.clusters(), () -> count(client, EdgeCluster.class, c -> c.getStatus() != null
        && c.getStatus().getPhase() == EdgeClusterStatus.Phase.Running
        && version.equals(c.getStatus().getProfileVersion()) ? 1 : 0));
  }

  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> int count(KubernetesClient client, Class<T> kind,
      ToIntFunction<T> done) {
    int total = 0;
    for (Project project : layout.projects()) {
      total += client.resources(kind).inNamespace(project.namespace()).list().getItems().stream()
          .mapToInt(done).sum();
    }
    return total;
  }

  private interface Progress {
    int done() throws Exception;
  }

  /** Waits until {@code wanted} are done, logging progress; a phase that passes the timeout is stuck. */
  private void await(String what, int wanted, Progress progress) throws Exception {
    long start = System.nanoTime();
    long deadline = start + settings.phaseTimeout().toNanos();
    long nextLog = start;
    int done = 0;
    while (true) {
      if (!operator.alive()) {
        throw new PhaseStuck("the operator exited (see " + operator.log() + ") with " + done + "/" + wanted + " "
            + what);
      }
      done = progress.done();
      if (done >= wanted) {
        return;
      }
      long now = System.nanoTime();
      if (now > deadline) {
        throw new PhaseStuck(done + "/" + wanted + " " + what + " after " + settings.phaseTimeout().toSeconds()
            + " s");
      }
      if (now >= nextLog) {
        log("  %d/%d %s", done, wanted, what);
        nextLog = now + Duration.ofSeconds(30).toNanos();
      }
      // At least 3 s, longer for larger fleets: each look is a list the embedded API serializes on its event loop.
      Thread.sleep(Math.max(POLL.toMillis(), layout.hosts()));
    }
  }

  private void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[%s %6d hosts] %s%n", java.time.LocalTime.now().withNano(0), layout.hosts(),
        String.format(Locale.ROOT, format, args));
  }

  /** A phase that did not complete within the timeout, or whose operator died. */
  static final class PhaseStuck extends Exception {
    PhaseStuck(String message) {
      super(message);
    }
  }
}
