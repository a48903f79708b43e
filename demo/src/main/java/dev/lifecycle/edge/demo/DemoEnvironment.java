package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.apiserver.FaultCounts;
import dev.lifecycle.edge.apiserver.FaultInjection;
import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import dev.lifecycle.edge.operator.management.ManagementServer;
import dev.lifecycle.edge.operator.management.OperatorMeters;
import dev.lifecycle.edge.operator.management.OperatorProbes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Everything the demo runs in one process: the embedded Kubernetes API with the CRDs, the operator with
 * every reconciler, its gateway (plain HTTP on the loopback interface, a free port), its health and
 * metrics endpoints, and later the simulated hosts. Closed in the reverse order.
 */
final class DemoEnvironment implements AutoCloseable {

  /**
   * Simulated hosts long-poll their plan (the gateway holds the request until the plan changes); should the
   * gateway not hold it, they poll this often instead (304 when unchanged).
   */
  static final Duration PLAN_POLL = Duration.ofMillis(500);
  static final String NAMESPACE = EmbeddedKubernetes.DEFAULT_NAMESPACE;
  /** The demo's own requests (applying the samples, reading progress), which injected faults spare. */
  static final String DEMO_USER_AGENT = "edge-demo";

  private final List<AutoCloseable> started = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final EmbeddedKubernetes api;
  private final KubernetesClient client;
  private final Gateway gateway;
  private final ManagementServer management;
  private final PrometheusMeterRegistry meters;
  private volatile FleetSimulator fleet;

  private DemoEnvironment(EmbeddedKubernetes api, KubernetesClient client, Gateway gateway,
      ManagementServer management, PrometheusMeterRegistry meters) {
    this.api = api;
    this.client = client;
    this.gateway = gateway;
    this.management = management;
    this.meters = meters;
  }

  /**
   * Starts the API, the operator, the gateway and the management endpoints; returns once all serve. The
   * API injects the faults into the operator's and the gateway's requests, not into the demo's own.
   *
   * @param heartbeat how often agents report ({@link DemoOptions#heartbeat}); a host is Unreachable after
   *     three missed reports
   */
  static DemoEnvironment start(FaultInjection faults, Duration heartbeat) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      EmbeddedKubernetes api = EmbeddedKubernetes.start();
      opened.add(api);
      api.injectFaults(faults.active() ? faults.sparing(DEMO_USER_AGENT) : FaultInjection.NONE);
      KubernetesClient client = api.newClient(DEMO_USER_AGENT);
      opened.add(client);
      KubernetesClient operatorClient = api.newClient();
      opened.add(operatorClient);
      PrometheusMeterRegistry meters = OperatorMeters.prometheus();
      OperatorProbes probes = new OperatorProbes();
      InetAddress loopback = InetAddress.getLoopbackAddress();
      ManagementServer management = ManagementServer.start(new InetSocketAddress(loopback, 0), probes, meters);
      opened.add(management);
      OperatorSettings settings = OperatorSettings.defaults("http://" + loopback.getHostAddress())
          .withHeartbeat(heartbeat).embedded();
      // The gateway first, on a free port: its URL is what the token's installer user-data names.
      OperatorServices services = OperatorServices.create(operatorClient, settings, Clock.systemUTC(), meters);
      Gateway gateway = Gateway.start(GatewayConfig.insecure(0).withHost(loopback.getHostAddress()), services);
      opened.add(gateway);
      // The same services, so that the operator judges hosts by the heartbeats its gateway hears.
      EdgeOperator operator = new EdgeOperator(services.withSettings(settings.withGatewayUrl(gateway.url())))
          .withAllReconcilers();
      probes.operator(operator);
      opened.add(operator);
      operator.start();
      probes.gateway(gateway);
      DemoEnvironment environment = new DemoEnvironment(api, client, gateway, management, meters);
      environment.started.addAll(opened);
      return environment;
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  KubernetesClient client() {
    return client;
  }

  String namespace() {
    return NAMESPACE;
  }

  String apiUrl() {
    return api.url();
  }

  /** Whether the gateway would find this token for a registration now. */
  boolean gatewayKnowsToken(String token) {
    return gateway.knowsToken(token);
  }

  String gatewayUrl() {
    return gateway.url();
  }

  String metricsUrl() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + management.port() + "/metrics";
  }

  PrometheusMeterRegistry meters() {
    return meters;
  }

  /**
   * Starts simulated hosts that reach this gateway, poll their plan often, and register with the token;
   * {@code fleet} sets the rest (how many, their machine ids, how long they take, which one fails).
   */
  FleetSimulator startFleet(String token, UnaryOperator<FleetSimulator.Builder> fleet) {
    FleetSimulator simulator = fleet.apply(FleetSimulator.builder(URI.create(gateway.url()), token)
        .pollInterval(PLAN_POLL)).build();
    this.fleet = simulator;
    simulator.start();
    return simulator;
  }

  /** The simulated hosts {@link #startFleet} started. */
  FleetSimulator fleet() {
    FleetSimulator simulator = fleet;
    if (simulator == null) {
      throw new IllegalStateException("no simulated host has been started");
    }
    return simulator;
  }

  /** The faults the API injected so far. */
  FaultCounts faultCounts() {
    return api.faultCounts();
  }

  /** Writes a kubeconfig for kubectl against the embedded API. */
  Path writeKubeconfig(Path file) {
    return api.writeKubeconfig(file);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      FleetSimulator simulator = fleet;
      if (simulator != null) {
        simulator.close();
      }
      closeAll(started);
    }
  }

  /** Closes in the reverse order of opening; one failing does not keep the others open. */
  private static void closeAll(List<AutoCloseable> opened) {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        // Closing on the way out: nothing left to tell the user that the log does not hold.
      }
    }
  }
}
