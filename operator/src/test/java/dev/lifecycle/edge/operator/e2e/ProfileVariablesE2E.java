package dev.lifecycle.edge.operator.e2e;

import static dev.lifecycle.edge.operator.e2e.TieredHosts.h;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterVariable;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.VariableType;
import dev.lifecycle.edge.operator.support.CapturedOutput;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.RunningGateway;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
import dev.lifecycle.edge.wire.Plan;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Profile variables end to end: simulated agents through the gateway, a cluster of one control-plane host and
 * two workers whose profile declares a store id (literal, in status) and a database password (sensitive, from a
 * Secret, never in status, Events or the log, which operator, gateway and agents share here).
 */
class ProfileVariablesE2E {

  private static final String CLUSTER = "store";
  private static final String SECRET = "store-secrets";
  private static final String FIRST_PASSWORD = "pw-first-7f3a9c0e";
  private static final String SECOND_PASSWORD = "pw-second-41d2b8aa";
  private static final Duration APPLY = Duration.ofMillis(200);

  // Before the gateway: the operator's log lines of the whole class are captured.
  private static final CapturedOutput log = CapturedOutput.start();
  @RegisterExtension
  static final RunningGateway gateway = RunningGateway.withAllReconcilers();
  private static final OperatorHarness harness = gateway.harness();

  @AfterAll
  static void stopCapture() {
    log.close();
  }

  @Test
  @DisplayName("When a cluster gives its variables, then hosts fetch plans with the values, status keeps the "
      + "sensitive one as a reference, a change of the Secret's or a literal value rolls out within the bound, "
      + "and the password never shows in status, Events or the log")
  void variablesReachHostsAndSecretsStayOut() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("vars");
    int mark = log.mark();
    try (FleetSimulator fleet = formedCluster(client, namespace);
        RolloutRecorder recorder = new RolloutRecorder(client, namespace)) {
      EdgeCluster formed = cluster(client, namespace);
      String formedVersion = formed.getStatus().getProfileVersion();
      assertThat(formedVersion).matches("1\\.0\\.0\\+vars\\.[0-9a-f]{16}");

      // What each host fetched: both values substituted, the escape made literal, Helm's own syntax untouched.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> IntStream.range(0, 3).forEach(i -> {
        JsonNode values = k3sValues(fleet, i);
        assertThat(values.get("node-name").asText()).isEqualTo("store-0042");
        assertThat(values.get("datastore").asText()).isEqualTo("postgres://app:" + FIRST_PASSWORD + "@db");
        assertThat(values.get("literal").asText()).isEqualTo("${vars.storeId} {{ .Values.x }}");
        assertThat(values.get("replicas").isInt()).as("a whole reference to a number is a number").isTrue();
      }));
      // What status holds: the literal resolved, the sensitive one a reference with the Secret's name.
      EdgeHost host = client.resources(EdgeHost.class).inNamespace(namespace).withName(h(namespace, 0)).get();
      Map<String, Object> stored = k3s(host.getStatus().getPlan().getLayers()).getValues();
      assertThat(stored).containsEntry("node-name", "store-0042")
          .containsEntry("datastore", "postgres://app:${vars.dbPassword}@db");
      assertThat(host.getStatus().getPlan().getSecretVariables()).singleElement().satisfies(v -> {
        assertThat(v.getName()).isEqualTo("dbPassword");
        assertThat(v.getSecretKeyRef()).isEqualTo(new SecretKeyReference(SECRET, "dbPassword"));
      });

      // The Secret's value changes: a values-only rollout, within maxUnavailable 1, every host moved once.
      recorder.startRecording();
      client.resource(secret(namespace, SECOND_PASSWORD)).update();
      EdgeCluster rolled = awaitComplete(client, namespace, formedVersion);
      UpgradeStatus upgrade = rolled.getStatus().getUpgrade();
      assertThat(upgrade.getFrom()).isEqualTo(formedVersion);
      assertThat(upgrade.getTo()).isEqualTo(rolled.getStatus().getProfileVersion()).isNotEqualTo(formedVersion);
      assertThat(upgrade.getLayers()).singleElement().satisfies(layer -> {
        assertThat(layer.getName()).isEqualTo("k3s");
        assertThat(layer.getChange()).isEqualTo(LayerChange.Change.Changed);
        assertThat(layer.getFromVersion()).isEqualTo(layer.getToVersion());
      });
      assertThat(recorder.moves()).extracting(RolloutRecorder.Move::host).doesNotHaveDuplicates()
          .containsExactly(h(namespace, 0), h(namespace, 1), h(namespace, 2));
      assertThat(recorder.maxOutOfService()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> IntStream.range(0, 3).forEach(i ->
          assertThat(k3sValues(fleet, i).get("datastore").asText()).contains(SECOND_PASSWORD)));

      // A literal value changes: another rollout, the new value in status and in the plans.
      String secondVersion = rolled.getStatus().getProfileVersion();
      setStoreId(client, namespace, "0043");
      awaitComplete(client, namespace, secondVersion);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> IntStream.range(0, 3).forEach(i ->
          assertThat(k3sValues(fleet, i).get("node-name").asText()).isEqualTo("store-0043")));

      // A value failing its pattern: Stalled naming the variable, and no host's plan changes.
      Map<String, Long> generations = planGenerations(client, namespace);
      setStoreId(client, namespace, "43");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        Condition stalled = cluster(client, namespace).getStatus().condition("Stalled").orElseThrow();
        assertThat(stalled.getStatus().name()).isEqualTo("True");
        assertThat(stalled.getReason()).isEqualTo("VariablePatternMismatch");
        assertThat(stalled.getMessage()).contains("storeId", "^[0-9]{4}$");
      });
      assertThat(planGenerations(client, namespace)).isEqualTo(generations);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(client.v1().events().inNamespace(namespace)
          .list().getItems()).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("VariablePatternMismatch")));

      // Nowhere but in its Secret and the plans the gateway served.
      String everything = client.getKubernetesSerialization().asYaml(List.of(
          client.resources(EdgeHost.class).inNamespace(namespace).list(),
          client.resources(EdgeCluster.class).inNamespace(namespace).list(),
          client.resources(ClusterProfile.class).inNamespace(namespace).list(),
          client.v1().events().inNamespace(namespace).list()));
      assertThat(everything).contains("${vars.dbPassword}").doesNotContain(FIRST_PASSWORD)
          .doesNotContain(SECOND_PASSWORD);
      assertThat(log.since(mark)).doesNotContain(FIRST_PASSWORD).doesNotContain(SECOND_PASSWORD);
    }
  }

  /** A profile with variables, a Secret, a token, three pre-provisioned hosts and their agents, a formed cluster. */
  private static FleetSimulator formedCluster(KubernetesClient client, String namespace) throws Exception {
    ClusterProfile profile = Fixtures.profile(namespace, "edge-1.0.0", "1.0.0");
    ProfileVariable storeId = new ProfileVariable("storeId", VariableType.STRING);
    storeId.setRequired(true);
    storeId.setPattern("^[0-9]{4}$");
    ProfileVariable password = new ProfileVariable("dbPassword", VariableType.STRING);
    password.setRequired(true);
    password.setSensitive(true);
    ProfileVariable replicas = new ProfileVariable("replicas", VariableType.NUMBER);
    replicas.setDefaultValue("2");
    profile.getSpec().setVariables(new ArrayList<>(List.of(storeId, password, replicas)));
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("node-name", "store-${vars.storeId}");
    values.put("datastore", "postgres://app:${vars.dbPassword}@db");
    values.put("literal", "$${vars.storeId} {{ .Values.x }}");
    values.put("replicas", "${vars.replicas}");
    k3s(profile.getSpec().getLayers()).setValues(values);
    client.resource(profile).create();
    client.resource(secret(namespace, FIRST_PASSWORD)).create();
    client.resource(Fixtures.token(namespace, "fleet", "1h")).create();
    TieredHosts.preProvision(client, namespace, 3, "worker");
    EdgeCluster cluster = TieredHosts.cluster(namespace, CLUSTER, "edge-1.0.0", 1, 2, 1);
    cluster.getSpec().setVariables(new ArrayList<>(List.of(new ClusterVariable("storeId", "0042"),
        new ClusterVariable("dbPassword", new SecretKeyReference(SECRET, "dbPassword")))));
    client.resource(cluster).create();

    FleetSimulator fleet = TieredHosts.fleet(client, namespace, gateway.url(), 3, APPLY).build();
    fleet.start();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      EdgeCluster formed = cluster(client, namespace);
      assertThat(formed.getStatus()).isNotNull();
      assertThat(formed.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
      assertThat(formed.getStatus().getProfileVersion()).isNotNull();
    });
    return fleet;
  }

  private static Secret secret(String namespace, String password) {
    return new SecretBuilder().withNewMetadata().withName(SECRET).withNamespace(namespace)
        .withLabels(Map.of(VariableSecrets.LABEL, "true")).endMetadata()
        .withData(Map.of("dbPassword", Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  private static void setStoreId(KubernetesClient client, String namespace, String storeId) {
    Fixtures.patchClusterSpec(client, namespace, CLUSTER, "{\"variables\":[{\"name\":\"storeId\",\"value\":\""
        + storeId + "\"},{\"name\":\"dbPassword\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"" + SECRET
        + "\",\"key\":\"dbPassword\"}}}]}");
  }

  private static EdgeCluster awaitComplete(KubernetesClient client, String namespace, String from) {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      UpgradeStatus upgrade = cluster(client, namespace).getStatus().getUpgrade();
      assertThat(upgrade).isNotNull();
      assertThat(upgrade.getFrom()).isEqualTo(from);
      assertThat(upgrade.getPhase()).isEqualTo(UpgradeStatus.Phase.Complete);
    });
    return cluster(client, namespace);
  }

  private static JsonNode k3sValues(FleetSimulator fleet, int host) {
    Plan plan = fleet.lastPlan(host).orElseThrow();
    return plan.layers().stream().filter(l -> "k3s".equals(l.path("name").asText())).findFirst().orElseThrow()
        .path("values");
  }

  private static ProfileLayer k3s(List<ProfileLayer> layers) {
    return layers.stream().filter(l -> l.getName().equals("k3s")).findFirst().orElseThrow();
  }

  private static EdgeCluster cluster(KubernetesClient client, String namespace) {
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
  }

  private static Map<String, Long> planGenerations(KubernetesClient client, String namespace) {
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .collect(Collectors.toMap(h -> h.getMetadata().getName(), h -> h.getStatus().getPlan().getGeneration()));
  }

}
