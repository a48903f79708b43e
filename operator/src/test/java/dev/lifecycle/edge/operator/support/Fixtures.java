package dev.lifecycle.edge.operator.support;

import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileReference;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.api.v1alpha1.WorkersSpec;
import dev.lifecycle.edge.operator.host.AgentStatusWriter;
import dev.lifecycle.edge.operator.status.StatusWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Resources for integration tests, built in code. */
public final class Fixtures {

  private Fixtures() {
  }

  /** A valid profile {@code <name>} of the given version. */
  public static ClusterProfile profile(String namespace, String name, String version) {
    return profile(namespace, name, version, "1.30.4");
  }

  /** A valid profile {@code <name>} of the given version whose Kubernetes layer has {@code kubernetesVersion}. */
  public static ClusterProfile profile(String namespace, String name, String version, String kubernetesVersion) {
    ProfileLayer os = new ProfileLayer("edge-os", LayerType.OS, "1.4.0");
    os.setImage("registry.example.com/edge/os:1.4.0");
    ProfileLayer kubernetes = new ProfileLayer("k3s", LayerType.KUBERNETES, kubernetesVersion);
    kubernetes.setImage("registry.example.com/edge/k3s:v" + kubernetesVersion);
    ProfileLayer cni = new ProfileLayer("cilium", LayerType.CNI, "1.15.6");
    cni.setChart(new ChartReference("https://helm.cilium.io", "cilium"));
    ClusterProfile profile = new ClusterProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    profile.setSpec(new ClusterProfileSpec(version, new ArrayList<>(List.of(os, kubernetes, cni))));
    return profile;
  }

  /** A cluster of {@code controlPlane} control-plane hosts and {@code workers} workers, any host. */
  public static EdgeCluster cluster(String namespace, String name, String profile, int controlPlane, int workers) {
    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setProfileRef(new ProfileReference(profile));
    spec.setControlPlane(new ControlPlaneSpec(controlPlane));
    spec.setWorkers(new WorkersSpec(workers));
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    cluster.setSpec(spec);
    return cluster;
  }

  /**
   * Changes a cluster's spec as {@code kubectl patch --type merge} does: without a resourceVersion, so
   * it never conflicts with the operator writing the cluster's status at the same moment.
   */
  public static void patchClusterSpec(KubernetesClient client, String namespace, String cluster, String specJson) {
    client.resources(EdgeCluster.class).inNamespace(namespace).withName(cluster)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + specJson + "}");
  }

  /** Points a cluster at another profile, as a user does to upgrade it. */
  public static void repoint(KubernetesClient client, String namespace, String cluster, String profile) {
    patchClusterSpec(client, namespace, cluster, "{\"profileRef\":{\"name\":\"" + profile + "\"}}");
  }

  public static EdgeCluster selecting(EdgeCluster cluster, Map<String, String> labels) {
    cluster.getSpec().getControlPlane().setHostSelector(new HostSelector(labels));
    cluster.getSpec().getWorkers().setHostSelector(new HostSelector(labels));
    return cluster;
  }

  /** Creates every object of samples/ in the namespace, in file order, the way a user applies them. */
  public static void applySamples(KubernetesClient client, String namespace) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "samples"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          for (HasMetadata item : client.load(in).items()) {
            item.getMetadata().setNamespace(namespace);
            client.resource(item).create();
          }
        }
      }
    }
  }

  /** Waits until the operator has issued the token {@code name}, then reads its value from the token's Secret. */
  /** A RegistrationToken {@code name} valid for {@code ttl}, not created. */
  public static RegistrationToken token(String namespace, String name, String ttl) {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl(ttl);
    token.setSpec(spec);
    return token;
  }

  /** Whether the token's reconciler judged it Active. */
  public static boolean active(KubernetesClient client, RegistrationToken token) {
    RegistrationToken read = client.resource(token).get();
    return read.getStatus() != null && read.getStatus().getPhase() == RegistrationTokenStatus.Phase.Active;
  }

  public static String issuedToken(KubernetesClient client, String namespace, String name) {
    return issuedToken(client, namespace, name, Duration.ofSeconds(10));
  }

  /** The token issued into the token's Secret, once its status says so within {@code within}. */
  public static String issuedToken(KubernetesClient client, String namespace, String name, Duration within) {
    await().atMost(within).until(() -> {
      RegistrationToken token = client.resources(RegistrationToken.class).inNamespace(namespace).withName(name).get();
      return token.getStatus() != null && token.getStatus().getTokenHash() != null;
    });
    String encoded = client.secrets().inNamespace(namespace).withName(name).get().getData().get("token");
    return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  /** Creates an EdgeHost and records its registration the way the gateway will. */
  public static EdgeHost registeredHost(KubernetesClient client, String namespace, String name,
      Map<String, String> labels) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).build());
    host.setSpec(new EdgeHostSpec("machine-" + name));
    EdgeHost created = client.resource(host).create();
    return new AgentStatusWriter(new StatusWriter(client))
        .registered(created, "store-token", "machine-" + name, inventory(name), Instant.now())
        .orElseThrow();
  }

  /** What an agent reports of a host: amd64, 4 CPUs, and one interface with an address of its own. */
  public static HostInventory inventory(String host) {
    HostInventory inventory = new HostInventory();
    inventory.setArch("amd64");
    inventory.setCpuCores(4);
    HostInventory.NetworkInterface nic = new HostInventory.NetworkInterface("eth0", null);
    nic.setAddresses(new ArrayList<>(List.of(address(host) + "/24")));
    inventory.setNics(new ArrayList<>(List.of(nic)));
    return inventory;
  }

  /** The address {@link #inventory} reports for a host. */
  public static String address(String host) {
    return "192.168.42." + (Math.floorMod(host.hashCode(), 200) + 10);
  }
}
