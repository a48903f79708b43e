package dev.lifecycle.edge.site.clusters;

import static dev.lifecycle.edge.site.clusters.SiteFixtures.definition;
import static dev.lifecycle.edge.site.clusters.SiteFixtures.retail140;
import static dev.lifecycle.edge.site.clusters.SiteFixtures.retail150;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.api.v1alpha1.ClusterAssignment;
import dev.lifecycle.edge.api.v1alpha1.ClusterVariable;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.ProfileReference;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.HostChoice;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.NetworkSettings;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating, updating, pausing and following a cluster at the site, against the embedded API. */
class SiteClustersIT {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static EmbeddedKubernetes api;

  @TempDir
  Path dir;
  private KubernetesClient client;
  private String namespace;
  private SiteDefinitions definitions;
  private ClusterCreation creation;
  private ClusterUpdates updates;
  private ClusterControl control;
  private String v1;

  @BeforeAll
  static void start() {
    api = EmbeddedKubernetes.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /** An EdgeCluster the site made from {@code definition}, as a test writes it directly. */
  static EdgeCluster clusterUsing(String namespace, String name, String profile, String definition) {
    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setProfileRef(new ProfileReference(profile));
    spec.setControlPlane(new ControlPlaneSpec(1));
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
        .withAnnotations(Map.of(SiteLabels.DEFINITION, definition)).build());
    cluster.setSpec(spec);
    return cluster;
  }

  @BeforeEach
  void site() throws Exception {
    client = api.client();
    namespace = "site-" + NAMESPACES.incrementAndGet();
    api.createNamespace(namespace);
    definitions = new SiteDefinitions(client, namespace, dir.resolve("data"), SiteFixtures.TRUST, Clock.systemUTC(),
        SiteDefinitions.DEFAULT_MAX_BYTES);
    creation = new ClusterCreation(client, namespace, definitions);
    updates = new ClusterUpdates(client, namespace, definitions);
    control = new ClusterControl(client, namespace);
    v1 = upload(definition(dir, retail140(), retail150()));
    for (String name : List.of("host-a", "host-b", "host-c", "host-d")) {
      host(name, EdgeHostStatus.Phase.Available, null);
    }
    host("host-busy", EdgeHostStatus.Phase.Running, "other");
  }

  private String upload(Path archive) throws Exception {
    try (InputStream in = Files.newInputStream(archive)) {
      return definitions.upload(in).definition().digest();
    }
  }

  private void host(String name, EdgeHostStatus.Phase phase, String cluster) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace)
        .withLabels(Map.of("rack", "a")).build());
    host.setSpec(new EdgeHostSpec());
    client.resource(host).create();
    client.resources(EdgeHost.class).inNamespace(namespace).withName(name).editStatus(h -> {
      EdgeHostStatus status = new EdgeHostStatus();
      status.setPhase(phase);
      if (cluster != null) {
        status.setCluster(new ClusterAssignment(cluster, HostRole.WORKER));
      }
      h.setStatus(status);
      return h;
    });
  }

  private Map<String, String> labels(String host) {
    return client.resources(EdgeHost.class).inNamespace(namespace).withName(host).get().getMetadata().getLabels();
  }

  private EdgeCluster cluster(String name) {
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(name).get();
  }

  private CreateClusterRequest request(String version, List<HostChoice> hosts) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("storeId", "0042");
    values.put("dbPassword", "s3cr3t");
    return new CreateClusterRequest("store-0042", v1, version, values, hosts,
        new NetworkSettings("192.168.10.100", null, null));
  }

  private static List<HostChoice> oneAndTwo() {
    return List.of(new HostChoice("host-a", "control-plane"), new HostChoice("host-b", "worker"),
        new HostChoice("host-c", "worker"));
  }

  @Test
  @DisplayName("When a cluster is created from a definition, then the EdgeCluster, the pinned hosts and the Secret "
      + "of its sensitive values are written as the API expects")
  void creates() throws Exception {
    CreatedCluster created = creation.create(request("1.4.0", oneAndTwo()));

    assertThat(created).isEqualTo(new CreatedCluster("store-0042", v1, "retail-1.4.0", "1.4.0",
        List.of("host-a"), List.of("host-b", "host-c"), "store-0042-site-variables"));
    EdgeCluster cluster = cluster("store-0042");
    assertThat(cluster.getSpec().getProfileRef().getName()).isEqualTo("retail-1.4.0");
    assertThat(cluster.getSpec().getControlPlane().getHostSelector().getMatchLabels()).isEqualTo(Map.of(
        SiteLabels.CLUSTER, "store-0042", SiteLabels.ROLE, "control-plane"));
    assertThat(cluster.getSpec().getWorkers().getCount()).isEqualTo(2);
    assertThat(cluster.getSpec().getNetwork().getControlPlaneEndpoint()).isEqualTo("192.168.10.100");
    assertThat(cluster.getMetadata().getAnnotations()).containsEntry(SiteLabels.DEFINITION, v1);
    assertThat(cluster.getSpec().getVariables()).extracting(ClusterVariable::getName)
        .containsExactly("storeId", "dbPassword");
    assertThat(cluster.getSpec().getVariables().get(1).getValue()).isNull();

    assertThat(labels("host-a")).containsEntry(SiteLabels.CLUSTER, "store-0042")
        .containsEntry(SiteLabels.ROLE, "control-plane").containsEntry("rack", "a");
    assertThat(labels("host-b")).containsEntry(SiteLabels.ROLE, "worker");
    assertThat(labels("host-d")).doesNotContainKey(SiteLabels.CLUSTER);

    Secret secret = client.secrets().inNamespace(namespace).withName("store-0042-site-variables").get();
    assertThat(secret.getMetadata().getLabels()).containsEntry(VariableSecrets.LABEL, "true");
    assertThat(new String(Base64.getDecoder().decode(secret.getData().get("dbPassword")), StandardCharsets.UTF_8))
        .isEqualTo("s3cr3t");
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(cluster.getMetadata().getUid()));

    assertThat(definitions.describe(v1).usedBy()).containsExactly("store-0042");
    assertThat(control.progress("store-0042").summary()).isEqualTo("Forming: 0 of 3 hosts running");
    // The hosts given are no longer offered to another cluster.
    assertThat(creation.hosts()).filteredOn(h -> h.unavailableBecause() == null).extracting(HostCandidate::name)
        .containsExactly("host-d");
  }

  @Test
  @DisplayName("When a creation is refused, then nothing is left: no cluster, no label, no Secret")
  void refusedCreationLeavesNothing() throws Exception {
    assertThatThrownBy(() -> creation.create(request("1.4.0", List.of(new HostChoice("host-a", "control-plane"),
        new HostChoice("host-busy", "worker"))))).isInstanceOfSatisfying(RequestRefused.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.problems()).containsExactly("host host-busy is in cluster other");
        });
    assertThat(cluster("store-0042")).isNull();
    assertThat(labels("host-a")).doesNotContainKey(SiteLabels.CLUSTER);
    assertThat(client.secrets().inNamespace(namespace).withName("store-0042-site-variables").get()).isNull();

    creation.create(request("1.4.0", oneAndTwo()));
    assertThatThrownBy(() -> creation.create(request("1.4.0", List.of(new HostChoice("host-d", "control-plane")))))
        .isInstanceOfSatisfying(RequestRefused.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.getMessage()).isEqualTo("a cluster store-0042 exists at the site already; choose another name");
        });
    assertThat(labels("host-d")).doesNotContainKey(SiteLabels.CLUSTER);
  }

  @Test
  @DisplayName("When the API refuses the cluster after the hosts were labelled, then the labels and the Secret are "
      + "taken back")
  void apiRefusalUndone() throws Exception {
    // A Secret of the cluster's name the site did not make: refused before any host is labelled.
    Secret foreign = new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
        .withName("store-0042-site-variables").withNamespace(namespace).endMetadata().build();
    client.resource(foreign).create();

    assertThatThrownBy(() -> creation.create(request("1.4.0", oneAndTwo())))
        .isInstanceOfSatisfying(RequestRefused.class, e -> assertThat(e.code()).isEqualTo("SecretExists"));
    assertThat(cluster("store-0042")).isNull();
    assertThat(labels("host-a")).doesNotContainKey(SiteLabels.CLUSTER);
  }

  @Test
  @DisplayName("When a cluster is updated to a version of a newer definition, then the preview shows the impact, "
      + "apply switches its profile and keeps its values, and both definitions count as used")
  void updates() throws Exception {
    creation.create(request("1.4.0", oneAndTwo()));
    String v2 = upload(definition(dir, retail150()));
    UpdateClusterRequest update = new UpdateClusterRequest("store-0042", v2, "1.5.0", Map.of("replicas", "4"));

    UpdatePreview preview = updates.preview(update);

    assertThat(preview.refused()).isEmpty();
    assertThat(preview.hostAction()).isEqualTo("RestartServices");
    assertThat(preview.layers()).extracting(UpdatePreview.LayerImpact::name, UpdatePreview.LayerImpact::change)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("edge-os", "Unchanged"),
            org.assertj.core.groups.Tuple.tuple("k3s", "Changed"),
            org.assertj.core.groups.Tuple.tuple("monitoring", "Changed"));
    assertThat(cluster("store-0042").getSpec().getProfileRef().getName()).isEqualTo("retail-1.4.0");

    updates.apply(update);

    EdgeCluster cluster = cluster("store-0042");
    assertThat(cluster.getSpec().getProfileRef().getName()).isEqualTo("retail-1.5.0");
    assertThat(cluster.getSpec().getVariables()).extracting(ClusterVariable::getName, ClusterVariable::getValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("storeId", "0042"),
            org.assertj.core.groups.Tuple.tuple("dbPassword", null),
            org.assertj.core.groups.Tuple.tuple("replicas", "4"));
    assertThat(cluster.getMetadata().getAnnotations()).containsEntry(SiteLabels.DEFINITION, v2)
        .containsEntry(SiteLabels.PREVIOUS_DEFINITION, v1);
    assertThat(definitions.describe(v1).usedBy()).containsExactly("store-0042");
    assertThat(definitions.describe(v2).usedBy()).containsExactly("store-0042");

    assertThat(updates.preview(update).refused()).containsExactly("the cluster runs retail-1.5.0 with these values "
        + "already: nothing would change");
  }

  @Test
  @DisplayName("When an update is refused (a downgrade), then apply changes nothing")
  void refusedUpdateChangesNothing() throws Exception {
    creation.create(request("1.5.0", oneAndTwo()));
    String before = cluster("store-0042").getMetadata().getResourceVersion();

    assertThatThrownBy(() -> updates.apply(new UpdateClusterRequest("store-0042", v1, "1.4.0", Map.of())))
        .isInstanceOfSatisfying(RequestRefused.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.code()).isEqualTo("UpdateRefused");
          assertThat(e.getMessage()).startsWith("the cluster store-0042 was not updated: 1.4.0 is older than 1.5.0");
        });
    assertThat(cluster("store-0042").getMetadata().getResourceVersion()).isEqualTo(before);
    assertThatThrownBy(() -> updates.preview(new UpdateClusterRequest("store-9999", v1, "1.5.0", Map.of())))
        .isInstanceOfSatisfying(RequestRefused.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  @DisplayName("When a new secret value is applied, then the site Secret holds it and the cluster still names it")
  void newSecretValue() throws Exception {
    creation.create(request("1.4.0", oneAndTwo()));

    updates.apply(new UpdateClusterRequest("store-0042", v1, "1.4.0", Map.of("dbPassword", "n3w")));

    Secret secret = client.secrets().inNamespace(namespace).withName("store-0042-site-variables").get();
    assertThat(new String(Base64.getDecoder().decode(secret.getData().get("dbPassword")), StandardCharsets.UTF_8))
        .isEqualTo("n3w");
    assertThat(cluster("store-0042").getSpec().getVariables().get(1).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("store-0042-site-variables");
  }

  @Test
  @DisplayName("When a cluster is paused and resumed, then spec.paused follows and its progress says so")
  void pauseResume() throws Exception {
    creation.create(request("1.4.0", oneAndTwo()));

    assertThat(control.pause("store-0042").paused()).isTrue();
    assertThat(cluster("store-0042").getSpec().getPaused()).isTrue();
    assertThat(control.resume("store-0042").paused()).isFalse();
    assertThat(cluster("store-0042").getSpec().isPaused()).isFalse();
    assertThat(control.list()).extracting(ClusterProgress::name).containsExactly("store-0042");
    assertThatThrownBy(() -> control.pause("nope")).isInstanceOfSatisfying(RequestRefused.class,
        e -> assertThat(e.status()).isEqualTo(404));
  }
}
