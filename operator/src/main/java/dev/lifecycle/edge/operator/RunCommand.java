package dev.lifecycle.edge.operator;

import dev.lifecycle.edge.cli.DurationConverter;
import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayCa;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import dev.lifecycle.edge.operator.management.ManagementServer;
import dev.lifecycle.edge.operator.management.OperatorMeters;
import dev.lifecycle.edge.operator.management.OperatorProbes;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code run}: reconciles against the cluster of the standard kubeconfig or the in-cluster config. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Reconcile ClusterProfiles, RegistrationTokens, EdgeHosts and EdgeClusters in the cluster of "
        + "the current kubeconfig context, or the in-cluster service account; serve the edge gateway, and health "
        + "and metrics endpoints.")
public final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
  private static final Pattern AGENT_URL = Pattern.compile("https?://[^ ]+");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  @Option(names = "--gateway-url", defaultValue = "https://edge-operator-gateway:9443",
      description = "URL agents reach the gateway at, rendered into installer user-data (default: ${DEFAULT-VALUE}).")
  private String gatewayUrl;

  @Option(names = "--heartbeat-interval", defaultValue = "30s", converter = DurationConverter.class,
      description = "How often agents report; a host is Unreachable after three missed reports (default: "
          + "${DEFAULT-VALUE}).")
  private Duration heartbeatInterval;

  @Option(names = "--last-seen-interval", defaultValue = "5m", converter = DurationConverter.class,
      description = "How often a host's status.lastSeen is written while it sends heartbeats (default: "
          + "${DEFAULT-VALUE}). The replica that judges hosts hears them in memory; a follower's gateway writes "
          + "at least every two thirds of the staleness limit, so that the leader sees what it heard.")
  private Duration lastSeenInterval;

  @Option(names = "--gateway-port", defaultValue = "9443",
      description = "Port of the edge gateway, the HTTP API agents register and report through (default: "
          + "${DEFAULT-VALUE}).")
  private int gatewayPort;

  @Option(names = "--metrics-port", defaultValue = "8080",
      description = "Port of GET /healthz (liveness), /readyz (readiness) and /metrics (Prometheus) (default: "
          + "${DEFAULT-VALUE}).")
  private int metricsPort;

  @Option(names = "--tls-cert", description = "PEM certificate (chain) the gateway serves TLS with.")
  private Path tlsCertificate;

  @Option(names = "--tls-key", description = "PEM private key of --tls-cert (PKCS#8 or PKCS#1).")
  private Path tlsKey;

  @Option(names = "--gateway-ca-file", paramLabel = "PEM",
      description = "CA certificates (PEM) agents trust for the gateway's TLS, rendered into installer user-data "
          + "(edge_agent.gateway_ca). Default: --tls-cert itself when it is self-signed, else none (agents trust "
          + "the public CAs of their Java).")
  private Path gatewayCaFile;

  @Option(names = "--agent-url", paramLabel = "URL",
      description = "Where hosts download edge-agent.jar on first boot, rendered into installer user-data unless "
          + "a token sets spec.userData.agentUrl. Default: none (the installer image carries "
          + "/opt/edge-agent/edge-agent.jar).")
  private String agentUrl;

  @Option(names = "--insecure", description = "Serve the gateway over plain HTTP, without TLS: for the demo and "
      + "tests only.")
  private boolean insecure;

  @Option(names = "--watch-namespaces", split = ",", paramLabel = "NS",
      description = "Watch only these namespaces (comma-separated), with the reconcilers and the gateway alike; "
          + "default: every namespace.")
  private List<String> watchNamespaces = new ArrayList<>();

  @Option(names = "--leader-election", description = "Reconcile only while holding the Lease "
      + LeaderElection.LEASE_NAME + " (several replicas: one reconciles, every one serves the gateway).")
  private boolean leaderElection;

  @Option(names = "--leader-election-namespace", paramLabel = "NS",
      description = "Namespace of the leader Lease (default: the environment variable " + LeaderElection.POD_NAMESPACE
          + ").")
  private String leaderElectionNamespace;

  @Option(names = "--gateway-host-qps", paramLabel = "N", description = "Requests a second each host may send "
      + "with its credential; never counted against its address (default: ${DEFAULT-VALUE}).")
  private double hostQps = GatewayConfig.DEFAULT_HOST_REQUESTS.perSecond();

  @Option(names = "--gateway-host-burst", paramLabel = "N", description = "Requests a host may send at once above "
      + "--gateway-host-qps (default: ${DEFAULT-VALUE}).")
  private int hostBurst = GatewayConfig.DEFAULT_HOST_REQUESTS.burst();

  @Option(names = "--gateway-address-qps", paramLabel = "N", description = "Requests a second one remote address "
      + "may send without a valid host credential: registrations, missing or invalid credentials "
      + "(default: ${DEFAULT-VALUE}).")
  private double addressQps = GatewayConfig.DEFAULT_REQUESTS.perSecond();

  @Option(names = "--gateway-address-burst", paramLabel = "N", description = "Such requests an address may send "
      + "at once above --gateway-address-qps (default: ${DEFAULT-VALUE}).")
  private int addressBurst = GatewayConfig.DEFAULT_REQUESTS.burst();

  @Option(names = "--gateway-failure-qps", paramLabel = "N", description = "Refused requests (4xx) a second a "
      + "client (a host, else an address) may make before all its requests get 429 (default: ${DEFAULT-VALUE}).")
  private double failureQps = GatewayConfig.DEFAULT_FAILURES.perSecond();

  @Option(names = "--gateway-failure-burst", paramLabel = "N", description = "Refused requests a client may make "
      + "at once above --gateway-failure-qps (default: ${DEFAULT-VALUE}).")
  private int failureBurst = GatewayConfig.DEFAULT_FAILURES.burst();

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    GatewayConfig gatewayConfig = gatewayConfig();
    Optional<LeaderElection> election = leaderElection();
    OperatorSettings settings = OperatorSettings.defaults(gatewayUrl).withHeartbeat(heartbeatInterval)
        .withWatchNamespaces(namespaces()).withGatewayCa(gatewayCa(gatewayConfig)).withAgentUrl(agentUrl());
    Config config = Config.autoConfigure(null);
    Optional<String> noApi = ApiLocation.missing(config, Config.getKubeconfigFilenames(), System::getenv);
    if (noApi.isPresent()) {
      LOG.error("{}", noApi.get());
      return 1;
    }
    PrometheusMeterRegistry meters = OperatorMeters.prometheus();
    OperatorProbes probes = new OperatorProbes();
    ManagementServer management;
    try {
      management = ManagementServer.start(new InetSocketAddress("0.0.0.0", metricsPort), probes, meters);
    } catch (IllegalStateException e) {
      LOG.error("{}", e.getMessage());
      return 1;
    }
    KubernetesClient client = new KubernetesClientBuilder().withConfig(TokenlessCredentials.withoutRefresh(config))
        .build();
    LOG.info("reconciling against {} in {} (gateway URL for agents: {}){}", client.getMasterUrl(),
        settings.watchesAllNamespaces() ? "every namespace" : "namespaces " + String.join(", ",
            settings.watchNamespaces()), gatewayUrl, election.map(e -> "; leader election on Lease "
            + e.leaseNamespace() + "/" + e.leaseName() + " as " + e.identity()).orElse(""));
    OperatorServices services = OperatorServices.create(client, settings, Clock.systemUTC(), meters);
    EdgeOperator operator = new EdgeOperator(services, election).withAllReconcilers();
    probes.operator(operator);
    CountDownLatch stopped = new CountDownLatch(1);
    Gateway[] gateway = new Gateway[1];
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      if (gateway[0] != null) {
        gateway[0].close();
      }
      operator.close();
      client.close();
      management.close();
      stopped.countDown();
    }, "shutdown"));
    operator.start();
    try {
      gateway[0] = Gateway.start(gatewayConfig, services);
      probes.gateway(gateway[0]);
    } catch (IllegalArgumentException | IllegalStateException e) {
      LOG.error("the gateway cannot start: {}", e.getMessage());
      return 1;
    }
    stopped.await();
    return 0;
  }

  /** The listener (see {@link #listener}) with the rate limits of the command line. */
  private GatewayConfig gatewayConfig() {
    return listener()
        .withHeartbeatWrite(lastSeenInterval)
        .withHostRequests(rateLimit("--gateway-host", hostBurst, hostQps))
        .withRequests(rateLimit("--gateway-address", addressBurst, addressQps))
        .withFailures(rateLimit("--gateway-failure", failureBurst, failureQps));
  }

  private GatewayConfig.RateLimit rateLimit(String flags, int burst, double qps) {
    if (burst < 1 || !(qps > 0) || Double.isInfinite(qps)) {
      throw new ParameterException(spec.commandLine(), flags + "-burst must be at least 1 and " + flags
          + "-qps a positive number, got " + burst + " and " + qps);
    }
    return new GatewayConfig.RateLimit(burst, qps);
  }

  /** Either --insecure, or both PEM files: a gateway never serves plain HTTP by accident. */
  private GatewayConfig listener() {
    if (insecure && (tlsCertificate != null || tlsKey != null)) {
      throw new ParameterException(spec.commandLine(), "--insecure serves plain HTTP: leave out --tls-cert and "
          + "--tls-key, or leave out --insecure");
    }
    if (insecure) {
      return GatewayConfig.insecure(gatewayPort);
    }
    if (tlsCertificate == null || tlsKey == null) {
      throw new ParameterException(spec.commandLine(), "the gateway serves TLS: give --tls-cert and --tls-key "
          + "(PEM files, mounted from a Secret), or --insecure for plain HTTP in a demo or a test");
    }
    return GatewayConfig.tls(gatewayPort, tlsCertificate, tlsKey);
  }

  /** The CA agents are told to trust: see {@link GatewayCa}. */
  private Optional<String> gatewayCa(GatewayConfig config) {
    if (gatewayCaFile != null && config.insecure()) {
      throw new ParameterException(spec.commandLine(), "--gateway-ca-file names the CA of the gateway's TLS: "
          + "leave it out with --insecure");
    }
    try {
      Optional<GatewayCa.Named> caFile = gatewayCaFile == null ? Optional.empty()
          : Optional.of(new GatewayCa.Named("--gateway-ca-file " + gatewayCaFile, Files.readString(gatewayCaFile)));
      Optional<String> serving = config.tls().isEmpty() || !Files.isReadable(config.tls().get().certificate())
          ? Optional.empty() : Optional.of(Files.readString(config.tls().get().certificate()));
      return GatewayCa.forAgents(caFile, serving);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Optional<String> agentUrl() {
    if (agentUrl == null || agentUrl.isBlank()) {
      return Optional.empty();
    }
    if (!AGENT_URL.matcher(agentUrl).matches()) {
      throw new ParameterException(spec.commandLine(), "--agent-url must be an http:// or https:// URL, got "
          + agentUrl);
    }
    return Optional.of(agentUrl);
  }

  private Optional<LeaderElection> leaderElection() {
    if (!leaderElection) {
      if (leaderElectionNamespace != null) {
        throw new ParameterException(spec.commandLine(), "--leader-election-namespace needs --leader-election");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(LeaderElection.inNamespace(LeaderElection.leaseNamespace(
          Optional.ofNullable(leaderElectionNamespace), System.getenv())));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The watched namespaces, each a valid namespace name; empty: every namespace. */
  private Set<String> namespaces() {
    Set<String> namespaces = new TreeSet<>();
    for (String given : watchNamespaces) {
      String namespace = given.trim();
      if (namespace.isEmpty()) {
        continue;
      }
      if (!NAMESPACE.matcher(namespace).matches()) {
        throw new ParameterException(spec.commandLine(), "--watch-namespaces: '" + namespace + "' is not a "
            + "namespace name (lower-case letters, digits and '-', at most 63)");
      }
      namespaces.add(namespace);
    }
    return namespaces;
  }
}
