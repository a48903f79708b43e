package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Registration through the gateway against the raw create rate of the same API, in one run: N
 * simulated hosts register (each a token check, an EdgeHost create and a status write), and N
 * EdgeHosts are created directly, with the concurrency the gateway gives its API writes. The operator
 * runs throughout, so both sides pay for its watches and for its reconciles of what they create.
 * Target: registrations at least 0.5 x raw creates.
 *
 * <p>Both sides are treated alike: each is warmed up with the same number of hosts, and before each
 * phase (warm-up or measured) the operator is left to finish the work the previous one caused (every
 * host judged, the token's count written), so no phase pays for another's backlog. Each side is
 * timed until its client has its answers (the rate), and again until the operator has judged every
 * host it created (settled); the process CPU time per host is printed too, as machines shared with
 * other work make wall-clock rates noisy. For the same reason the measured hosts go in rounds, the
 * sides taking turns (raw, gateway, gateway, raw, ...), and each side's rate is its hosts over the sum
 * of its rounds' times. The API requests of each side, by party and kind, are counted by the clients
 * (see {@link ApiCalls}) and printed per host.
 */
@Command(name = "registration", mixinStandardHelpOptions = true,
    description = "Registers N simulated hosts through the gateway and creates N EdgeHosts directly on the same "
        + "embedded API; prints both rates and their ratio.")
final class RegistrationBenchmark implements Callable<Integer> {

  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);

  @Option(names = "--hosts", defaultValue = "2000", description = "Hosts on each side (default: ${DEFAULT-VALUE}).")
  private int hosts;

  @Option(names = "--warm-up", defaultValue = "1000",
      description = "Hosts on each side before measuring, so that both sides run JIT-compiled code "
          + "(default: ${DEFAULT-VALUE}).")
  private int warmUp;

  @Option(names = "--concurrency", defaultValue = "32",
      description = "Parallel direct creates; the gateway's worker threads (default: ${DEFAULT-VALUE}).")
  private int concurrency;

  @Option(names = "--rounds", defaultValue = "4",
      description = "Each side's hosts are measured in this many rounds, the sides taking turns, so that other work "
          + "on the machine weighs on both alike (default: ${DEFAULT-VALUE}).")
  private int rounds;

  /** Every API request counted so far, by party and kind. */
  private Supplier<Map<String, Long>> calls;

  @Override
  public Integer call() throws Exception {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      for (String namespace : List.of("warm-raw", "warm-gateway", "raw", "gateway")) {
        api.createNamespace(namespace);
      }
      ApiCalls operatorCalls = new ApiCalls("operator");
      ApiCalls benchmarkCalls = new ApiCalls("benchmark");
      calls = () -> {
        Map<String, Long> all = new TreeMap<>(operatorCalls.snapshot());
        all.putAll(benchmarkCalls.snapshot());
        return all;
      };
      // One client for the operator and the gateway, as edge-operator.jar run has it; one for the
      // direct creates and the benchmark's own reads. Both count their requests.
      OperatorServices services = OperatorServices.create(ApiCalls.client(api, operatorCalls),
          OperatorSettings.defaults("http://127.0.0.1").embedded(), Clock.systemUTC());
      try (KubernetesClient client = ApiCalls.client(api, benchmarkCalls);
          EdgeOperator operator = new EdgeOperator(services).withAllReconcilers();
          Gateway gateway = Gateway.start(GatewayConfig.insecure(0).withHost("127.0.0.1").withWorkers(concurrency)
              .withRequests(new GatewayConfig.RateLimit(1_000_000, 1_000_000)), services)) {
        operator.start();
        URI url = URI.create(gateway.url());

        // Tokens first: the gateway learns a token from its watch, a moment after the API has it.
        String warmToken = Tokens.issue(client, "warm-gateway", "bench");
        String token = Tokens.issue(client, "gateway", "bench");

        if (warmUp > 0) {
          createDirectly(client, "warm-raw", 0, warmUp);
          registerThroughGateway(client, url, warmToken, "warm-gateway", 0, warmUp);
        }
        // The sides take turns, in rounds: raw, gateway, gateway, raw, raw, gateway, ... so that neither
        // side meets more of the other work on the machine, or a larger store, than the other.
        Measurement raw = null;
        Measurement registered = null;
        int done = 0;
        for (int round = 0; round < rounds; round++) {
          int count = (hosts - done) / (rounds - round);
          boolean rawFirst = round % 2 == 0;
          Measurement first = rawFirst ? createDirectly(client, "raw", done, count)
              : registerThroughGateway(client, url, token, "gateway", done, count);
          Measurement second = rawFirst ? registerThroughGateway(client, url, token, "gateway", done, count)
              : createDirectly(client, "raw", done, count);
          raw = Measurement.plus(raw, rawFirst ? first : second);
          registered = Measurement.plus(registered, rawFirst ? second : first);
          done += count;
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "%d hosts a side in %d rounds taking turns, after %d a side of warm-up; "
            + "%d parallel direct creates; %d gateway worker threads, all agents of a round registering at once "
            + "over plain HTTP%n", hosts, rounds, warmUp, concurrency, concurrency);
        System.out.println(raw.rate().line() + raw.details());
        System.out.println(registered.rate().line() + registered.details());
        System.out.printf(Locale.ROOT, "%-34s %.2f (target >= 0.50)%n", "ratio registrations / raw creates",
            registered.rate().perSecond() / raw.rate().perSecond());
        System.out.printf(Locale.ROOT, "%-34s %.2f%n", "ratio settled", registered.settled().perSecond()
            / raw.settled().perSecond());
        System.out.printf(Locale.ROOT, "%-34s %.2f%n", "ratio CPU per host raw / gateway",
            raw.cpuMillisPerHost() / registered.cpuMillisPerHost());
        System.out.println();
        raw.printRequests(hosts);
        registered.printRequests(hosts);
      }
    }
    return 0;
  }

  /** Creates hosts {@code first..first+count-1} of the namespace directly. */
  private Measurement createDirectly(KubernetesClient client, String namespace, int first, int count)
      throws Exception {
    settle(client);
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      Map<String, Long> before = calls.get();
      Clocks start = Clocks.now();
      List<Future<?>> creates = new ArrayList<>();
      for (int i = first; i < first + count; i++) {
        EdgeHost host = new EdgeHost();
        host.setMetadata(new ObjectMetaBuilder().withName("direct-" + i).withNamespace(namespace)
            .withLabels(Map.of("site", "bench")).build());
        host.setSpec(new EdgeHostSpec("direct-" + i));
        creates.add(pool.submit(() -> client.resource(host).create()));
      }
      for (Future<?> create : creates) {
        create.get();
      }
      Duration answered = start.elapsed();
      // Settled: the host reconciler has judged every host (Pending: created ahead of its machine).
      awaitHosts(client, namespace, first + count,
          host -> host.getStatus() != null && host.getStatus().getPhase() != null);
      return new Measurement(new Rate("direct EdgeHost creates (" + namespace + ")", count, answered),
          new Rate("settled", count, start.elapsed()), start.cpuSince() / count,
          ApiCalls.since(before, calls.get()));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Registers {@code count} new machines through the gateway, {@code first} having registered before. */
  private Measurement registerThroughGateway(KubernetesClient client, URI gateway, String token, String namespace,
      int first, int count) throws InterruptedException {
    settle(client);
    try (FleetSimulator fleet = FleetSimulator.builder(gateway, token).hosts(count)
        .machineIdPrefix(namespace + "-" + first)
        .pollInterval(Duration.ofMinutes(10)).startSpread(Duration.ZERO).build()) {
      Map<String, Long> before = calls.get();
      Clocks start = Clocks.now();
      fleet.start();
      while (fleet.counters().registered() + fleet.counters().refused() < count) {
        Thread.sleep(5);
      }
      Duration answered = start.elapsed();
      if (fleet.counters().refused() > 0) {
        throw new IllegalStateException("registrations were refused: " + fleet.counters().summary());
      }
      // Settled: every host judged Available, and the token's count written.
      awaitHosts(client, namespace, first + count,
          host -> host.getStatus() != null && host.getStatus().getPhase() == EdgeHostStatus.Phase.Available);
      awaitToken(client, namespace, first + count);
      return new Measurement(new Rate("gateway registrations (" + namespace + ")", count, answered),
          new Rate("settled", count, start.elapsed()), start.cpuSince() / count,
          ApiCalls.since(before, calls.get()));
    }
  }

  /** Waits until the operator has finished with every host and token so far: nothing left to reconcile. */
  private static void settle(KubernetesClient client) throws InterruptedException {
    for (String namespace : List.of("warm-raw", "warm-gateway", "raw", "gateway")) {
      int present = client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().size();
      if (present > 0) {
        awaitHosts(client, namespace, present, host -> host.getStatus() != null && host.getStatus().getPhase() != null);
      }
    }
  }

  private static void awaitHosts(KubernetesClient client, String namespace, int count, Predicate<EdgeHost> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (true) {
      List<EdgeHost> items = client.resources(EdgeHost.class).inNamespace(namespace).list().getItems();
      if (items.size() >= count && items.stream().allMatch(done)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the operator did not settle the hosts of " + namespace + " within "
            + SETTLE_TIMEOUT);
      }
      Thread.sleep(20);
    }
  }

  private static void awaitToken(KubernetesClient client, String namespace, int count) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (true) {
      RegistrationToken token = client.resources(RegistrationToken.class).inNamespace(namespace).withName("bench")
          .get();
      if (token.getStatus() != null && token.getStatus().getRegistrations() != null
          && token.getStatus().getRegistrations() >= count) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the operator did not count the registrations of " + namespace);
      }
      Thread.sleep(20);
    }
  }

  /**
   * One side's figures: its rate until answered, until settled, the process CPU time per host, and
   * the API requests from its start until settled (by party and kind).
   */
  private record Measurement(Rate rate, Rate settled, double cpuMillisPerHost, Map<String, Long> requests) {

    /** Two rounds of one side as one: counts, times, CPU and requests added up. */
    static Measurement plus(Measurement sum, Measurement round) {
      if (sum == null) {
        return round;
      }
      int count = sum.rate.count() + round.rate.count();
      Map<String, Long> requests = new TreeMap<>(sum.requests);
      round.requests.forEach((key, n) -> requests.merge(key, n, Long::sum));
      return new Measurement(
          new Rate(sum.rate.what(), count, sum.rate.elapsed().plus(round.rate.elapsed())),
          new Rate(sum.settled.what(), count, sum.settled.elapsed().plus(round.settled.elapsed())),
          (sum.cpuMillisPerHost * sum.rate.count() + round.cpuMillisPerHost * round.rate.count()) / count,
          requests);
    }
    String details() {
      return String.format(Locale.ROOT, "; settled in %6.2f s; CPU %5.2f ms/host", settled.elapsed().toNanos() / 1e9,
          cpuMillisPerHost);
    }

    /** API requests per host, by party and kind; the benchmark's own polling for the settled state left out. */
    void printRequests(int hosts) {
      Map<String, Long> counted = new TreeMap<>(requests);
      counted.keySet().removeIf(key -> key.startsWith("benchmark GET"));
      System.out.printf(Locale.ROOT, "API requests per host, %s (all parties until settled): %.2f%n", rate.what(),
          counted.values().stream().mapToLong(Long::longValue).sum() / (double) hosts);
      counted.forEach((key, count) -> System.out.printf(Locale.ROOT, "  %-40s %6d = %5.2f /host%n", key, count,
          count / (double) hosts));
    }
  }
}
