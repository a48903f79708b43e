package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.apiserver.FaultInjection;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The whole demo: the embedded API, the operator and its gateway started in this process, the samples
 * applied, simulated hosts registering, the cluster forming, upgrading, scaling its workers down by one
 * and replacing a worker whose agent is killed, each stage shown live and timed, then a summary. Returns
 * the exit code: 0 when every stage finished, 1 otherwise.
 */
final class Demo {

  private final DemoOptions options;
  private final PrintStream out;
  private final boolean standardOutput;

  /**
   * @param out where the story is written
   * @param standardOutput whether {@code out} is the process's standard output (then it may be live)
   */
  Demo(DemoOptions options, PrintStream out, boolean standardOutput) {
    this.options = options;
    this.out = out;
    this.standardOutput = standardOutput;
  }

  int run() throws IOException, InterruptedException {
    Path workDir = Files.createTempDirectory("edge-demo-");
    boolean keepLog = false;
    try (LogCapture logs = options.verbose() ? LogCapture.none() : LogCapture.toFile(workDir.resolve("demo.log"))) {
      Terminal terminal = Terminal.detect(out, standardOutput, options.verbose());
      DemoSamples samples = DemoSamples.load(new KubernetesSerialization()).fittedTo(options.hosts())
          .withOnFailure(options.onFailure());
      terminal.heading("Edge lifecycle demo: " + options.hosts() + " simulated hosts (1 control plane, "
          + options.workers() + " workers), profile " + samples.fromProfile().getSpec().getVersion() + " -> "
          + samples.toProfile().getSpec().getVersion());
      options.failingHost().ifPresent(index -> terminal.line("--fail-upgrade: simulated host " + index + " will fail "
          + "to apply " + samples.toProfile().getSpec().getVersion() + "; the rollout's onFailure is "
          + samples.onFailure() + ", so the demo is expected to end with exit code 1"));
      DemoStages.skipped(options).forEach(terminal::line);
      if (options.faults().active()) {
        terminal.line("fault injection: " + describe(options.faults()) + "; seed " + options.faults().seed());
      }
      terminal.stageStarted(StageName.START, "embedded Kubernetes API with the CRDs, the operator, its gateway");
      long started = System.nanoTime();
      DemoEnvironment environment;
      try {
        environment = DemoEnvironment.start(options.faults(), options.heartbeat());
      } catch (RuntimeException e) {
        terminal.stageFailed(StageName.START, Duration.ofNanos(System.nanoTime() - started), "could not start: "
            + e.getMessage(), logs.path().map(p -> List.of("log: " + p)).orElse(List.of()));
        keepLog = logs.path().isPresent();
        return 1;
      }
      Duration startup = Duration.ofNanos(System.nanoTime() - started);
      terminal.stageDone(StageName.START, startup, StageStatus.done("API " + environment.apiUrl() + ", gateway "
          + environment.gatewayUrl() + " (plain HTTP, loopback only)"));
      try (environment) {
        List<StageResult> results = new StageRunner(terminal, options.stageTimeout(), StageRunner.POLL)
            .run(DemoStages.plan(environment, samples, options));
        DemoSummary.print(terminal, startup, results, facts(environment, samples), environment.meters());
        StageResult last = results.get(results.size() - 1);
        if (!last.succeeded()) {
          terminal.line("");
          terminal.line("Demo FAILED at stage " + last.name().title() + ": " + last.line());
          logs.path().ifPresent(p -> terminal.line("The operator's log: " + p + " (kept for you to read; the demo "
              + "deletes its folder otherwise)"));
          keepLog = logs.path().isPresent();
          return 1;
        }
        terminal.line("");
        terminal.line("Demo complete: " + stagesRun(results) + " stages, exit code 0.");
        if (options.keepRunning()) {
          KeepRunning.hints(terminal, environment, workDir, logs.path(), samples.cluster().getMetadata().getName(),
              samples.fromProfile().getMetadata().getName());
          holdUntilInterrupted(environment, workDir);
        }
        return 0;
      }
    } finally {
      if (!keepLog) {
        deleteRecursively(workDir);
      }
    }
  }

  private List<String> facts(DemoEnvironment environment, DemoSamples samples) {
    List<String> facts = new ArrayList<>();
    facts.add("hosts: " + options.hosts() + " (1 control plane, " + options.workers() + " workers), simulated with "
        + "the edge agent, " + options.applyTime().toMillis() + " ms to apply a plan, a heartbeat every "
        + StageRunner.seconds(options.heartbeat()));
    EdgeCluster cluster = ClusterReader.read(environment.client(), environment.namespace(),
        samples.cluster().getMetadata().getName());
    String runs = cluster == null || cluster.getStatus() == null || cluster.getStatus().getProfileVersion() == null
        ? "(no version yet)" : cluster.getStatus().getProfileVersion();
    String target = samples.toProfile().getSpec().getVersion();
    if (options.faults().active()) {
      facts.add("faults injected (seed " + options.faults().seed() + "): " + environment.faultCounts());
    }
    facts.add("profile " + samples.fromProfile().getMetadata().getLabels().get(DemoSamples.PROFILE_LABEL) + ": "
        + samples.fromProfile().getSpec().getVersion() + " -> " + target + "; EdgeCluster "
        + samples.cluster().getMetadata().getName() + " runs " + runs + workers(cluster) + "; hosts on " + target + ": "
        + onVersion(cluster, target));
    return facts;
  }

  private static String describe(FaultInjection faults) {
    return Math.round((faults.writeFailureRate() + faults.conflictRate()) * 100) + "% of the operator's writes fail, "
        + "responses up to " + faults.latency().toMillis() + " ms late, watches dropped every "
        + (faults.watchDropInterval().isZero() ? "(never)" : faults.watchDropInterval().toMillis() + " ms");
  }

  /** The cluster's ready workers, such as {@code  with workers 3/3}; they end one fewer after a scale-down. */
  private static String workers(EdgeCluster cluster) {
    return cluster == null || cluster.getStatus() == null || cluster.getStatus().getWorkersReady() == null ? ""
        : " with workers " + cluster.getStatus().getWorkersReady();
  }

  /** How many of the cluster's hosts report the version, such as {@code 5/5}. */
  private static String onVersion(EdgeCluster cluster, String version) {
    if (cluster == null || cluster.getStatus() == null) {
      return "0/0";
    }
    long on = cluster.getStatus().getHosts().stream().filter(host -> version.equals(host.getProfileVersion())).count();
    return on + "/" + cluster.getStatus().getHosts().size();
  }

  /** The stages that ran: starting the environment, then each of the lifecycle's. */
  static int stagesRun(List<StageResult> lifecycle) {
    return 1 + lifecycle.size();
  }

  /**
   * Keeps everything up until Ctrl-C, which stops the hosts, the gateway, the operator and the API, and
   * deletes the work directory (the process ends there, so the caller's clean-up never runs).
   */
  private static void holdUntilInterrupted(DemoEnvironment environment, Path workDir) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      environment.close();
      deleteRecursively(workDir);
      stopped.countDown();
    }, "demo-shutdown"));
    stopped.await();
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // A temporary directory left behind is no failure of the demo.
    }
  }
}
