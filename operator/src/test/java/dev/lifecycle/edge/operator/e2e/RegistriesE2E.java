package dev.lifecycle.edge.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistry;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistrySpec;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistryStatus;
import dev.lifecycle.edge.api.v1alpha1.InstallerUserData;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ObjectNameReference;
import dev.lifecycle.edge.api.v1alpha1.PlanRegistries;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistryCa;
import dev.lifecycle.edge.api.v1alpha1.RegistryRule;
import dev.lifecycle.edge.operator.support.CapturedOutput;
import dev.lifecycle.edge.operator.support.Fixtures;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.RunningGateway;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
import dev.lifecycle.edge.wire.Plan;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A private registry end to end: simulated agents through the gateway, a cluster of one control-plane host and two
 * workers that names an ImageRegistry with credentials and a CA. The hosts' plans name the mapped images and carry
 * the mirrors and the credentials; status, Events and the log (operator, gateway and agents share it here) never
 * hold the password; a malformed Secret stalls the cluster and changes no plan.
 */
class RegistriesE2E {

  private static final String CLUSTER = "store";
  private static final String REGISTRY = "site-registry";
  private static final String CREDENTIALS = "site-registry-credentials";
  private static final String HOST = "registry.site.local:5000";
  private static final String PASSWORD = "reg-pw-9c1e55d0a7";

  private static final CapturedOutput log = CapturedOutput.start();
  @RegisterExtension
  static final RunningGateway gateway = RunningGateway.withAllReconcilers();
  private static final OperatorHarness harness = gateway.harness();

  @AfterAll
  static void stopCapture() {
    log.close();
  }

  @Test
  @DisplayName("When a cluster names an ImageRegistry, then hosts fetch plans with mapped images, mirrors, CA and "
      + "credentials, status keeps only the Secret's name, the token's user-data carries the registry, a malformed "
      + "Secret stalls the cluster without touching a plan, and the password never shows in status, Events or the log")
  void registryReachesHostsAndCredentialsStayOut() throws Exception {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("registries");
    int mark = log.mark();
    String ca = caPem();
    try (FleetSimulator fleet = formedCluster(client, namespace, ca)) {
      // What each agent fetched: images and the oci:// chart mapped, the mirrors with rewrites, CA and credentials.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> IntStream.range(0, 3).forEach(i -> {
        Plan plan = fleet.lastPlan(i).orElseThrow();
        assertThat(layer(plan, "k3s").path("image").asText()).isEqualTo(HOST + "/mirror/edge/k3s:v1.30.4");
        assertThat(layer(plan, "edge-os").path("image").asText()).isEqualTo(HOST + "/mirror/edge/os:1.4.0");
        assertThat(layer(plan, "ingress").path("chart").path("repository").asText())
            .isEqualTo("oci://" + HOST + "/mirror/charts");
        assertThat(layer(plan, "cilium").path("chart").path("repository").asText()).isEqualTo("https://helm.cilium.io");
        Plan.Registries registries = plan.registries();
        assertThat(registries.mirrors().get("registry.example.com").endpoint()).containsExactly("https://" + HOST);
        assertThat(registries.mirrors().get("registry.example.com").rewrite()).containsEntry("^(.*)$", "mirror/$1");
        assertThat(registries.configs().get(HOST).auth().username()).isEqualTo("puller");
        assertThat(registries.configs().get(HOST).auth().password()).isEqualTo(PASSWORD);
        assertThat(registries.configs().get(HOST).caPem()).isEqualTo(ca);
      }));
      // What status holds: the mapped images and the Secret's name, never its values.
      EdgeHost host = client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().get(0);
      PlanRegistries stored = host.getStatus().getPlan().getRegistries();
      assertThat(stored.getConfigs().get(HOST).getCredentialsSecret()).isEqualTo(CREDENTIALS);
      assertThat(stored.getConfigs().get(HOST).getCaPem()).isEqualTo(ca);
      assertThat(client.resources(ImageRegistry.class).inNamespace(namespace).withName(REGISTRY).get().getStatus()
          .getPhase()).isEqualTo(ImageRegistryStatus.Phase.Ready);
      // The token's user-data (a Secret, like the token it holds) carries the registry.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        Secret tokenSecret = client.secrets().inNamespace(namespace).withName("fleet").get();
        String userData = new String(Base64.getDecoder().decode(tokenSecret.getData().get("user-data")),
            StandardCharsets.UTF_8);
        assertThat(userData).contains("registry:", "endpoint: \"https://" + HOST + "\"", PASSWORD,
            "from: \"registry.example.com/*\"");
      });

      // The Secret loses its password: the registry and the cluster are Stalled, and no host's plan changes.
      Map<String, Long> generations = planGenerations(client, namespace);
      client.resource(credentials(namespace, null)).update();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        Condition stalled = cluster(client, namespace).getStatus().condition("Stalled").orElseThrow();
        assertThat(stalled.getStatus().name()).isEqualTo("True");
        assertThat(stalled.getReason()).isEqualTo("RegistryCredentialsInvalid");
        assertThat(stalled.getMessage()).contains(REGISTRY, CREDENTIALS, "username and password");
        ImageRegistry registry = client.resources(ImageRegistry.class).inNamespace(namespace).withName(REGISTRY).get();
        assertThat(registry.getStatus().getPhase()).isEqualTo(ImageRegistryStatus.Phase.Invalid);
        assertThat(client.resources(RegistrationToken.class).inNamespace(namespace).withName("fleet").get()
            .getStatus().condition("Stalled").orElseThrow().getReason()).isEqualTo("RegistryCredentialsInvalid");
      });
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(client.v1().events().inNamespace(namespace)
          .list().getItems()).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("RegistryCredentialsInvalid");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("EdgeCluster");
          }));
      assertThat(planGenerations(client, namespace)).isEqualTo(generations);

      // Nowhere but in its Secret, the token's user-data and the plans the gateway served.
      String everything = client.getKubernetesSerialization().asYaml(List.of(
          client.resources(EdgeHost.class).inNamespace(namespace).list(),
          client.resources(EdgeCluster.class).inNamespace(namespace).list(),
          client.resources(ImageRegistry.class).inNamespace(namespace).list(),
          client.resources(RegistrationToken.class).inNamespace(namespace).list(),
          client.v1().events().inNamespace(namespace).list()));
      assertThat(everything).contains(CREDENTIALS).doesNotContain(PASSWORD);
      assertThat(log.since(mark)).contains(namespace).doesNotContain(PASSWORD);
    }
  }

  @Test
  @DisplayName("When a cluster and a token name an ImageRegistry that does not exist, then both are Stalled with "
      + "RegistryNotFound naming it and the token gets no Secret; once the registry exists, both go on by themselves")
  void missingRegistryHoldsTheCluster() {
    KubernetesClient client = harness.client();
    String namespace = harness.newNamespace("registry-missing");
    RegistrationToken token = Fixtures.token(namespace, "held", "1h");
    InstallerUserData userData = new InstallerUserData();
    userData.setRegistryRef(new ObjectNameReference(REGISTRY));
    token.getSpec().setUserData(userData);
    client.resource(token).create();
    client.resource(Fixtures.profile(namespace, "edge-1.0.0", "1.0.0")).create();
    EdgeCluster cluster = TieredHosts.cluster(namespace, CLUSTER, "edge-1.0.0", 1, 0, 1);
    cluster.getSpec().setRegistryRef(new ObjectNameReference(REGISTRY));
    client.resource(cluster).create();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      EdgeCluster held = cluster(client, namespace);
      assertThat(held.getStatus()).isNotNull();
      Condition stalled = held.getStatus().condition("Stalled").orElseThrow();
      assertThat(stalled.getReason()).isEqualTo("RegistryNotFound");
      assertThat(stalled.getMessage()).contains("ImageRegistry " + REGISTRY, namespace);
      RegistrationToken heldToken = client.resources(RegistrationToken.class).inNamespace(namespace).withName("held")
          .get();
      assertThat(heldToken.getStatus()).isNotNull();
      assertThat(heldToken.getStatus().condition("Stalled").map(Condition::getReason)).contains("RegistryNotFound");
      assertThat(heldToken.getStatus().getTokenHash()).isNull();
    });
    assertThat(client.secrets().inNamespace(namespace).withName("held").get()).isNull();

    client.resource(registry(namespace, null, false)).create();
    // The registry's creation wakes the cluster: it goes on to wait for hosts (none has an agent here).
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Condition ready = cluster(client, namespace).getStatus().condition("Ready").orElseThrow();
      assertThat(ready.getReason()).isNotEqualTo("RegistryNotFound");
      assertThat(cluster(client, namespace).getStatus().condition("Stalled").map(Condition::getReason))
          .isNotEqualTo(java.util.Optional.of("RegistryNotFound"));
    });
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Secret issued = client.secrets().inNamespace(namespace).withName("held").get();
      assertThat(issued).isNotNull();
      assertThat(new String(Base64.getDecoder().decode(issued.getData().get("user-data")), StandardCharsets.UTF_8))
          .contains("endpoint: \"https://" + HOST + "\"");
    });
  }

  /** A profile with an oci:// chart, the registry and its Secret, a token naming it, three hosts and their agents. */
  private static FleetSimulator formedCluster(KubernetesClient client, String namespace, String ca) throws Exception {
    ClusterProfile profile = Fixtures.profile(namespace, "edge-1.0.0", "1.0.0");
    ProfileLayer ingress = new ProfileLayer("ingress", LayerType.ADDON, "4.10.0");
    ingress.setChart(new ChartReference("oci://registry.example.com/charts", "ingress-nginx"));
    List<ProfileLayer> layers = new ArrayList<>(profile.getSpec().getLayers());
    layers.add(ingress);
    profile.getSpec().setLayers(layers);
    client.resource(profile).create();
    client.resource(credentials(namespace, PASSWORD)).create();
    client.resource(registry(namespace, ca, true)).create();
    RegistrationToken token = Fixtures.token(namespace, "fleet", "1h");
    InstallerUserData userData = new InstallerUserData();
    userData.setRegistryRef(new ObjectNameReference(REGISTRY));
    token.getSpec().setUserData(userData);
    client.resource(token).create();
    TieredHosts.preProvision(client, namespace, 3, "worker");
    EdgeCluster cluster = TieredHosts.cluster(namespace, CLUSTER, "edge-1.0.0", 1, 2, 1);
    cluster.getSpec().setRegistryRef(new ObjectNameReference(REGISTRY));
    client.resource(cluster).create();

    FleetSimulator fleet = FleetSimulator.builder(URI.create(gateway.url()),
            Fixtures.issuedToken(client, namespace, "fleet"))
        .hosts(3).machineIdPrefix(namespace).applyTime(Duration.ofMillis(200)).pollInterval(Duration.ofMillis(100))
        .build();
    fleet.start();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      EdgeCluster formed = cluster(client, namespace);
      assertThat(formed.getStatus()).isNotNull();
      assertThat(formed.getStatus().getPhase()).isEqualTo(EdgeClusterStatus.Phase.Running);
    });
    return fleet;
  }

  private static ImageRegistry registry(String namespace, String ca, boolean withCredentials) {
    ImageRegistry registry = new ImageRegistry();
    registry.getMetadata().setName(REGISTRY);
    registry.getMetadata().setNamespace(namespace);
    ImageRegistrySpec spec = new ImageRegistrySpec();
    spec.setEndpoint("https://" + HOST);
    if (withCredentials) {
      spec.setCredentialsSecretRef(new ObjectNameReference(CREDENTIALS));
    }
    if (ca != null) {
      RegistryCa registryCa = new RegistryCa();
      registryCa.setPem(ca);
      spec.setCa(registryCa);
    }
    spec.setRules(List.of(new RegistryRule("registry.example.com/*", HOST + "/mirror/*")));
    registry.setSpec(spec);
    return registry;
  }

  private static Secret credentials(String namespace, String password) {
    Map<String, String> data = password == null ? Map.of("username", b64("puller"))
        : Map.of("username", b64("puller"), "password", b64(password));
    return new SecretBuilder().withNewMetadata().withName(CREDENTIALS).withNamespace(namespace)
        .withLabels(Map.of(VariableSecrets.LABEL, "true")).endMetadata()
        .withType("kubernetes.io/basic-auth").withData(data).build();
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String caPem() throws IOException {
    try (InputStream in = RegistriesE2E.class.getResourceAsStream("/registry/ca.pem")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static JsonNode layer(Plan plan, String name) {
    return plan.layers().stream().filter(l -> name.equals(l.path("name").asText())).findFirst().orElseThrow();
  }

  private static EdgeCluster cluster(KubernetesClient client, String namespace) {
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(CLUSTER).get();
  }

  private static Map<String, Long> planGenerations(KubernetesClient client, String namespace) {
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .collect(Collectors.toMap(h -> h.getMetadata().getName(), h -> h.getStatus().getPlan().getGeneration()));
  }
}
