package dev.lifecycle.edge.operator.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.token.TokenStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The operator's RBAC, proven by running it: the reconcilers and the gateway, on a client of their own
 * (told apart by its User-Agent), go through a whole lifecycle on the embedded API while every request
 * they make is recorded; each one must be allowed by {@link ApiAccess}, and each access of the list
 * must have been used (but the re-reads that only a conflict causes).
 */
class OperatorApiAccessIT {

  private static final String OPERATOR_AGENT = "edge-operator-under-audit";
  /** Reads that only follow a write conflict or a cache behind the API, which a lifecycle may or may not meet. */
  private static final Set<String> ONLY_ON_CONFLICT = Set.of(
      "get edge.lifecycle.dev/clusterprofiles", "get edge.lifecycle.dev/edgeclusters",
      "get edge.lifecycle.dev/edgehosts");

  @Test
  @DisplayName("When the operator and its gateway run a token, three registrations, a cluster's formation, "
      + "rolling upgrade and deletion and a profile's deletion, then every API request they make is granted by "
      + "ApiAccess, and every access it lists is used")
  void everyRequestIsGranted() throws IOException {
    RequestRecorder recorder = new RequestRecorder(OPERATOR_AGENT);
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      api.onRequest(recorder);
      KubernetesClient operatorClient = new KubernetesClientBuilder().withConfig(
          new ConfigBuilder(api.client().getConfiguration()).withUserAgent(OPERATOR_AGENT).build()).build();
      OperatorServices services = OperatorServices.create(operatorClient,
          OperatorSettings.defaults("http://127.0.0.1:9443").embedded(), Clock.systemUTC());
      try (EdgeOperator operator = new EdgeOperator(services).withAllReconcilers()) {
        operator.start();
        try (Gateway gateway = Gateway.start(GatewayConfig.insecure(0).withHost("127.0.0.1"), services)) {
          runLifecycle(api, URI.create(gateway.url()));
        }
      } finally {
        operatorClient.close();
      }
    }

    List<RequestAttributes> recorded = recorder.recorded();
    assertThat(recorded).as("requests of the operator's client").isNotEmpty();
    assertThat(recorded).allSatisfy(request -> {
      assertThat(request.isResourceRequest()).as("%s is a resource request", request.path()).isTrue();
      assertThat(ApiAccess.allows(AccessScope.WATCHED_NAMESPACES, request.group(), request.resource(),
          request.verb().orElseThrow(), request.name()))
          .as("%s (%s) is granted by ApiAccess", request.describe(), request.path()).isTrue();
    });
    Map<String, Long> used = recorded.stream()
        .collect(Collectors.groupingBy(RequestAttributes::describe, TreeMap::new, Collectors.counting()));
    System.out.println("API calls of the operator and its gateway during the lifecycle:");
    used.forEach((call, count) -> System.out.printf("  %6d  %s%n", count, call));
    Set<String> listed = ApiAccess.ALL.stream()
        .filter(access -> access.scope() == AccessScope.WATCHED_NAMESPACES)
        .flatMap(access -> access.verbs().stream().map(verb -> verb.rbacName() + " "
            + (access.group().isEmpty() ? "" : access.group() + "/") + access.resource()))
        .filter(call -> !ONLY_ON_CONFLICT.contains(call))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(used.keySet()).as("accesses the lifecycle used").containsAll(listed);
  }

  /** Everything a user and three agents do, from a token through formation and an upgrade to a deleted profile. */
  private static void runLifecycle(EmbeddedKubernetes api, URI gateway) throws IOException {
    KubernetesClient client = api.client();
    String namespace = "rbac-audit";
    api.createNamespace(namespace);

    // A Secret of a token's name that someone else owns: the operator reads it and leaves it alone.
    client.resource(new SecretBuilder().withNewMetadata().withName("taken").withNamespace(namespace).endMetadata()
        .addToStringData("note", "not the operator's").build()).create();
    RegistrationToken taken = new RegistrationToken();
    taken.setMetadata(new ObjectMetaBuilder().withName("taken").withNamespace(namespace).build());
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("1h");
    taken.setSpec(spec);
    client.resource(taken).create();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(token(client, namespace, "taken")
        .getStatus().condition("Stalled").orElseThrow().getReason()).isEqualTo(TokenStatusBuilder.SECRET_CONFLICT));

    Fixtures.applySamples(client, namespace);
    String tokenValue = tokenOf(client, namespace, "store-0042");
    // A changed spec.userData re-renders the Secret's user-data (an update).
    String before = userData(client, namespace);
    client.resources(RegistrationToken.class).inNamespace(namespace).withName("store-0042").edit(t -> {
      t.getSpec().getUserData().getNetwork().setNtpServers(List.of("ntp.store-0042.example.com"));
      return t;
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> !userData(client, namespace).equals(before));

    try (FleetSimulator fleet = FleetSimulator.builder(gateway, tokenValue).hosts(3)
        .machineIdPrefix("store-0042").applyTime(Duration.ofMillis(100)).pollInterval(Duration.ofMillis(200))
        .build()) {
      fleet.start();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
          client.resources(EdgeCluster.class).inNamespace(namespace).withName("store-0042").get().getStatus())
          .extracting(EdgeClusterStatus::getPhase).isEqualTo(EdgeClusterStatus.Phase.Running));

      // A rolling upgrade to the next profile version, through to the end.
      client.resources(EdgeCluster.class).inNamespace(namespace).withName("store-0042").edit(c -> {
        c.getSpec().getProfileRef().setName("store-edge-1.1.0");
        return c;
      });
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        EdgeClusterStatus status = client.resources(EdgeCluster.class).inNamespace(namespace).withName("store-0042")
            .get().getStatus();
        assertThat(status.getUpgrade()).isNotNull();
        assertThat(status.getUpgrade().getPhase()).isEqualTo(UpgradeStatus.Phase.Complete);
        assertThat(status.getProfileVersion()).isEqualTo("1.1.0");
      });

      client.resources(EdgeCluster.class).inNamespace(namespace).withName("store-0042").delete();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(client.resources(EdgeCluster.class).inNamespace(namespace).withName("store-0042").get()).isNull();
        assertThat(client.resources(EdgeHost.class).inNamespace(namespace).list().getItems())
            .allSatisfy(h -> assertThat(h.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Available));
      });
    }

    client.resources(ClusterProfile.class).inNamespace(namespace).withName("store-edge-1.0.0").delete();
    await().atMost(Duration.ofSeconds(10)).until(() ->
        client.resources(ClusterProfile.class).inNamespace(namespace).withName("store-edge-1.0.0").get() == null);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(token(client, namespace, "store-0042")
        .getStatus().getRegistrations()).isEqualTo(3));
  }

  private static RegistrationToken token(KubernetesClient client, String namespace, String name) {
    RegistrationToken token = client.resources(RegistrationToken.class).inNamespace(namespace).withName(name).get();
    assertThat(token.getStatus()).isNotNull();
    return token;
  }

  private static String tokenOf(KubernetesClient client, String namespace, String name) {
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      RegistrationToken token = client.resources(RegistrationToken.class).inNamespace(namespace).withName(name).get();
      return token.getStatus() != null && token.getStatus().getPhase() == RegistrationTokenStatus.Phase.Active
          && token.getStatus().getTokenHash() != null;
    });
    return decoded(client.secrets().inNamespace(namespace).withName(name).get(), "token");
  }

  private static String userData(KubernetesClient client, String namespace) {
    return decoded(client.secrets().inNamespace(namespace).withName("store-0042").get(), "user-data");
  }

  private static String decoded(Secret secret, String key) {
    Map<String, String> data = secret.getData();
    return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
  }
}
