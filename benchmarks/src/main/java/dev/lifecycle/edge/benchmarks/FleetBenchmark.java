package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.cli.DurationConverter;
import dev.lifecycle.edge.benchmarks.FleetFigures.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 21's fleet at scale, measured from outside, one size after another: per size a fresh embedded API that
 * counts every request, the operator in a JVM of its own (with its gateway, as {@code edge-operator.jar run}),
 * clusters of 5 created before any host arrives (as a GitOps sync), one simulated fleet per namespace, and the
 * phases register, form, upgrade, steady and restart. Prints a table against the targets.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Registers, forms, upgrades, keeps and restarts a fleet of simulated hosts per size through an "
        + "operator in its own JVM; prints API writes per host, heap after GC, restart time and probe latency "
        + "against the targets of issue 21.")
final class FleetBenchmark implements Callable<Integer> {

  @Option(names = "--hosts", split = ",", defaultValue = "1000,2000,10000",
      description = "Fleet sizes, each a multiple of 5, run one after another on a fresh API and operator "
          + "(default: ${DEFAULT-VALUE}).")
  private List<Integer> sizes;

  @Option(names = "--hosts-per-namespace", defaultValue = "500",
      description = "Hosts of one namespace (project), each namespace with its token, profiles, clusters and "
          + "simulated fleet; a multiple of 5 (default: ${DEFAULT-VALUE}).")
  private int hostsPerNamespace;

  @Option(names = "--steady", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long the steady phase watches heartbeats, such as 2m or 10m (default: ${DEFAULT-VALUE}).")
  private Duration steady;

  @Option(names = "--phase-timeout", defaultValue = "20m", converter = DurationConverter.class,
      description = "A phase that takes longer is stuck, and the size's later phases are skipped "
          + "(default: ${DEFAULT-VALUE}).")
  private Duration phaseTimeout;

  @Option(names = "--apply-seconds", defaultValue = "2",
      description = "How long a simulated agent takes to apply a plan (default: ${DEFAULT-VALUE}).")
  private double applySeconds;

  @Option(names = "--operator-heap", defaultValue = "1g",
      description = "The operator JVM's -Xmx; the target for its heap after GC is 512 MiB, so the default leaves "
          + "room to measure an operator above it (default: ${DEFAULT-VALUE}).")
  private String operatorHeap;

  @Option(names = "--operator-java-options", defaultValue = "-XX:+UseStringDeduplication -XX:MaxGCPauseMillis=25 "
      + "-XX:G1MixedGCCountTarget=32 -XX:G1HeapWastePercent=15",
      description = "More options of the operator's JVM, separated by spaces: by default those of the operator's "
          + "image that bear on memory (default: ${DEFAULT-VALUE}); \"\" for none.")
  private String operatorJavaOptions;

  @Option(names = "--heartbeat-interval", defaultValue = "30s",
      description = "The agents' heartbeat interval, the operator's --heartbeat-interval (default: ${DEFAULT-VALUE}).")
  private String heartbeat;

  @Option(names = "--gateway-address-qps", defaultValue = "50",
      description = "The operator's --gateway-address-qps: registrations a second from one address. Every simulated "
          + "host registers from 127.0.0.1, like a site behind one egress proxy (default: ${DEFAULT-VALUE}, the "
          + "operator's default).")
  private double addressQps;

  @Option(names = "--world-nice", defaultValue = "10",
      description = "The nice value this JVM (the embedded API server and the simulated agents) runs at, so that "
          + "the operator has the CPU first, as its pod on a real node beside neither; 0 to share the cores evenly "
          + "(default: ${DEFAULT-VALUE}).")
  private int worldNice;

  @Option(names = "--log-dir", defaultValue = "target/fleet-benchmark",
      description = "Where the operator's logs and the kubeconfigs go (default: ${DEFAULT-VALUE}).")
  private Path logDir;

  @Override
  public Integer call() throws Exception {
    FleetRun.Settings settings = new FleetRun.Settings(steady, phaseTimeout, hostsPerNamespace,
        Duration.ofMillis(Math.round(applySeconds * 1000)), operatorHeap,
        operatorJavaOptions.isBlank() ? List.of() : List.of(operatorJavaOptions.strip().split("\\s+")), heartbeat,
        addressQps, new WorldPriority(worldNice), logDir.toAbsolutePath());
    List<FleetFigures> results = new ArrayList<>();
    for (int hosts : sizes) {
      results.add(new FleetRun(hosts, settings).run());
      print(results, settings);
    }
    return results.stream().allMatch(FleetFigures::completed) ? 0 : 1;
  }

  private static void print(List<FleetFigures> results, FleetRun.Settings settings) {
    System.out.println();
    System.out.printf(Locale.ROOT, "Java %s, %d cores, load average %.2f; operator -Xmx%s %s, heartbeat %s, "
            + "registrations %.0f/s per address, apply %.1f s, steady window %s, %d hosts per namespace, API server "
            + "and agents at nice %d%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        settings.operatorHeap(), String.join(" ", settings.operatorJavaOptions()), settings.heartbeat(),
        settings.addressQps(), settings.applyTime().toMillis() / 1000.0,
        settings.steady(), settings.hostsPerNamespace(), settings.world().nice());
    String header = String.format(Locale.ROOT, "%-46s", "");
    for (FleetFigures f : results) {
      header += String.format(Locale.ROOT, " | %-30s", String.format(Locale.ROOT, "%,d hosts / %,d clusters",
          f.hosts, f.clusters));
    }
    System.out.println(header);
    for (Phase phase : Phase.values()) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-46s", "phase " + phase.name()
          .toLowerCase(Locale.ROOT) + " (wall s, operator CPU s)"));
      for (FleetFigures f : results) {
        Duration took = f.durations.get(phase);
        line.append(String.format(Locale.ROOT, " | %-30s", took == null ? "-" : String.format(Locale.ROOT,
            "%.1f s, CPU %.1f s", took.toMillis() / 1000.0, f.operatorCpuSeconds.get(phase))));
      }
      System.out.println(line);
    }
    for (FleetTargets.Target target : FleetTargets.ALL) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-46s", target.name()));
      for (FleetFigures f : results) {
        String figure = target.measured().test(f) ? target.figure().apply(f) : "not measured";
        line.append(String.format(Locale.ROOT, " | %-30s", abbreviate(target.verdict(f) + " " + figure, 30)));
      }
      System.out.println(line);
    }
    for (FleetFigures f : results) {
      System.out.printf(Locale.ROOT, "%n%,d hosts: restart wrote %.2f times per host (stop to 30 s after ready)%s; "
          + "probes from a process of their own (as a kubelet): healthz %s; readyz %s; %d probe(s) found nothing "
          + "listening (the restart)%n", f.hosts, f.restartWritesPerHost,
          f.stuck.map(s -> " (stopped: " + s + ")").orElse(""),
          f.health == null ? "-" : f.health.healthz(), f.health == null ? "-" : f.health.readyz(),
          f.health == null ? 0 : f.health.unanswered());
      if (f.health != null) {
        f.health.byPhase().forEach((phase, latency) -> System.out.printf(Locale.ROOT, "  probes during %s: %s%n",
            phase, latency));
        HealthSampler.Figures beside = f.health.inBenchmark();
        System.out.printf(Locale.ROOT, "  the same probes sent from the benchmark's JVM (API server and agents in it; "
            + "not judged): healthz %s; readyz %s%n", beside.healthz(), beside.readyz());
        beside.byPhase().forEach((phase, latency) -> System.out.printf(Locale.ROOT,
            "    from the benchmark's JVM during %s: %s%n", phase, latency));
      }
      printRequests("  operator API requests per host, register + form + upgrade", f.rolloutRequests, f.hosts, 1);
      if (!f.gatewayAnswers.isEmpty()) {
        double all = f.gatewayAnswers.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf(Locale.ROOT, "  gateway answers, register + form + upgrade (%.0f, per host %.1f):%n", all,
            all / f.hosts);
        f.gatewayAnswers.forEach((answer, n) -> System.out.printf(Locale.ROOT, "    %-50s %9.0f = %5.1f %%%n", answer, n,
            100 * n / all));
      }
      if (!f.eventOutcomes.isEmpty()) {
        System.out.printf(Locale.ROOT, "  Event occurrences by outcome, register + form + upgrade: %s%n", f.eventOutcomes);
      }
      printRequests("  operator API requests per host per minute, steady", f.steadyRequests, f.hosts,
          settings.steady().toMillis() / 60_000.0);
      if (!f.eventsByReason.isEmpty()) {
        System.out.printf(Locale.ROOT, "  Event objects after the upgrade, per host, by kind and reason:%n");
        f.eventsByReason.forEach((reason, n) -> System.out.printf(Locale.ROOT, "    %-50s %7d = %6.3f%n", reason, n,
            n / (double) f.hosts));
      }
    }
  }

  private static void printRequests(String title, Map<String, Long> requests, int hosts, double minutes) {
    if (requests.isEmpty()) {
      return;
    }
    System.out.printf(Locale.ROOT, "%s: writes %.2f%n", title, ApiRequestCounts.writes(requests) / (double) hosts
        / minutes);
    new TreeMap<>(requests).forEach((key, count) -> {
      if (!key.endsWith("(watch)")) {
        System.out.printf(Locale.ROOT, "    %-6s %-44s %9d = %7.3f%n", ApiRequestCounts.isWrite(key) ? "write" : "read",
            key, count, count / (double) hosts / minutes);
      }
    });
  }

  private static String abbreviate(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "~";
  }
}
