package dev.lifecycle.edge.site.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.token.TokenSecrets;
import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.testing.SiteApiHarness;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.Interceptor.RequestTags;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LinkTokensTest {

  private static EmbeddedKubernetes kubernetes;
  private static KubernetesClient operator;
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  @BeforeAll
  static void startApi() {
    kubernetes = EmbeddedKubernetes.start();
    operator = kubernetes.newClient("racing-operator");
  }

  @AfterAll
  static void stopApi() {
    operator.close();
    kubernetes.close();
  }

  private static String namespace() {
    String namespace = "link-tokens-" + NAMESPACES.incrementAndGet();
    kubernetes.createNamespace(namespace);
    return namespace;
  }

  private static LinkTokens links(String namespace, LinkTokens.TokenAcceptance gateway, Duration wait) {
    return new LinkTokens(kubernetes.client(), namespace, "store-0042", SiteApiHarness.CONTROLLER,
        SiteApiHarness.FINGERPRINT, Clock.systemUTC(), gateway, wait);
  }

  @Test
  @DisplayName("When the operator writes the token's Secret first, then the link carries the value the operator wrote (it was a 500 before)")
  void operatorsSecretWins() {
    String namespace = namespace();
    AtomicBoolean raced = new AtomicBoolean();
    // sent just before the site's own Secret create: the operator's lands first
    Interceptor operatorFirst = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (request.method().equals("POST") && request.uri().getPath().equals("/api/v1/namespaces/" + namespace
            + "/secrets") && raced.compareAndSet(false, true)) {
          RegistrationToken token = operator.resources(RegistrationToken.class).inNamespace(namespace).list()
              .getItems().get(0);
          operator.resource(TokenSecrets.create(token, "value-the-operator-made", "#cloud-config\n")).create();
        }
      }
    };
    LinkTokens.Created created;
    try (KubernetesClient site = new KubernetesClientBuilder().withConfig(kubernetes.client().getConfiguration())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("operator-first", operatorFirst))
        .build()) {
      created = new LinkTokens(site, namespace, "store-0042", SiteApiHarness.CONTROLLER,
          SiteApiHarness.FINGERPRINT, Clock.systemUTC(), value -> true, Duration.ofSeconds(5)).create("admin");
    }

    assertThat(raced).isTrue();
    assertThat(created.token().token()).isEqualTo("value-the-operator-made");
    Secret secret = kubernetes.client().secrets().inNamespace(namespace).withName(created.link().name()).get();
    assertThat(TokenSecrets.tokenOf(secret)).contains("value-the-operator-made");
  }

  @Test
  @DisplayName("When a link is created, then it is answered only after the gateway accepts its very value")
  void answeredOnceTheGatewayAcceptsIt() {
    String namespace = namespace();
    List<String> asked = new CopyOnWriteArrayList<>();
    LinkTokens.TokenAcceptance gateway = value -> {
      asked.add(value);
      return asked.size() >= 3;
    };

    LinkTokens.Created created = links(namespace, gateway, Duration.ofSeconds(30)).create("admin");

    assertThat(asked).hasSize(3).containsOnly(created.token().token());
  }

  @Test
  @DisplayName("When the gateway never accepts a new link, then the create fails with 503 in words and the link is revoked, so no host can use a token nobody holds")
  void gatewayThatNeverAcceptsRevokesTheLink() {
    String namespace = namespace();
    LinkTokens links = links(namespace, value -> false, Duration.ofMillis(300));

    assertThatThrownBy(() -> links.create("admin"))
        .isInstanceOfSatisfying(ApiProblem.class, problem -> assertThat(problem.status()).isEqualTo(503))
        .hasMessageContaining("did not take it within")
        .hasMessageContaining("ask for a new one");
    List<RegistrationToken> tokens = kubernetes.client().resources(RegistrationToken.class).inNamespace(namespace)
        .list().getItems();
    assertThat(tokens).singleElement().satisfies(token -> assertThat(token.getSpec().isRevoked()).isTrue());
    assertThat(links.usable()).isEmpty();
  }
}
