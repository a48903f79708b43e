package dev.lifecycle.edge.operator.host;

import static dev.lifecycle.edge.operator.support.Fixtures.cluster;
import static dev.lifecycle.edge.operator.support.Fixtures.profile;
import static dev.lifecycle.edge.operator.support.Fixtures.registeredHost;
import static dev.lifecycle.edge.operator.support.Fixtures.selecting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.InstallerUserData;
import dev.lifecycle.edge.api.v1alpha1.NetworkDefaults;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.SiteSettings;
import dev.lifecycle.edge.operator.cluster.EdgeClusterReconciler;
import dev.lifecycle.edge.operator.support.OperatorHarness;
import dev.lifecycle.edge.operator.support.SimulatedAgents;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Site settings applied as Configure plans, by the host and cluster reconcilers on the embedded API. */
class SiteConfigureIT {

  private static final Map<String, String> SITE = Map.of("site", "store-0042");
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final OperatorHarness harness = OperatorHarness.perTestClass(
      List.of(EdgeHostReconciler::new, EdgeClusterReconciler::new));

  private KubernetesClient client;
  private String namespace;
  private SimulatedAgents agents;

  @BeforeEach
  void namespace() {
    client = harness.client();
    namespace = harness.newNamespace("site");
    agents = new SimulatedAgents(client, namespace).start();
  }

  @AfterEach
  void stopAgents() {
    agents.close();
  }

  @Test
  @DisplayName("When spec.site of one host of a Running cluster changes, then only that host gets a Configure plan, "
      + "keeping its cluster and version; the other's plan stays; status.site shows what its agent applied")
  void configuresOnlyTheChangedHost() {
    client.resource(profile(namespace, "edge-1.0.0", "1.0.0")).create();
    registeredHost(client, namespace, "host-a", SITE);
    registeredHost(client, namespace, "host-b", SITE);
    client.resource(selecting(cluster(namespace, "store-0042", "edge-1.0.0", 1, 1), SITE)).create();
    await().atMost(WAIT).until(() -> phaseOf("store-0042") == EdgeClusterStatus.Phase.Running);
    HostPlan otherBefore = host("host-a").getStatus().getPlan();
    HostPlan joined = host("host-b").getStatus().getPlan();

    client.resources(EdgeHost.class).inNamespace(namespace).withName("host-b").edit(h -> {
      SiteSettings site = new SiteSettings();
      site.setHostname("till-3");
      site.setNtpServers(List.of("ntp.store-0042.example"));
      h.getSpec().setSite(site);
      return h;
    });

    await().atMost(WAIT).until(() -> host("host-b").getStatus().getSite() != null);
    EdgeHost configured = host("host-b");
    HostPlan plan = configured.getStatus().getPlan();
    assertThat(plan.getAction()).isEqualTo(HostPlan.Action.Configure);
    assertThat(plan.getGeneration()).isEqualTo(joined.getGeneration() + 1);
    assertThat(plan.getCluster()).isEqualTo("store-0042");
    assertThat(plan.getRole()).isEqualTo(joined.getRole());
    assertThat(plan.getProfileVersion()).isEqualTo("1.0.0");
    assertThat(plan.getSite().getHostname()).isEqualTo("till-3");
    assertThat(configured.getStatus().getSite().getHostname()).isEqualTo("till-3");
    assertThat(configured.getStatus().getSite().getNtpServers()).containsExactly("ntp.store-0042.example");
    assertThat(configured.getStatus().getPhase()).isEqualTo(Phase.Running);
    assertThat(host("host-a").getStatus().getPlan().getGeneration()).isEqualTo(otherBefore.getGeneration());
    assertThat(read("store-0042").getStatus().getProfileVersion()).isEqualTo("1.0.0");
    assertThat(read("store-0042").getStatus().getUpgrade()).isNull();
    await().atMost(WAIT).until(() -> events("host-b").contains("SiteChanged"));

    // Not again once applied: the host reconciler has judged the host after the Applied report (its phase
    // and conditions carry the report's instant), and wrote no further plan.
    await().atMost(WAIT).until(() -> host("host-b").getStatus().getObservedGeneration() != null
        && host("host-b").getStatus().getObservedGeneration().equals(host("host-b").getMetadata().getGeneration()));
    String seen = host("host-b").getStatus().getLastSeen();
    await().atMost(WAIT).until(() -> !seen.equals(host("host-b").getStatus().getLastSeen()));
    String seenAgain = host("host-b").getStatus().getLastSeen();
    await().atMost(WAIT).until(() -> !seenAgain.equals(host("host-b").getStatus().getLastSeen()));
    assertThat(host("host-b").getStatus().getPlan().getGeneration()).isEqualTo(plan.getGeneration());
  }

  @Test
  @DisplayName("When a host in no cluster registered with a token that has network defaults, then it gets a "
      + "Configure plan with no cluster carrying them under its spec.site, and stays Available")
  void hostInNoClusterGetsTokenDefaults() {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName("store-token").withNamespace(namespace).build());
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("24h");
    InstallerUserData userData = new InstallerUserData();
    NetworkDefaults network = new NetworkDefaults();
    network.setDnsServers(List.of("10.0.0.53"));
    network.setNtpServers(List.of("ntp.token.example"));
    userData.setNetwork(network);
    spec.setUserData(userData);
    token.setSpec(spec);
    client.resource(token).create();
    registeredHost(client, namespace, "spare-1", Map.of("pool", "spare"));

    await().atMost(WAIT).until(() -> host("spare-1").getStatus().getSite() != null);
    EdgeHost spare = host("spare-1");
    assertThat(spare.getStatus().getPlan().getAction()).isEqualTo(HostPlan.Action.Configure);
    assertThat(spare.getStatus().getPlan().getCluster()).isNull();
    assertThat(spare.getStatus().getSite().getNetwork().getDnsServers()).containsExactly("10.0.0.53");
    assertThat(spare.getStatus().getSite().getNtpServers()).containsExactly("ntp.token.example");
    await().atMost(WAIT).until(() -> host("spare-1").getStatus().getPhase() == Phase.Available);

    client.resources(EdgeHost.class).inNamespace(namespace).withName("spare-1").edit(h -> {
      SiteSettings site = new SiteSettings();
      site.setNtpServers(List.of("ntp.spec.example"));
      h.getSpec().setSite(site);
      return h;
    });

    await().atMost(WAIT).until(() -> host("spare-1").getStatus().getSite().getNtpServers()
        .equals(List.of("ntp.spec.example")));
    assertThat(host("spare-1").getStatus().getSite().getNetwork().getDnsServers()).containsExactly("10.0.0.53");
    assertThat(host("spare-1").getStatus().getPlan().getGeneration()).isEqualTo(2L);
  }

  private EdgeHost host(String name) {
    return client.resources(EdgeHost.class).inNamespace(namespace).withName(name).get();
  }

  private EdgeCluster read(String name) {
    return client.resources(EdgeCluster.class).inNamespace(namespace).withName(name).get();
  }

  private EdgeClusterStatus.Phase phaseOf(String cluster) {
    EdgeClusterStatus status = read(cluster).getStatus();
    return status == null ? null : status.getPhase();
  }

  private List<String> events(String host) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> host.equals(e.getInvolvedObject().getName())).map(e -> e.getReason()).toList();
  }
}
