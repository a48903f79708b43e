package dev.lifecycle.edge.operator.support;

import dev.lifecycle.edge.operator.cluster.EdgeClusterReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The setup of the cluster reconciler's ITs, to extend: the API with an operator running only the
 * EdgeClusterReconciler for the test class, and per test a fresh namespace whose hosts' agents are
 * simulated on the API.
 */
public abstract class ClusterReconcilerFixture {

  /** The labels of the hosts of the one site the tests form clusters at. */
  protected static final Map<String, String> SITE = Map.of("site", "store-0042");

  @RegisterExtension
  protected static final OperatorHarness harness = OperatorHarness.perTestClass(List.of(EdgeClusterReconciler::new));

  private final String namespacePrefix;
  protected KubernetesClient client;
  protected String namespace;
  protected SimulatedAgents agents;

  protected ClusterReconcilerFixture(String namespacePrefix) {
    this.namespacePrefix = namespacePrefix;
  }

  @BeforeEach
  void namespace() {
    client = harness.client();
    namespace = harness.newNamespace(namespacePrefix);
    agents = new SimulatedAgents(client, namespace).start();
  }

  @AfterEach
  void stopAgents() {
    agents.close();
  }
}
