package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterVariable;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.api.v1alpha1.VariableType;
import dev.lifecycle.edge.operator.gateway.GatewayFixture.Registered;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A sensitive variable's value as the gateway serves it: substituted into the plan a host fetches with its
 * own credential, from the labelled Secret of the host's namespace; refused with a 503 naming the variable
 * (never the value) once that Secret is out of reach, while the cluster is Stalled naming it; and a literal
 * given for a sensitive variable is refused.
 */
class GatewayVariablesIT {

  private static final String PASSWORD = "pw-gateway-5e1f0c";
  private static GatewayFixture fixture;

  @BeforeAll
  static void start() {
    fixture = GatewayFixture.start();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  @DisplayName("When a host fetches its plan, then the Secret's value is in the answer only; without the Secret "
      + "the gateway answers 503 VariableSecretUnavailable and the cluster is Stalled naming the variable")
  void sensitiveValueServedByTheGatewayOnly() {
    String ns = fixture.newNamespace("gwvars");
    String token = fixture.token(ns, "wave-1", GatewayFixture.spec(null, Map.of()));
    Registered host = fixture.register(token, "m-vars-cp", "store-cp");
    ClusterProfile profile = Fixtures.profile(ns, "edge-1.0.0", "1.0.0");
    ProfileVariable password = new ProfileVariable("dbPassword", VariableType.STRING);
    password.setSensitive(true);
    password.setRequired(true);
    profile.getSpec().setVariables(new ArrayList<>(List.of(password)));
    k3s(profile.getSpec().getLayers()).setValues(Map.of("datastore", "postgres://app:${vars.dbPassword}@db"));
    fixture.client().resource(profile).create();
    fixture.client().resource(new SecretBuilder().withNewMetadata().withName("store-secrets").withNamespace(ns)
        .withLabels(Map.of(VariableSecrets.LABEL, "true")).endMetadata()
        .withData(Map.of("dbPassword", Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8))))
        .build()).create();
    EdgeCluster cluster = Fixtures.cluster(ns, "store", "edge-1.0.0", 1, 0);
    cluster.getSpec().getControlPlane().setHostSelector(new HostSelector(Map.of("rack", "a")));
    cluster.getSpec().setVariables(new ArrayList<>(List.of(new ClusterVariable("dbPassword",
        new SecretKeyReference("store-secrets", "dbPassword")))));
    fixture.client().resource(cluster).create();

    JsonNode plan = await().atMost(Duration.ofSeconds(15)).until(() -> {
      HttpResponse<String> answer = fixture.get("/v1/plan", GatewayFixture.bearer(host.credential()));
      return answer.statusCode() == 200 ? GatewayFixture.parse(answer.body()) : null;
    }, p -> p != null);
    assertThat(layer(plan, "k3s").path("values").path("datastore").asText())
        .isEqualTo("postgres://app:" + PASSWORD + "@db");
    assertThat(plan.has("secretVariables")).as("the references stay with the operator").isFalse();
    EdgeHost stored = fixture.client().resources(EdgeHost.class).inNamespace(ns).withName(host.host()).get();
    assertThat(k3s(stored.getStatus().getPlan().getLayers()).getValues())
        .containsEntry("datastore", "postgres://app:${vars.dbPassword}@db");
    assertThat(fixture.client().getKubernetesSerialization().asYaml(stored)).doesNotContain(PASSWORD);

    // The Secret loses its label: neither the gateway nor the operator reads it any more.
    fixture.client().secrets().inNamespace(ns).withName("store-secrets")
        .edit(s -> new SecretBuilder(s).editMetadata().removeFromLabels(VariableSecrets.LABEL).endMetadata().build());
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      HttpResponse<String> refused = fixture.get("/v1/plan", GatewayFixture.bearer(host.credential()));
      GatewayFixture.assertError(refused, 503, "VariableSecretUnavailable", "dbPassword");
      assertThat(refused.body()).contains("store-secrets").doesNotContain(PASSWORD);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    });
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      Condition stalled = stalled(ns);
      assertThat(stalled.getReason()).isEqualTo("VariableSecretMissing");
      assertThat(stalled.getMessage()).contains("dbPassword", "store-secrets", "lacks the label " + VariableSecrets.LABEL);
    });

    // A literal for a sensitive variable: refused, and never quoted back.
    Fixtures.patchClusterSpec(fixture.client(), ns, "store",
        "{\"variables\":[{\"name\":\"dbPassword\",\"value\":\"typed-by-mistake\"}]}");
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      Condition stalled = stalled(ns);
      assertThat(stalled.getReason()).isEqualTo("SensitiveVariableLiteral");
      assertThat(stalled.getMessage()).contains("dbPassword", "valueFrom.secretKeyRef").doesNotContain("typed-by-mistake");
    });
  }

  private static Condition stalled(String ns) {
    EdgeCluster cluster = fixture.client().resources(EdgeCluster.class).inNamespace(ns).withName("store").get();
    Condition stalled = cluster.getStatus().condition("Stalled").orElseThrow();
    assertThat(stalled.getStatus().name()).isEqualTo("True");
    return stalled;
  }

  private static JsonNode layer(JsonNode plan, String name) {
    for (JsonNode layer : plan.path("layers")) {
      if (name.equals(layer.path("name").asText())) {
        return layer;
      }
    }
    throw new AssertionError("no layer " + name + " in " + plan);
  }

  private static ProfileLayer k3s(List<ProfileLayer> layers) {
    return layers.stream().filter(l -> l.getName().equals("k3s")).findFirst().orElseThrow();
  }
}
