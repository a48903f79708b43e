package dev.lifecycle.edge.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterAssignment;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostClaimIndexTest {

  private final HostClaimIndex index = new HostClaimIndex();

  private static EdgeHost host(String namespace, String name, String cluster) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    EdgeHostStatus status = new EdgeHostStatus();
    if (cluster != null) {
      status.setCluster(new ClusterAssignment(cluster, HostRole.WORKER, "2026-12-06T07:00:00Z"));
    }
    host.setStatus(status);
    return host;
  }

  @Test
  @DisplayName("When a cluster asks, then it gets its own hosts and the unclaimed ones of its namespace, no others")
  void ownAndUnclaimed() {
    index.put(host("a", "h1", "c1"));
    index.put(host("a", "h2", "c2"));
    index.put(host("a", "h3", null));
    index.put(host("b", "h4", null));
    index.put(host("b", "h5", "c1"));
    assertThat(index.ownedOrUnclaimed("a", "c1")).containsExactly("h1", "h3");
    assertThat(index.ownedOrUnclaimed("b", "c1")).containsExactly("h4", "h5");
    assertThat(index.ownedOrUnclaimed("c", "c1")).isEmpty();
  }

  @Test
  @DisplayName("When a host is claimed, released and claimed elsewhere, then it is filed once, where it is now")
  void moves() {
    index.put(host("a", "h1", null));
    index.put(host("a", "h1", "c1"));
    assertThat(index.ownedOrUnclaimed("a", "c2")).isEmpty();
    index.put(host("a", "h1", null));
    index.put(host("a", "h1", "c2"));
    assertThat(index.ownedOrUnclaimed("a", "c1")).isEmpty();
    assertThat(index.ownedOrUnclaimed("a", "c2")).containsExactly("h1");
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("When a cluster's own hosts are asked for, then the unclaimed ones are not among them")
  void owned() {
    index.put(host("a", "h1", "c1"));
    index.put(host("a", "h2", null));
    index.put(host("b", "h3", "c1"));
    assertThat(index.owned("a", "c1")).containsExactly(new ResourceID("h1", "a"));
    assertThat(index.owned("a", HostClaimIndex.UNCLAIMED)).isEmpty();
    assertThat(index.owned("c", "c1")).isEmpty();
  }

  @Test
  @DisplayName("When a host is deleted, then nobody gets it and nothing of it is kept")
  void deleted() {
    index.put(host("a", "h1", "c1"));
    index.remove(host("a", "h1", "c1"));
    index.remove(host("a", "never-filed", null));
    assertThat(index.ownedOrUnclaimed("a", "c1")).isEmpty();
    assertThat(index.size()).isZero();
  }

  @Test
  @DisplayName("When the answer is changed by its caller, then the index is not")
  void answerIsACopy() {
    index.put(host("a", "h1", null));
    index.ownedOrUnclaimed("a", "c1").add("h2");
    assertThat(index.ownedOrUnclaimed("a", "c1")).containsExactly("h1");
  }
}
