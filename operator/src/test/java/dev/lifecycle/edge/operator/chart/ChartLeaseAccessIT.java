package dev.lifecycle.edge.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.operator.chart.RbacGrants.Grant;
import dev.lifecycle.edge.operator.rbac.ApiAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * java-operator-sdk checks, before it runs for leader, that a SelfSubjectRulesReview in the Lease's
 * namespace shows create, update and get on leases; without them the operator refuses to start. Here
 * the operator's own pre-flight check runs against an API that answers the review with exactly what the
 * chart's rendered RBAC gives the ServiceAccount there, the way the API server would.
 */
class ChartLeaseAccessIT {

  /** The mock server logs every request at INFO through java.util.logging; held: JUL keeps loggers weakly. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
  private static final String IDENTITY = "edge-operator-0";

  @Test
  @DisplayName("When replicas is 3, then java-operator-sdk's own Lease access check passes on the chart's RBAC, "
      + "and the operator wins the Lease edge-operator-lock in the release namespace")
  void highAvailabilityPassesTheCheck() {
    RenderedChart chart = HelmChart.withDefaults().set("replicas", 3).render();
    try (Api api = new Api(chart)) {
      AtomicBoolean leading = new AtomicBoolean();
      Operator operator = api.operator(leading);
      try {
        operator.start();
        await().atMost(Duration.ofSeconds(10)).untilTrue(leading);
        Lease lease = api.client().resources(Lease.class).inNamespace(HelmChart.NAMESPACE)
            .withName(ApiAccess.LEASE_NAME).get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(IDENTITY);
      } finally {
        operator.stop();
      }
    }
  }

  @Test
  @DisplayName("When one replica runs (no Lease access in the chart), then the same check refuses leader election, "
      + "naming the missing verbs: the check can fail")
  void withoutTheLeaseRoleTheCheckFails() {
    RenderedChart chart = HelmChart.withDefaults().render();
    try (Api api = new Api(chart)) {
      Operator operator = api.operator(new AtomicBoolean());
      assertThatThrownBy(operator::start).rootCause()
          .hasMessageContaining("No permission to lease resource")
          .hasMessageContaining("create").hasMessageContaining("update").hasMessageContaining("get");
      operator.stop();
    }
  }

  /** An API whose rules reviews answer with what the chart grants the operator's ServiceAccount. */
  private static final class Api implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    Api(RenderedChart chart) {
      MOCK_LOG.setLevel(Level.WARNING);
      Set<Grant> grants = RbacGrants.granted(chart, HelmChart.RELEASE, HelmChart.NAMESPACE);
      server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
          new RulesReviewDispatcher(namespace -> rulesIn(grants, namespace)), false);
      server.start(InetAddress.getLoopbackAddress(), 0);
      client = server.createClient();
    }

    KubernetesClient client() {
      return client;
    }

    /** An operator with one reconciler that does nothing, electing its leader as the chart runs it. */
    Operator operator(AtomicBoolean leading) {
      Operator operator = new Operator(o -> o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withInformerStoppedHandler((informer, cause) -> { })
          .withReconciliationTerminationTimeout(Duration.ofSeconds(1))
          .withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder
              .aLeaderElectionConfiguration(ApiAccess.LEASE_NAME)
              .withLeaseNamespace(HelmChart.NAMESPACE)
              .withIdentity(IDENTITY)
              .withExitOnStopLeading(false)
              .withLeaderCallbacks(new LeaderCallbacks(() -> leading.set(true), () -> leading.set(false), l -> { }))
              .build()));
      operator.register(new IdleReconciler());
      return operator;
    }

    @Override
    public void close() {
      client.close();
      server.destroy();
    }

    /** The review's answer: every grant of that namespace or of every namespace, one rule each. */
    private static List<ResourceRule> rulesIn(Set<Grant> grants, String namespace) {
      return grants.stream()
          .filter(g -> g.namespace().equals(namespace) || g.namespace().equals(RbacGrants.EVERY_NAMESPACE))
          .map(g -> new ResourceRuleBuilder().withApiGroups(g.group()).withResources(g.resource())
              .withVerbs(g.verb())
              .withResourceNames(g.resourceName().isEmpty() ? List.of() : List.of(g.resourceName()))
              .build())
          .toList();
    }
  }

  /** The operator needs a controller to start; this one watches ConfigMaps and does nothing. */
  private static final class IdleReconciler implements Reconciler<ConfigMap> {

    @Override
    public UpdateControl<ConfigMap> reconcile(ConfigMap resource, Context<ConfigMap> context) {
      return UpdateControl.noUpdate();
    }
  }
}
