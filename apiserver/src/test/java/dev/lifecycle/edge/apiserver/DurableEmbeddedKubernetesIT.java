package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.apiserver.store.CompactionPolicy;
import dev.lifecycle.edge.apiserver.store.StoreLockedException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableEmbeddedKubernetesIT {

  @TempDir
  Path dir;

  private static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).addToLabels("app", "durable").endMetadata()
        .addToData("value", value).build();
  }

  private static long version(io.fabric8.kubernetes.api.model.HasMetadata object) {
    return Long.parseLong(object.getMetadata().getResourceVersion());
  }

  @Test
  @DisplayName("When a durable API is restarted on its directory, then creates, updates, patches, status writes and deletes are all there")
  void survivesRestart() {
    Path store = dir.resolve("store");
    long highest;
    try (EmbeddedKubernetes api = EmbeddedKubernetes.startDurable(store, 0)) {
      assertThat(api.recovery()).hasValueSatisfying(recovery -> assertThat(recovery.clean()).isTrue());
      KubernetesClient client = api.client();
      client.resource(configMap("kept", "1")).create();
      client.resource(configMap("updated", "1")).create();
      client.resource(configMap("updated", "2")).update();
      client.configMaps().withName("updated").edit(cm -> {
        cm.getData().put("patched", "yes");
        return cm;
      });
      client.resource(configMap("deleted", "1")).create();
      client.configMaps().withName("deleted").delete();
      EdgeHost host = new EdgeHost();
      host.setMetadata(new ObjectMetaBuilder().withName("h1").build());
      host.setSpec(new EdgeHostSpec("machine-1"));
      host = client.resource(host).create();
      host.setStatus(new EdgeHostStatus());
      host.getStatus().setPhase(EdgeHostStatus.Phase.Available);
      highest = version(client.resource(host).updateStatus());
    }

    try (EmbeddedKubernetes api = EmbeddedKubernetes.startDurable(store, 0)) {
      KubernetesClient client = api.client();
      assertThat(api.recovery().get().clean()).isTrue();
      assertThat(client.configMaps().withName("kept").get().getData()).containsEntry("value", "1");
      assertThat(client.configMaps().withName("updated").get().getData())
          .isEqualTo(Map.of("value", "2", "patched", "yes"));
      assertThat(client.configMaps().withName("deleted").get()).isNull();
      assertThat(client.configMaps().withLabel("app", "durable").list().getItems()).hasSize(2);
      EdgeHost host = client.resources(EdgeHost.class).withName("h1").get();
      assertThat(host.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Available);
      assertThat(version(host)).isEqualTo(highest);
      assertThat(client.namespaces().list().getItems()).extracting(ns -> ns.getMetadata().getName())
          .containsExactlyInAnyOrder("default", "kube-system");
      assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
          .hasSize(CrdInstaller.FILES.size());

      ConfigMap next = client.resource(configMap("after-restart", "1")).create();
      assertThat(version(next)).isGreaterThan(highest);
      assertThat(Long.parseLong(client.configMaps().list().getMetadata().getResourceVersion()))
          .isGreaterThanOrEqualTo(version(next));
    }
  }

  @Test
  @DisplayName("When the stored CRDs differ from the program's, then a restart updates them; when they match, it leaves them")
  void crdsUpdatedWhenTheyDiffer() {
    Path store = dir.resolve("store");
    String name = "edgehosts.edge.lifecycle.dev";
    String keptVersion;
    try (EmbeddedKubernetes api = EmbeddedKubernetes.startDurable(store, 0)) {
      keptVersion = api.client().apiextensions().v1().customResourceDefinitions().withName("edgeclusters.edge.lifecycle.dev")
          .get().getMetadata().getResourceVersion();
      api.client().apiextensions().v1().customResourceDefinitions().withName(name).edit(crd -> {
        crd.getSpec().getNames().setShortNames(List.of("old"));
        return crd;
      });
    }
    try (EmbeddedKubernetes api = EmbeddedKubernetes.startDurable(store, 0)) {
      CustomResourceDefinition crd = api.client().apiextensions().v1().customResourceDefinitions().withName(name).get();
      assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("eh");
      assertThat(api.client().apiextensions().v1().customResourceDefinitions()
          .withName("edgeclusters.edge.lifecycle.dev").get().getMetadata().getResourceVersion()).isEqualTo(keptVersion);
      assertThat(api.client().resources(EdgeHost.class).list().getItems()).isEmpty();
    }
  }

  @Test
  @DisplayName("When a durable API's directory is in use, then a second one is refused with a message naming it")
  void secondApiOnTheSameDirectory() {
    Path store = dir.resolve("store");
    try (EmbeddedKubernetes api = EmbeddedKubernetes.startDurable(store, 0)) {
      assertThatThrownBy(() -> EmbeddedKubernetes.startDurable(store, 0))
          .isInstanceOf(StoreLockedException.class).hasMessageContaining("in use by another process");
      assertThat(api.client().configMaps().list().getItems()).isEmpty();
    }
  }

  @Test
  @DisplayName("When a durable API's log outgrows its policy, then it is compacted while serving, and a restart finds every object")
  void compactsWhileServing() throws IOException {
    Path store = dir.resolve("store");
    EmbeddedApiOptions options = EmbeddedApiOptions.durable(store, 0).withCompaction(new CompactionPolicy(64 * 1024, 2));
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start(options)) {
      for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 10; i++) {
          api.client().resource(configMap("cm-" + i, "round-" + round)).createOr(existing -> existing.update());
        }
      }
    }
    try (var files = Files.list(store)) {
      assertThat(files.map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith("snapshot-"));
    }
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start(options)) {
      assertThat(api.recovery().get().generation()).isPositive();
      assertThat(api.client().configMaps().list().getItems()).hasSize(10)
          .allSatisfy(cm -> assertThat(cm.getData()).containsEntry("value", "round-19"));
    }
  }

  @Test
  @DisplayName("When an in-memory API is started, then it has no store and no recovery")
  void inMemory() {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      assertThat(api.recovery()).isEmpty();
    }
  }
}
