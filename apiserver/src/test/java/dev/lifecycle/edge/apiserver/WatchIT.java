package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

  private static EdgeHost host(String name, Map<String, String> labels) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withLabels(labels).build());
    host.setSpec(new EdgeHostSpec("m-" + name));
    return host;
  }

  private static EdgeHost hostIn(String namespace, String name) {
    EdgeHost host = host(name, Map.of());
    host.getMetadata().setNamespace(namespace);
    return host;
  }

  /** Records each event as "TYPE name phase". */
  private static Watcher<EdgeHost> recorder(List<String> events) {
    return recorder(events, new ArrayList<>());
  }

  /** Records each event as "TYPE name phase", and its object's resourceVersion. */
  private static Watcher<EdgeHost> recorder(List<String> events, List<String> versions) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, EdgeHost host) {
        versions.add(host.getMetadata().getResourceVersion());
        events.add(action + " " + host.getMetadata().getName() + " "
            + (host.getStatus() == null ? "-" : host.getStatus().getPhase()));
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
  }

  @Test
  @DisplayName("When watches select by label and by name, then each gets what already exists as ADDED and then "
      + "only its objects' changes, in the order they were written, and an object relabelled away is DELETED")
  void selectedWatchesSeeTheirObjectsInOrder() {
    client.resource(host("early", Map.of("site", "north"))).create();
    client.resource(host("elsewhere", Map.of("site", "south"))).create();
    List<String> bySite = new CopyOnWriteArrayList<>();
    List<String> byName = new CopyOnWriteArrayList<>();
    try (Watch site = client.resources(EdgeHost.class).inNamespace(NS).withLabel("site", "north")
        .watch(recorder(bySite));
        Watch named = client.resources(EdgeHost.class).inNamespace(NS).withName("late").watch(recorder(byName))) {
      EdgeHost late = client.resource(host("late", Map.of("site", "north"))).create();
      for (EdgeHostStatus.Phase phase : List.of(EdgeHostStatus.Phase.Available, EdgeHostStatus.Phase.Provisioning,
          EdgeHostStatus.Phase.Running)) {
        late.setStatus(new EdgeHostStatus());
        late.getStatus().setPhase(phase);
        late = client.resource(late).updateStatus();
      }
      client.resources(EdgeHost.class).inNamespace(NS).withName("late")
          .edit(h -> {
            h.getMetadata().setLabels(Map.of("site", "south"));
            return h;
          });

      List<String> lateEvents = List.of("ADDED late -", "MODIFIED late Available", "MODIFIED late Provisioning",
          "MODIFIED late Running");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(bySite).startsWith("ADDED early -").containsSubsequence(lateEvents)
            .endsWith("DELETED late Running").noneMatch(e -> e.contains("elsewhere"));
        assertThat(byName).containsSubsequence(lateEvents).endsWith("MODIFIED late Running")
            .noneMatch(e -> e.contains("early"));
      });
      assertThat(bySite).hasSize(6);
      assertThat(byName).hasSize(5);
    }
  }

  @Test
  @DisplayName("When a watch resumes from the resourceVersion a list gave, then it gets exactly the changes made "
      + "since, in order, the deletion included, and none of the listed objects again")
  void watchResumedFromAListSeesEveryChangeSince() {
    String ns = "resume";
    api.createNamespace(ns);
    EdgeHost kept = client.resource(hostIn(ns, "kept")).create();
    client.resource(hostIn(ns, "gone")).create();
    client.resource(hostIn(ns, "untouched")).create();
    String listed = client.resources(EdgeHost.class).inNamespace(ns).list().getMetadata().getResourceVersion();

    // What happens between a client's list and its watch (or between the end of a watch and the next).
    client.resource(hostIn(ns, "new")).create();
    kept.setStatus(new EdgeHostStatus());
    kept.getStatus().setPhase(EdgeHostStatus.Phase.Available);
    client.resource(kept).updateStatus();
    client.resources(EdgeHost.class).inNamespace(ns).withName("gone").delete();

    List<String> events = new CopyOnWriteArrayList<>();
    List<String> versions = new CopyOnWriteArrayList<>();
    try (Watch watch = client.resources(EdgeHost.class).inNamespace(ns).watch(
        new ListOptionsBuilder().withResourceVersion(listed).build(), recorder(events, versions))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 3);
      assertThat(events).containsExactly("ADDED new -", "MODIFIED kept Available", "DELETED gone -");
      assertThat(versions).as("each event at the version of its write, the deletion's its own")
          .isSortedAccordingTo(Comparator.comparingLong(Long::parseLong)).doesNotHaveDuplicates();
    }

    // Resumed from the deletion: nothing again, then what comes next.
    List<String> resumed = new CopyOnWriteArrayList<>();
    try (Watch watch = client.resources(EdgeHost.class).inNamespace(ns).watch(
        new ListOptionsBuilder().withResourceVersion(versions.get(2)).build(), recorder(resumed, new ArrayList<>()))) {
      client.resource(hostIn(ns, "later")).create();
      await().atMost(Duration.ofSeconds(10)).until(() -> !resumed.isEmpty());
      assertThat(resumed).containsExactly("ADDED later -");
    }
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
