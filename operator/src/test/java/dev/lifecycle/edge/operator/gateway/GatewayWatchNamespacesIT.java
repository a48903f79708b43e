package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code run --watch-namespaces} as the gateway applies it: tokens of other namespaces register nothing. */
class GatewayWatchNamespacesIT {

  private static final String WATCHED = "store-a";
  private static final String ELSEWHERE = "elsewhere";

  @Test
  @DisplayName("When the gateway watches some namespaces, then a valid token of another namespace is refused as "
      + "unknown and creates no host, while a token of a watched namespace registers")
  void tokensOfOtherNamespacesAreUnknown() throws Exception {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      api.createNamespace(WATCHED);
      api.createNamespace(ELSEWHERE);
      OperatorSettings everywhere = OperatorSettings.defaults("http://127.0.0.1:9443").embedded();
      // Tokens issued in both namespaces first, by an operator that watches every namespace.
      issueTokens(api, everywhere);

      KubernetesClient client = api.newClient();
      OperatorServices services = OperatorServices.create(client, everywhere.withWatchNamespaces(Set.of(WATCHED)),
          Clock.systemUTC());
      try (EdgeOperator operator = new EdgeOperator(services).withAllReconcilers()) {
        operator.start();
        try (Gateway gateway = Gateway.start(GatewayConfig.insecure(0).withHost("127.0.0.1"), services)) {
          HttpResponse<String> refused = register(gateway, tokenOf(api, ELSEWHERE), "m-elsewhere");
          assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
          assertThat(refused.body()).contains("unknown registration token");

          HttpResponse<String> registered = register(gateway, tokenOf(api, WATCHED), "m-watched");
          assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
          assertThat(api.client().resources(EdgeHost.class).inNamespace(WATCHED).list().getItems()).hasSize(1);
          assertThat(api.client().resources(EdgeHost.class).inNamespace(ELSEWHERE).list().getItems()).isEmpty();
        }
      } finally {
        client.close();
      }
    }
  }

  private static void issueTokens(EmbeddedKubernetes api, OperatorSettings settings) {
    KubernetesClient client = api.newClient();
    try (EdgeOperator operator = new EdgeOperator(OperatorServices.create(client, settings, Clock.systemUTC()))
        .withAllReconcilers()) {
      operator.start();
      for (String namespace : Set.of(WATCHED, ELSEWHERE)) {
        RegistrationToken token = new RegistrationToken();
        token.setMetadata(new ObjectMetaBuilder().withName("wave").withNamespace(namespace).build());
        RegistrationTokenSpec spec = new RegistrationTokenSpec();
        spec.setTtl("24h");
        token.setSpec(spec);
        api.client().resource(token).create();
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> Set.of(WATCHED, ELSEWHERE).stream().allMatch(namespace -> {
        RegistrationToken read = api.client().resources(RegistrationToken.class).inNamespace(namespace)
            .withName("wave").get();
        return read.getStatus() != null && read.getStatus().getPhase() == RegistrationTokenStatus.Phase.Active;
      }));
    } finally {
      client.close();
    }
  }

  private static String tokenOf(EmbeddedKubernetes api, String namespace) {
    Secret secret = api.client().secrets().inNamespace(namespace).withName("wave").get();
    return new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> register(Gateway gateway, String token, String machineId) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/register"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(GatewayFixture.registration(token, machineId, machineId)))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
