package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.embedded.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
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
 * other work make wall-clock rates noisy.
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

  @Override
  public Integer call() throws Exception {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      for (String namespace : List.of("warm-raw", "warm-gateway", "raw", "gateway")) {
        api.createNamespace(namespace);
      }
      OperatorServices services = OperatorServices.create(api.newClient(),
          OperatorSettings.defaults("http://127.0.0.1").embedded(), Clock.systemUTC());
      try (EdgeOperator operator = new EdgeOperator(services).withAllReconcilers();
          Gateway gateway = Gateway.start(GatewayConfig.insecure(0).withHost("127.0.0.1").withWorkers(concurrency)
              .withRequests(new GatewayConfig.RateLimit(1_000_000, 1_000_000)), services)) {
        operator.start();
        KubernetesClient client = api.client();
        URI url = URI.create(gateway.url());

        // Tokens first: the gateway learns a token from its watch, a moment after the API has it.
        String warmToken = issueToken(client, "warm-gateway");
        String token = issueToken(client, "gateway");

        if (warmUp > 0) {
          createDirectly(client, "warm-raw", warmUp);
          registerThroughGateway(client, url, warmToken, "warm-gateway", warmUp);
        }
        Measurement raw = createDirectly(client, "raw", hosts);
        Measurement registered = registerThroughGateway(client, url, token, "gateway", hosts);

        System.out.println();
        System.out.println(raw.rate().line() + raw.details());
        System.out.println(registered.rate().line() + registered.details());
        System.out.printf(Locale.ROOT, "%-34s %.2f (target >= 0.50)%n", "ratio registrations / raw creates",
            registered.rate().perSecond() / raw.rate().perSecond());
        System.out.printf(Locale.ROOT, "%-34s %.2f%n", "ratio settled", registered.settled().perSecond()
            / raw.settled().perSecond());
        System.out.printf(Locale.ROOT, "%-34s %.2f%n", "ratio CPU per host raw / gateway",
            raw.cpuMillisPerHost() / registered.cpuMillisPerHost());
      }
    }
    return 0;
  }

  private Measurement createDirectly(KubernetesClient client, String namespace, int count) throws Exception {
    settle(client);
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      Clocks start = Clocks.now();
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < count; i++) {
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
      awaitHosts(client, namespace, count, host -> host.getStatus() != null && host.getStatus().getPhase() != null);
      return new Measurement(new Rate("direct EdgeHost creates (" + namespace + ")", count, answered),
          new Rate("settled", count, start.elapsed()), start.cpuSince() / count);
    } finally {
      pool.shutdownNow();
    }
  }

  private Measurement registerThroughGateway(KubernetesClient client, URI gateway, String token, String namespace,
      int count) throws InterruptedException {
    settle(client);
    try (FleetSimulator fleet = FleetSimulator.builder(gateway, token).hosts(count).machineIdPrefix(namespace)
        .pollInterval(Duration.ofMinutes(10)).startSpread(Duration.ZERO).build()) {
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
      awaitHosts(client, namespace, count,
          host -> host.getStatus() != null && host.getStatus().getPhase() == EdgeHostStatus.Phase.Available);
      awaitToken(client, namespace, count);
      return new Measurement(new Rate("gateway registrations (" + namespace + ")", count, answered),
          new Rate("settled", count, start.elapsed()), start.cpuSince() / count);
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

  /** A token for the namespace, once the operator has issued its Secret and judged it Active. */
  private static String issueToken(KubernetesClient client, String namespace) throws InterruptedException {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName("bench").withNamespace(namespace).build());
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("1h");
    token.setSpec(spec);
    client.resource(token).create();
    for (int attempt = 0; attempt < 1_000; attempt++) {
      RegistrationToken current = client.resource(token).get();
      Secret secret = client.secrets().inNamespace(namespace).withName("bench").get();
      if (current.getStatus() != null && current.getStatus().getPhase() == RegistrationTokenStatus.Phase.Active
          && secret != null) {
        return new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("the operator did not issue the benchmark's token within 10 s");
  }

  /** One side's figures: its rate until answered, until settled, and the process CPU time per host. */
  private record Measurement(Rate rate, Rate settled, double cpuMillisPerHost) {
    String details() {
      return String.format(Locale.ROOT, "; settled in %6.2f s; CPU %5.2f ms/host", settled.elapsed().toNanos() / 1e9,
          cpuMillisPerHost);
    }
  }
}
