package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Registration through the gateway against the raw create rate of the same API, in one run: N
 * simulated hosts register (each a token check, an EdgeHost create and a status write), and N
 * EdgeHosts are created directly, with the concurrency the gateway gives its API writes. The operator
 * runs throughout, so both sides pay for its watches. Target: registrations at least 0.5 x raw creates.
 */
@Command(name = "registration", mixinStandardHelpOptions = true,
    description = "Registers N simulated hosts through the gateway and creates N EdgeHosts directly on the same "
        + "embedded API; prints both rates and their ratio.")
final class RegistrationBenchmark implements Callable<Integer> {

  private static final int WARM_UP = 200;

  @Option(names = "--hosts", defaultValue = "2000", description = "Hosts on each side (default: ${DEFAULT-VALUE}).")
  private int hosts;

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

        createDirectly(client, "warm-raw", WARM_UP);
        registerThroughGateway(url, warmToken, "warm-gateway", WARM_UP);

        Rate raw = createDirectly(client, "raw", hosts);
        Rate registered = registerThroughGateway(url, token, "gateway", hosts);

        System.out.println();
        System.out.println(raw.line());
        System.out.println(registered.line());
        System.out.printf(Locale.ROOT, "%-34s %.2f (target >= 0.50)%n", "ratio registrations / raw creates",
            registered.perSecond() / raw.perSecond());
      }
    }
    return 0;
  }

  private Rate createDirectly(KubernetesClient client, String namespace, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      long start = System.nanoTime();
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
      return new Rate("direct EdgeHost creates (" + namespace + ")", count,
          Duration.ofNanos(System.nanoTime() - start));
    } finally {
      pool.shutdownNow();
    }
  }

  private static Rate registerThroughGateway(URI gateway, String token, String namespace, int count)
      throws InterruptedException {
    try (FleetSimulator fleet = FleetSimulator.builder(gateway, token).hosts(count).machineIdPrefix(namespace)
        .pollInterval(Duration.ofMinutes(10)).startSpread(Duration.ZERO).build()) {
      long start = System.nanoTime();
      fleet.start();
      while (fleet.counters().registered() + fleet.counters().refused() < count) {
        Thread.sleep(5);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (fleet.counters().refused() > 0) {
        throw new IllegalStateException("registrations were refused: " + fleet.counters().summary());
      }
      return new Rate("gateway registrations (" + namespace + ")", count, elapsed);
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
}
