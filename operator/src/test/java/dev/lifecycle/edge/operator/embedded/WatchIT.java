package dev.lifecycle.edge.operator.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WatchIT {

  private static final String NS = "watch";
  private static EmbeddedKubernetes api;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    api = EmbeddedKubernetes.start();
    client = api.client();
    api.createNamespace(NS);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  @DisplayName("When a host is created and its status written, then an informer sees it added and modified")
  void informerSeesAddedAndModified() {
    List<String> events = new CopyOnWriteArrayList<>();
    SharedIndexInformer<EdgeHost> informer = client.resources(EdgeHost.class).inNamespace(NS)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(EdgeHost host) {
            events.add("ADDED " + host.getMetadata().getName());
          }

          @Override
          public void onUpdate(EdgeHost before, EdgeHost after) {
            if (after.getStatus() != null && after.getStatus().getPhase() != null) {
              events.add("MODIFIED " + after.getMetadata().getName() + " " + after.getStatus().getPhase());
            }
          }

          @Override
          public void onDelete(EdgeHost host, boolean unknownFinalState) {
            events.add("DELETED " + host.getMetadata().getName());
          }
        });
    try {
      EdgeHost host = new EdgeHost();
      host.setMetadata(new ObjectMetaBuilder().withName("watched").build());
      host.setSpec(new EdgeHostSpec("m-watched"));
      host = client.resource(host).inNamespace(NS).create();
      await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("ADDED watched"));

      host.setStatus(new EdgeHostStatus());
      host.getStatus().setPhase(EdgeHostStatus.Phase.Available);
      client.resource(host).inNamespace(NS).patchStatus();
      await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("MODIFIED watched Available"));

      client.resource(host).inNamespace(NS).delete();
      await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("DELETED watched"));
      assertThat(informer.getStore().list()).isEmpty();
    } finally {
      informer.close();
    }
  }
}
