package dev.lifecycle.edge.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code run --watch-namespaces}: the operator reconciles in the namespaces it is given, and nowhere else. */
class WatchNamespacesIT {

  @Test
  @DisplayName("When the operator watches some namespaces, then it reconciles their resources and leaves those of "
      + "other namespaces untouched (no status, no Secret)")
  void ignoresUnwatchedNamespaces() {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      api.createNamespace("store-a");
      api.createNamespace("store-b");
      api.createNamespace("elsewhere");
      KubernetesClient client = api.newClient();
      OperatorSettings settings = OperatorSettings.defaults("http://127.0.0.1:9443").embedded()
          .withWatchNamespaces(Set.of("store-a", "store-b"));
      try (EdgeOperator operator = new EdgeOperator(OperatorServices.create(client, settings, Clock.systemUTC()))
          .withAllReconcilers()) {
        operator.start();
        // The unwatched one first: by the time the watched ones are reconciled, it would have been too.
        RegistrationToken ignored = api.client().resource(token("elsewhere")).create();
        RegistrationToken first = api.client().resource(token("store-a")).create();
        RegistrationToken second = api.client().resource(token("store-b")).create();

        await().atMost(Duration.ofSeconds(20)).until(() -> active(api, first) && active(api, second));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
            api.client().resource(ignored).get().getStatus() == null);
        assertThat(api.client().secrets().inNamespace("elsewhere").withName("store").get()).isNull();
        assertThat(api.client().secrets().inNamespace("store-a").withName("store").get()).isNotNull();
      } finally {
        client.close();
      }
    }
  }

  private static boolean active(EmbeddedKubernetes api, RegistrationToken token) {
    RegistrationToken read = api.client().resource(token).get();
    return read.getStatus() != null && read.getStatus().getPhase() == RegistrationTokenStatus.Phase.Active;
  }

  private static RegistrationToken token(String namespace) {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName("store").withNamespace(namespace).build());
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("24h");
    token.setSpec(spec);
    return token;
  }
}
