package dev.lifecycle.edge.operator.e2e;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import java.net.URI;
import java.time.Duration;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.operator.support.Fixtures;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The fleet the end-to-end tests start from: hosts pre-provisioned as {@code <namespace>-0} ..
 * {@code -N} (machine id = name, so names and roles are known before the machines register in any
 * order), host 0 labelled {@code tier: control-plane}, and a cluster that takes its control plane and
 * its workers by that label.
 */
final class TieredHosts {

  private TieredHosts() {
  }

  /** The name (and machine id) of host {@code i}. */
  static String h(String namespace, int i) {
    return namespace + "-" + i;
  }

  /**
   * The agents of hosts {@code 0 .. hosts-1} (machine ids {@code <namespace>-<i>}), registering with the namespace's
   * token {@code fleet} through the gateway at {@code gatewayUrl}, polling every 100 ms; not built.
   */
  static FleetSimulator.Builder fleet(KubernetesClient client, String namespace, String gatewayUrl, int hosts,
      Duration apply) throws Exception {
    return FleetSimulator.builder(URI.create(gatewayUrl), Fixtures.issuedToken(client, namespace, "fleet"))
        .hosts(hosts).machineIdPrefix(namespace).applyTime(apply).pollInterval(Duration.ofMillis(100));
  }

  /** Pre-provisions {@code count} hosts: host 0 of tier control-plane, the others of tier {@code others}. */
  static void preProvision(KubernetesClient client, String namespace, int count, String others) {
    for (int i = 0; i < count; i++) {
      EdgeHost host = new EdgeHost();
      host.setMetadata(new ObjectMetaBuilder().withName(h(namespace, i)).withNamespace(namespace)
          .withLabels(Map.of("tier", i == 0 ? "control-plane" : others)).build());
      host.setSpec(new EdgeHostSpec(h(namespace, i)));
      client.resource(host).create();
    }
  }

  /**
   * A cluster on {@code profile} whose control plane comes from tier control-plane and whose workers from tier
   * worker, rolling out with {@code maxUnavailable} and a 2m host timeout; not created.
   */
  static EdgeCluster cluster(String namespace, String name, String profile, int controlPlane, int workers,
      int maxUnavailable) {
    EdgeCluster cluster = Fixtures.cluster(namespace, name, profile, controlPlane, workers);
    cluster.getSpec().getControlPlane().setHostSelector(new HostSelector(Map.of("tier", "control-plane")));
    cluster.getSpec().getWorkers().setHostSelector(new HostSelector(Map.of("tier", "worker")));
    UpgradeStrategy strategy = new UpgradeStrategy();
    strategy.setMaxUnavailable(new IntOrString(maxUnavailable));
    strategy.setHostTimeout("2m");
    cluster.getSpec().setUpgradeStrategy(strategy);
    return cluster;
  }
}
