package dev.lifecycle.edge.operator;

import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
        + "the current kubeconfig context, or the in-cluster service account.")
final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Option(names = "--gateway-url", defaultValue = "https://edge-operator-gateway:9443",
      description = "URL agents reach the gateway at, rendered into installer user-data (default: ${DEFAULT-VALUE}).")
  private String gatewayUrl;

  @Option(names = "--heartbeat-interval", defaultValue = "30s", converter = DurationConverter.class,
      description = "How often agents report; a host is Unreachable after three missed reports (default: "
          + "${DEFAULT-VALUE}).")
  private Duration heartbeatInterval;

  @Option(names = "--gateway-port", defaultValue = "9443",
      description = "Port of the edge gateway, the HTTP API agents register and report through (default: "
          + "${DEFAULT-VALUE}).")
  private int gatewayPort;

  @Option(names = "--tls-cert", description = "PEM certificate (chain) the gateway serves TLS with.")
  private Path tlsCertificate;

  @Option(names = "--tls-key", description = "PEM private key of --tls-cert (PKCS#8 or PKCS#1).")
  private Path tlsKey;

  @Option(names = "--insecure", description = "Serve the gateway over plain HTTP, without TLS: for the demo and "
      + "tests only.")
  private boolean insecure;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    GatewayConfig gatewayConfig = gatewayConfig();
    OperatorSettings settings = OperatorSettings.defaults(gatewayUrl).withHeartbeat(heartbeatInterval);
    KubernetesClient client = new KubernetesClientBuilder().build();
    LOG.info("reconciling against {} (gateway URL for agents: {})", client.getMasterUrl(), gatewayUrl);
    OperatorServices services = OperatorServices.create(client, settings, Clock.systemUTC());
    EdgeOperator operator = new EdgeOperator(services).withAllReconcilers();
    CountDownLatch stopped = new CountDownLatch(1);
    Gateway[] gateway = new Gateway[1];
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      if (gateway[0] != null) {
        gateway[0].close();
      }
      operator.close();
      client.close();
      stopped.countDown();
    }, "shutdown"));
    operator.start();
    try {
      gateway[0] = Gateway.start(gatewayConfig, services);
    } catch (IllegalArgumentException | IllegalStateException e) {
      LOG.error("the gateway cannot start: {}", e.getMessage());
      return 1;
    }
    stopped.await();
    return 0;
  }

  /** Either --insecure, or both PEM files: a gateway never serves plain HTTP by accident. */
  private GatewayConfig gatewayConfig() {
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
}
