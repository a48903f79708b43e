package dev.lifecycle.edge.operator.cluster;

import static dev.lifecycle.edge.operator.support.Fixtures.cluster;
import static dev.lifecycle.edge.operator.support.Fixtures.profile;
import static dev.lifecycle.edge.operator.support.Fixtures.registeredHost;
import static dev.lifecycle.edge.operator.support.Fixtures.selecting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionStatus;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.operator.support.ClusterReconcilerFixture;
import dev.lifecycle.edge.operator.support.Fixtures;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EdgeClusterFormationIT extends ClusterReconcilerFixture {

  EdgeClusterFormationIT() {
    super("formation");
  }

  private EdgeCluster read(String name) {
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(name).get();
  }

  private EdgeHost host(String name) {
    return client.resources(EdgeHost.class).inNamespace(namespace).withName(name).get();
  }

  /** The cluster's phase, or null before its first status. */
  private EdgeClusterStatus.Phase phase(String cluster) {
    EdgeClusterStatus status = read(cluster).getStatus();
    return status == null ? null : status.getPhase();
  }

  private Condition ready(String cluster) {
    return read(cluster).getStatus().condition(ConditionTypes.READY).orElseThrow();
  }

  private void awaitPhase(String cluster, EdgeClusterStatus.Phase phase) {
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(phase(cluster)).isEqualTo(phase));
  }

  @Test
  @DisplayName("When a profile and enough hosts exist, then the control plane forms first, then workers join, "
      + "and the cluster runs the profile version")
  void formsControlPlaneFirst() {
    client.resource(profile(namespace, "store-edge-1.0.0", "1.0.0")).create();
    for (String name : List.of("host-a", "host-b", "host-c")) {
      registeredHost(client, namespace, name, SITE);
    }
    client.resource(selecting(cluster(namespace, "store-0042", "store-edge-1.0.0", 1, 2), SITE)).create();

    awaitPhase("store-0042", EdgeClusterStatus.Phase.Running);

    EdgeClusterStatus status = read("store-0042").getStatus();
    assertThat(status.getProfileVersion()).isEqualTo("1.0.0");
    assertThat(status.getControlPlaneReady()).isEqualTo("1/1");
    assertThat(status.getWorkersReady()).isEqualTo("2/2");
    assertThat(status.getHosts()).extracting(ClusterHost::getName, ClusterHost::getRole).containsExactly(
        org.assertj.core.groups.Tuple.tuple("host-a", HostRole.CONTROL_PLANE),
        org.assertj.core.groups.Tuple.tuple("host-b", HostRole.WORKER),
        org.assertj.core.groups.Tuple.tuple("host-c", HostRole.WORKER));
    assertThat(ready("store-0042").getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(status.getObservedGeneration()).isEqualTo(read("store-0042").getMetadata().getGeneration());

    assertThat(host("host-a").getStatus().getPlan().getAction()).isEqualTo(HostPlan.Action.Init);
    assertThat(host("host-b").getStatus().getPlan().getAction()).isEqualTo(HostPlan.Action.Join);
    assertThat(host("host-b").getStatus().getPlan().getControlPlaneEndpoint())
        .as("the initialising host's reported address, not its name").isEqualTo(Fixtures.address("host-a"));
    assertThat(agents.firstPlanSeen("host-b")).isAfterOrEqualTo(agents.appliedAt("host-a"));
    assertThat(agents.firstPlanSeen("host-c")).isAfterOrEqualTo(agents.appliedAt("host-a"));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(eventReasons("store-0042"))
        .contains("HostClaimed", "HostPlanned", "Running"));
  }

  @Test
  @DisplayName("When a cluster claims and plans hosts, then each write carries the host's phase (no host reconciler "
      + "runs here), and the cluster's Events name the claimed and planned hosts, one Event per round, with no "
      + "Provisioning Event of the hosts' own")
  void claimsAreJudgedAndAnnouncedOnce() {
    client.resource(profile(namespace, "p-1.0.0", "1.0.0")).create();
    for (String name : List.of("host-a", "host-b", "host-c")) {
      registeredHost(client, namespace, name, SITE);
    }
    client.resource(selecting(cluster(namespace, "c", "p-1.0.0", 1, 2), SITE)).create();

    awaitPhase("c", EdgeClusterStatus.Phase.Running);

    for (String name : List.of("host-a", "host-b", "host-c")) {
      assertThat(host(name).getStatus().getPhase()).as(name + ", judged by the cluster's own writes")
          .isEqualTo(EdgeHostStatus.Phase.Provisioning);
    }
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      List<Event> events = client.v1().events().inNamespace(namespace).list().getItems();
      assertThat(events).filteredOn(e -> "HostClaimed".equals(e.getReason())).extracting(Event::getMessage)
          .containsExactlyInAnyOrder("claimed host host-a as control-plane", "claimed 2 hosts host-b, host-c as worker");
      assertThat(events).filteredOn(e -> "HostPlanned".equals(e.getReason())).extracting(Event::getMessage)
          .containsExactlyInAnyOrder("host host-a: Init as control-plane on profile version 1.0.0",
              "2 hosts host-b, host-c: Join as worker on profile version 1.0.0");
      assertThat(events).filteredOn(e -> "EdgeHost".equals(e.getInvolvedObject().getKind()))
          .extracting(Event::getReason).doesNotContain("Provisioning");
    });
  }

  @Test
  @DisplayName("When too few hosts are Available, then Ready is False with InsufficientHosts and the counts, "
      + "and the cluster forms by itself once hosts register")
  void waitsForHosts() {
    client.resource(profile(namespace, "p-1.0.0", "1.0.0")).create();
    registeredHost(client, namespace, "host-a", SITE);
    client.resource(cluster(namespace, "c", "p-1.0.0", 1, 2)).create();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(read("c").getStatus()).isNotNull();
      assertThat(ready("c").getReason()).isEqualTo("InsufficientHosts");
      assertThat(ready("c").getMessage()).contains("2 worker host(s) missing");
    });

    registeredHost(client, namespace, "host-b", SITE);
    registeredHost(client, namespace, "host-c", SITE);

    awaitPhase("c", EdgeClusterStatus.Phase.Running);
  }

  @Test
  @DisplayName("When the profile does not exist, then the cluster is Pending and Stalled with ProfileNotFound, "
      + "claims nothing, and forms once the profile appears")
  void waitsForProfile() {
    registeredHost(client, namespace, "host-a", SITE);
    client.resource(cluster(namespace, "c", "missing-1.0.0", 1, 0)).create();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(phase("c")).isEqualTo(EdgeClusterStatus.Phase.Pending);
      assertThat(ready("c").getReason()).isEqualTo("ProfileNotFound");
      assertThat(read("c").getStatus().condition(ConditionTypes.STALLED).orElseThrow().getStatus())
          .isEqualTo(ConditionStatus.True);
    });
    assertThat(host("host-a").getStatus().getCluster()).isNull();

    client.resource(profile(namespace, "missing-1.0.0", "1.0.0")).create();

    awaitPhase("c", EdgeClusterStatus.Phase.Running);
  }

  @Test
  @DisplayName("When two clusters race for one host, then exactly one owns it and the other waits for hosts")
  void raceForOneHost() {
    client.resource(profile(namespace, "p-1.0.0", "1.0.0")).create();
    registeredHost(client, namespace, "only-host", SITE);

    client.resource(cluster(namespace, "left", "p-1.0.0", 1, 0)).create();
    client.resource(cluster(namespace, "right", "p-1.0.0", 1, 0)).create();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(host("only-host").getStatus().getCluster()).isNotNull();
      String owner = host("only-host").getStatus().getCluster().getName();
      String loser = owner.equals("left") ? "right" : "left";
      assertThat(phase(owner)).isEqualTo(EdgeClusterStatus.Phase.Running);
      assertThat(phase(loser)).isEqualTo(EdgeClusterStatus.Phase.Pending);
      assertThat(read(loser).getStatus().getHosts()).isEmpty();
      assertThat(ready(loser).getReason()).isEqualTo("InsufficientHosts");
    });
  }

  @Test
  @DisplayName("When many clusters race for just enough hosts, then every host has at most one owner and all "
      + "clusters form, though nothing writes an unclaimed host again (a cluster that lost a claim tries again)")
  void raceForManyHosts() {
    int clusters = 12;
    client.resource(profile(namespace, "p-1.0.0", "1.0.0")).create();
    for (int i = 0; i < clusters * 2; i++) {
      registeredHost(client, namespace, "host-" + i, SITE);
    }
    for (int i = 0; i < clusters; i++) {
      client.resource(cluster(namespace, "c" + i, "p-1.0.0", 1, 1)).create();
    }

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      for (int i = 0; i < clusters; i++) {
        assertThat(phase("c" + i)).as("c" + i).isEqualTo(EdgeClusterStatus.Phase.Running);
      }
    });
    List<String> listed = client.resources(EdgeCluster.class).inNamespace(namespace).list().getItems().stream()
        .flatMap(c -> c.getStatus().getHosts().stream().map(ClusterHost::getName)).toList();
    assertThat(listed).hasSize(clusters * 2).doesNotHaveDuplicates();
    for (EdgeHost host : client.resources(EdgeHost.class).inNamespace(namespace).list().getItems()) {
      String owner = host.getStatus().getCluster().getName();
      assertThat(read(owner).getStatus().getHosts()).extracting(ClusterHost::getName)
          .contains(host.getMetadata().getName());
    }
  }

  @Test
  @DisplayName("When a formed cluster is deleted, then its hosts get a reset plan and are Available again")
  void deletionReleasesHosts() {
    client.resource(profile(namespace, "p-1.0.0", "1.0.0")).create();
    registeredHost(client, namespace, "host-a", SITE);
    registeredHost(client, namespace, "host-b", SITE);
    client.resource(cluster(namespace, "c", "p-1.0.0", 1, 1)).create();
    awaitPhase("c", EdgeClusterStatus.Phase.Running);
    long generationBefore = host("host-b").getStatus().getPlan().getGeneration();

    client.resources(EdgeCluster.class).inNamespace(namespace).withName("c").delete();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(read("c")).isNull();
      for (String name : List.of("host-a", "host-b")) {
        EdgeHost host = host(name);
        assertThat(host.getStatus().getCluster()).isNull();
        assertThat(host.getStatus().getPlan().getAction()).isEqualTo(HostPlan.Action.Reset);
      }
    });
    assertThat(host("host-b").getStatus().getPlan().getGeneration()).isGreaterThan(generationBefore);
  }

  @Test
  @DisplayName("When a cluster that owns no host is deleted, then it goes at once")
  void deletionWithoutHosts() {
    client.resource(cluster(namespace, "empty", "missing-1.0.0", 1, 0)).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> read("empty").getStatus() != null);

    client.resources(EdgeCluster.class).inNamespace(namespace).withName("empty").delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> read("empty") == null);
  }

  @Test
  @DisplayName("When a host fails its first plan, then the cluster is Failed and Stalled naming the host")
  void failedHostStopsFormation() {
    agents.failing("host-a");
    client.resource(profile(namespace, "p-1.0.0", "1.0.0")).create();
    registeredHost(client, namespace, "host-a", SITE);
    registeredHost(client, namespace, "host-b", SITE);
    client.resource(cluster(namespace, "c", "p-1.0.0", 1, 1)).create();

    awaitPhase("c", EdgeClusterStatus.Phase.Failed);

    Condition stalled = read("c").getStatus().condition(ConditionTypes.STALLED).orElseThrow();
    assertThat(stalled.getStatus()).isEqualTo(ConditionStatus.True);
    assertThat(stalled.getMessage()).contains("host-a");
    assertThat(host("host-b").getStatus().getPlan()).as("workers wait for the control plane").isNull();
  }

  private List<String> eventReasons(String involved) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> involved.equals(e.getInvolvedObject().getName()))
        .map(Event::getReason).toList();
  }
}
