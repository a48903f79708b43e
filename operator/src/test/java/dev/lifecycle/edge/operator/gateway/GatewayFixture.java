package dev.lifecycle.edge.operator.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.cluster.JoinSecrets;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.token.TokenSecrets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The embedded API, the operator with all its reconcilers, and a gateway in front of them, reached
 * through real HTTP; with the steps the gateway tests share.
 */
final class GatewayFixture implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  private final OperatorHarness harness;
  private final MeterRegistry meters;
  private final Gateway gateway;
  private final HttpClient http;
  private final String base;

  private GatewayFixture(OperatorHarness harness, MeterRegistry meters, Gateway gateway, HttpClient http, String base) {
    this.harness = harness;
    this.meters = meters;
    this.gateway = gateway;
    this.http = http;
    this.base = base;
  }

  /** A plain-HTTP gateway on a free loopback port, with the given changes to its configuration. */
  static GatewayFixture start(UnaryOperator<GatewayConfig> config) {
    OperatorHarness harness = OperatorHarness.start();
    harness.startOperatorWithAllReconcilers();
    OperatorServices services = harness.services();
    Gateway gateway = Gateway.start(config.apply(GatewayConfig.insecure(0).withHost("127.0.0.1")), services);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return new GatewayFixture(harness, services.meters(), gateway, http, "http://127.0.0.1:" + gateway.port());
  }

  /**
   * As a replica runs it: the gateway on the services of the operator, which judges hosts by the heartbeats its
   * gateway hears ({@link dev.lifecycle.edge.operator.host.HostLiveness}); with the given settings.
   */
  static GatewayFixture sharingOperator(OperatorSettings settings, UnaryOperator<GatewayConfig> config) {
    OperatorHarness harness = OperatorHarness.start(settings, Clock.systemUTC());
    return sharing(harness, harness.startOperatorWithAllReconcilers().services(), config);
  }

  /** As {@link #sharingOperator}, with only these reconcilers (a test that no other may write). */
  static GatewayFixture sharingOperator(OperatorSettings settings, UnaryOperator<GatewayConfig> config,
      List<Function<OperatorServices, Reconciler<? extends HasMetadata>>> reconcilers) {
    OperatorHarness harness = OperatorHarness.start(settings, Clock.systemUTC());
    return sharing(harness, harness.startOperator(reconcilers).services(), config);
  }

  private static GatewayFixture sharing(OperatorHarness harness, OperatorServices services,
      UnaryOperator<GatewayConfig> config) {
    Gateway gateway = Gateway.start(config.apply(GatewayConfig.insecure(0).withHost("127.0.0.1")), services);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return new GatewayFixture(harness, services.meters(), gateway, http, "http://127.0.0.1:" + gateway.port());
  }

  static GatewayFixture start() {
    return start(config -> config.withFailures(new GatewayConfig.RateLimit(10_000, 1_000))
        .withRequests(new GatewayConfig.RateLimit(10_000, 1_000))
        .withHostRequests(new GatewayConfig.RateLimit(10_000, 1_000)));
  }

  KubernetesClient client() {
    return harness.client();
  }

  /** The API and the operator behind the gateway (to restart the operator). */
  OperatorHarness harness() {
    return harness;
  }

  Gateway gateway() {
    return gateway;
  }

  /** The registry the gateway records its metrics in. */
  MeterRegistry meters() {
    return meters;
  }

  String newNamespace(String prefix) {
    return harness.newNamespace(prefix);
  }

  /** Creates a token and returns its value once the gateway knows it. */
  String token(String namespace, String name, RegistrationTokenSpec spec) {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    token.setSpec(spec);
    client().resource(token).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> tokenValue(namespace, name).isPresent()
        && gateway.caches().tokenFor(tokenValue(namespace, name).get()).isPresent());
    return tokenValue(namespace, name).orElseThrow();
  }

  /**
   * The join secret of a cluster the test plans hosts of by hand, made as the operator makes it (without
   * the cluster), once the gateway's cache holds it: plans of that cluster are answered with it.
   */
  void joinSecret(String namespace, String cluster) {
    EdgeCluster owner = new EdgeCluster();
    owner.setMetadata(new ObjectMetaBuilder().withName(cluster).withNamespace(namespace)
        .withUid("uid-of-" + cluster).build());
    client().resource(JoinSecrets.create(owner, "join-secret-of-" + cluster)).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> gateway.caches().joinSecrets().of(namespace, cluster)
        .isPresent());
  }

  static RegistrationTokenSpec spec(Integer maxRegistrations, Map<String, String> hostLabels) {
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("24h");
    spec.setMaxRegistrations(maxRegistrations);
    spec.setHostLabels(new LinkedHashMap<>(hostLabels));
    return spec;
  }

  Optional<String> tokenValue(String namespace, String name) {
    Secret secret = client().secrets().inNamespace(namespace).withName(name).get();
    return secret == null ? Optional.empty() : TokenSecrets.tokenOf(secret);
  }

  /** An agent's registration, answered. */
  record Registered(int status, String namespace, String host, String credential) {
  }

  Registered register(String token, String machineId, String hostname) {
    return register(registration(token, machineId, hostname));
  }

  Registered register(String body) {
    return register(body, Map.of());
  }

  /** A registration with more headers (a host credential that proves the agent holds its host). */
  Registered register(String body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    HttpResponse<String> response = post("/v1/register", body, all);
    JsonNode answer = parse(response.body());
    return new Registered(response.statusCode(), answer.path("namespace").asText(null),
        answer.path("host").asText(null), answer.path("credential").asText(null));
  }

  static String registration(String token, String machineId, String hostname) {
    return "{\"token\":\"" + token + "\",\"machineId\":\"" + machineId + "\",\"hostname\":\"" + hostname + "\","
        + "\"inventory\":{\"arch\":\"amd64\",\"cpuCores\":4,\"memoryBytes\":8589934592,"
        + "\"nics\":[{\"name\":\"eth0\",\"addresses\":[\"" + Fixtures.address(machineId) + "/24\"]}]},"
        + "\"site\":{\"hostname\":\"" + hostname + "\",\"ntpServers\":[\"192.168.42.1\"]},\"labels\":{\"rack\":\"a\"}}";
  }

  HttpResponse<String> post(String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  HttpResponse<String> get(String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    headers.forEach(request::header);
    return send(request);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> bearer(String credential) {
    return Map.of("Authorization", "Bearer " + credential);
  }

  /** The answer is the error of the gateway's contract: status, code, and a message that says enough. */
  static void assertError(HttpResponse<String> response, int status, String code, String messagePart) {
    JsonNode body = parse(response.body());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(body.path("error").asText()).isEqualTo(code);
    assertThat(body.path("message").asText()).contains(messagePart);
  }

  static JsonNode parse(String body) {
    try {
      return body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }

  EdgeHost host(String namespace, String name) {
    return client().resources(EdgeHost.class).inNamespace(namespace).withName(name).get();
  }

  /** Every EdgeHost and RegistrationToken of the namespace, by kind/name, with its resourceVersion. */
  Map<String, String> versions(String namespace) {
    Map<String, String> versions = new TreeMap<>();
    Stream.concat(client().resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream(),
            client().resources(RegistrationToken.class).inNamespace(namespace).list().getItems().stream())
        .map(HasMetadata.class::cast)
        .forEach(r -> versions.put(r.getKind() + "/" + r.getMetadata().getName(),
            r.getMetadata().getResourceVersion()));
    return versions;
  }

  @Override
  public void close() {
    gateway.close();
    harness.close();
  }
}
