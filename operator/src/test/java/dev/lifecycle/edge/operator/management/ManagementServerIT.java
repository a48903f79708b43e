package dev.lifecycle.edge.operator.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The management endpoints as the kubelet and Prometheus use them, with the operator and the gateway
 * coming up (and going down) behind them.
 */
class ManagementServerIT {

  private static final String NAMESPACE = "mgmt";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private EmbeddedKubernetes api;
  private KubernetesClient operatorClient;
  private PrometheusMeterRegistry meters;
  private OperatorProbes probes;
  private ManagementServer management;
  private EdgeOperator operator;
  private Gateway gateway;

  @BeforeEach
  void start() {
    api = EmbeddedKubernetes.start();
    api.createNamespace(NAMESPACE);
    operatorClient = api.newClient();
    meters = OperatorMeters.prometheus();
    probes = new OperatorProbes();
    management = ManagementServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), probes, meters);
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (operator != null) {
      operator.close();
    }
    management.close();
    operatorClient.close();
    api.close();
  }

  @Test
  @DisplayName("When the operator and the gateway come up, then /readyz answers 503 with the reason until both "
      + "serve, then 200; /healthz answers 200 throughout")
  void readiness() throws Exception {
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/readyz").body()).isEqualTo("not ready: the operator is starting\n");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);

    OperatorServices services = services();
    operator = new EdgeOperator(services).withAllReconcilers();
    probes.operator(operator);
    // The operator's readiness is read in the background: each answer follows within a reading or two.
    awaitReadyz(503, body -> assertThat(body).contains("informers have not synced"));

    operator.start();
    awaitReadyz(503, body -> assertThat(body).isEqualTo("not ready: the gateway is not listening yet\n"));

    gateway = Gateway.start(GatewayConfig.insecure(0).withHost(InetAddress.getLoopbackAddress().getHostAddress()),
        services);
    probes.gateway(gateway);
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ok\n");
    assertThat(ready.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);

    gateway.close();
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/readyz").body()).contains("the gateway is stopped");
    gateway = null;
  }

  @Test
  @DisplayName("When the operator's start is held (the API does not answer its informer's first list of "
      + "EdgeClusters), then /readyz answers 503 at once saying it is starting and /healthz 200; once the list goes "
      + "through, the start completes")
  void probesAnswerWhileTheStartIsHeld() throws Exception {
    CountDownLatch listHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    api.onRequest(request -> {
      if (request.method().equals("GET") && request.target().contains("/edgeclusters")
          && !request.target().contains("watch=") && first.getAndSet(false)) {
        listHeld.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    operator = new EdgeOperator(services()).withAllReconcilers();
    probes.operator(operator);
    CompletableFuture<Void> started = CompletableFuture.runAsync(operator::start);
    try {
      assertThat(listHeld.await(30, TimeUnit.SECONDS)).as("the informer listed EdgeClusters").isTrue();

      HttpResponse<String> ready = http.send(HttpRequest.newBuilder(uri("/readyz")).timeout(Duration.ofSeconds(5))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).startsWith("not ready: the operator is starting");
      assertThat(http.send(HttpRequest.newBuilder(uri("/healthz")).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(started).as("the start is still held").isNotDone();
    } finally {
      release.countDown();
    }
    started.get(60, TimeUnit.SECONDS);
    awaitReadyz(503, body -> assertThat(body).isEqualTo("not ready: the gateway is not listening yet\n"));
  }

  private void awaitReadyz(int status, java.util.function.Consumer<String> body) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      HttpResponse<String> ready = get("/readyz");
      assertThat(ready.statusCode()).isEqualTo(status);
      body.accept(ready.body());
    });
  }

  @Test
  @DisplayName("When the operator has reconciled and the gateway has answered, then /metrics serves "
      + "java-operator-sdk's, the gateway's and the JVM's metrics in the Prometheus text format")
  void metrics() throws Exception {
    OperatorServices services = services();
    operator = new EdgeOperator(services).withAllReconcilers();
    probes.operator(operator);
    operator.start();
    gateway = Gateway.start(GatewayConfig.insecure(0).withHost(InetAddress.getLoopbackAddress().getHostAddress()),
        services);
    probes.gateway(gateway);

    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName("store-0042").withNamespace(NAMESPACE).build());
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("24h");
    token.setSpec(spec);
    api.client().resource(token).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      RegistrationToken read = api.client().resource(token).get();
      return read.getStatus() != null && read.getStatus().getPhase() == RegistrationTokenStatus.Phase.Active;
    });
    HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/register"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"not-a-token\",\"machineId\":\"m-1\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isBetween(400, 499);

    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValue(ManagementServer.PROMETHEUS_TEXT);
    assertThat(metrics.body())
        .containsPattern("(?m)^operator_sdk_reconciliations_started_total\\{.*\\} [1-9]")
        .containsPattern("(?m)^operator_sdk_reconciliations_success_total\\{.*\\} [1-9]")
        .containsPattern("(?m)^edge_gateway_registrations_total\\{outcome=\"refused\"\\} 1\\.0$")
        .containsPattern("(?m)^edge_gateway_requests_seconds_count\\{endpoint=\"/v1/register\",method=\"POST\","
            + "status=\"" + refused.statusCode() + "\"\\} 1$")
        .containsPattern("(?m)^edge_operator_leader 1\\.0$")
        .contains("jvm_memory_used_bytes")
        .doesNotContain("not-a-token");
  }

  @Test
  @DisplayName("When a path is unknown or the method is not GET, then the answer is 404 or 405 with a hint")
  void unknownRequests() throws Exception {
    HttpResponse<String> unknown = get("/nope");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("GET /healthz, /readyz and /metrics");

    HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/healthz"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  @DisplayName("When the server starts, then its connections answer without Nagle's delay (TCP_NODELAY), unless the "
      + "command line chose otherwise")
  void noDelay() {
    assertThat(System.getProperty(ManagementServer.NO_DELAY)).isEqualTo("true");
  }

  private OperatorServices services() {
    return OperatorServices.create(operatorClient, OperatorSettings.defaults("http://127.0.0.1:9443").embedded(),
        Clock.systemUTC(), meters);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + management.port() + path);
  }
}
