package dev.lifecycle.edge.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  @Override
  public Integer call() throws InterruptedException {
    OperatorSettings settings = OperatorSettings.defaults(gatewayUrl).withHeartbeat(heartbeatInterval);
    KubernetesClient client = new KubernetesClientBuilder().build();
    LOG.info("reconciling against {} (gateway URL for agents: {})", client.getMasterUrl(), gatewayUrl);
    EdgeOperator operator = new EdgeOperator(OperatorServices.create(client, settings, Clock.systemUTC()))
        .withAllReconcilers();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      operator.close();
      client.close();
      stopped.countDown();
    }, "shutdown"));
    operator.start();
    stopped.await();
    return 0;
  }
}
