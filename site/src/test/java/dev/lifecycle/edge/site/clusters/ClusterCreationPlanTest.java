package dev.lifecycle.edge.site.clusters;

import static dev.lifecycle.edge.site.clusters.SiteFixtures.kept;
import static dev.lifecycle.edge.site.clusters.SiteFixtures.retail140;
import static dev.lifecycle.edge.site.clusters.SiteFixtures.retail150;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.api.v1alpha1.ClusterVariable;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.operator.cluster.ClaimPlanner;
import dev.lifecycle.edge.operator.cluster.HostView;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.HostChoice;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.NetworkSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterCreationPlanTest {

  private static final KeptDefinition DEFINITION = kept(retail140(), retail150());
  private static final List<HostCandidate> HOSTS = List.of(
      available("host-a"), available("host-b"), available("host-c"), available("host-d"), available("host-e"),
      new HostCandidate("host-busy", Phase.Running, "other", null, false),
      new HostCandidate("host-reserved", Phase.Available, null, "store-0041", false),
      new HostCandidate("host-swap", Phase.Available, null, null, true),
      new HostCandidate("host-gone", Phase.Unreachable, null, null, false));

  private static HostCandidate available(String name) {
    return new HostCandidate(name, Phase.Available, null, null, false);
  }

  private static Map<String, String> values(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static CreateClusterRequest request(Map<String, String> variables, List<HostChoice> hosts,
      NetworkSettings network) {
    return new CreateClusterRequest("store-0042", DEFINITION.digest(), "1.5.0", variables, hosts, network);
  }

  private static List<HostChoice> oneAndTwo() {
    return List.of(new HostChoice("host-a", "control-plane"), new HostChoice("host-b", "worker"),
        new HostChoice("host-c", "worker"));
  }

  private static RequestRefused refused(CreateClusterRequest request) {
    try {
      ClusterCreationPlan.plan(DEFINITION, request, HOSTS);
    } catch (RequestRefused e) {
      return e;
    }
    throw new AssertionError("the plan was not refused");
  }

  @Test
  @DisplayName("When a 1+2 cluster is asked for, then the EdgeCluster pins exactly the chosen hosts in their roles "
      + "and the operator's ClaimPlanner claims exactly them")
  void pinsTheChosenHosts() throws Exception {
    ClusterCreationPlan plan = ClusterCreationPlan.plan(DEFINITION,
        request(values("storeId", "0042", "dbPassword", "s3cr3t"), oneAndTwo(), null), HOSTS);

    EdgeClusterSpec spec = plan.cluster().getSpec();
    assertThat(spec.getProfileRef().getName()).isEqualTo("retail-1.5.0");
    assertThat(spec.getControlPlane().getCount()).isEqualTo(1);
    assertThat(spec.getWorkers().getCount()).isEqualTo(2);
    assertThat(plan.cluster().getMetadata().getAnnotations()).containsEntry(SiteLabels.DEFINITION,
        DEFINITION.digest());
    assertThat(plan.roles()).containsExactly(Map.entry("host-a", HostRole.CONTROL_PLANE),
        Map.entry("host-b", HostRole.WORKER), Map.entry("host-c", HostRole.WORKER));

    // Every linked host, the chosen ones labelled as the applier labels them: the operator's own claim decision.
    List<HostView> views = new ArrayList<>();
    for (HostCandidate host : HOSTS) {
      HostRole role = plan.roles().get(host.name());
      Map<String, String> labels = role == null ? Map.of() : ClusterCreationPlan.hostLabels("store-0042", role);
      views.add(new HostView(host.name(), labels, host.phase(), host.cluster(), null, null, null));
    }
    ClaimPlanner.Claims claims = ClaimPlanner.plan("store-0042", 1, spec.getControlPlane().getHostSelector(), 2,
        spec.getWorkers().getHostSelector(), views);
    assertThat(claims.controlPlaneClaims()).containsExactly("host-a");
    assertThat(claims.workerClaims()).containsExactly("host-b", "host-c");
  }

  @Test
  @DisplayName("When a sensitive value is given, then it goes into the cluster's site Secret, the cluster names it, "
      + "and no plain text of it is in the EdgeCluster or the plan's description")
  void sensitiveValuesGoToTheSecret() throws Exception {
    ClusterCreationPlan plan = ClusterCreationPlan.plan(DEFINITION,
        request(values("storeId", "0042", "dbPassword", "s3cr3t", "replicas", "3"), oneAndTwo(), null), HOSTS);

    List<ClusterVariable> variables = plan.cluster().getSpec().getVariables();
    assertThat(variables).extracting(ClusterVariable::getName).containsExactly("storeId", "dbPassword", "replicas");
    assertThat(variables.get(0).getValue()).isEqualTo("0042");
    assertThat(variables.get(1).getValue()).isNull();
    assertThat(variables.get(1).getValueFrom().getSecretKeyRef().getName()).isEqualTo("store-0042-site-variables");
    assertThat(variables.get(1).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("dbPassword");
    assertThat(plan.secretName()).isEqualTo("store-0042-site-variables");
    assertThat(plan.secretValues()).containsExactly(Map.entry("dbPassword", "s3cr3t"));
    assertThat(plan.toString()).doesNotContain("s3cr3t");
  }

  @Test
  @DisplayName("When several variables are wrong, then each problem is named: a required one missing, a pattern, a "
      + "type, an undeclared name")
  void everyVariableProblemNamed() {
    RequestRefused e = refused(request(values("storeId", "42", "replicas", "many", "colour", "red"), oneAndTwo(),
        null));

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.code()).isEqualTo("ClusterRefused");
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "variable colour is not declared by this version (it declares: storeId, dbPassword, replicas)",
        "variable storeId: '42' does not match the pattern ^[0-9]{4}$",
        "variable dbPassword is required and has no default: give it a value",
        "variable replicas is a number, and 'many' is not one (write digits, with an optional sign and fraction, "
            + "such as 42 or -1.5)");
    assertThat(e.getMessage()).startsWith("the cluster store-0042 was not created: ");
  }

  @Test
  @DisplayName("When a sensitive value fails its check, then the refusal does not quote it")
  void sensitiveValueNeverQuoted() {
    var profile = retail150();
    profile.getSpec().getVariables().get(1).setPattern("^[a-z]+$");
    KeptDefinition definition = kept(profile);
    assertThatThrownBy(() -> ClusterCreationPlan.plan(definition, new CreateClusterRequest("store-0042",
        definition.digest(), "1.5.0", values("storeId", "0042", "dbPassword", "S3CR3T!"), oneAndTwo(), null), HOSTS))
        .isInstanceOfSatisfying(RequestRefused.class, e -> {
          assertThat(e.getMessage()).contains("variable dbPassword: the value in its Secret does not match the "
              + "pattern ^[a-z]+$").doesNotContain("S3CR3T!");
        });
  }

  @Test
  @DisplayName("When 2 or 0 control-plane hosts are chosen, then the refusal explains why a cluster has 1 or 3")
  void controlPlaneOfOneOrThree() {
    RequestRefused two = refused(request(values("storeId", "0042", "dbPassword", "x"), List.of(
        new HostChoice("host-a", "control-plane"), new HostChoice("host-b", "control-plane")), null));
    assertThat(two.problems()).containsExactly("a cluster has 1 or 3 control-plane hosts, and 2 were chosen: its "
        + "datastore (etcd) needs a majority of them to agree, so 2 hosts survive no more failures than 1, and 3 "
        + "survive the loss of one; choose 1 (a small site) or 3 (a cluster that keeps running when a host dies)");

    RequestRefused none = refused(request(values("storeId", "0042", "dbPassword", "x"), List.of(
        new HostChoice("host-a", "worker")), null));
    assertThat(none.problems()).singleElement().asString().startsWith("a cluster has 1 or 3 control-plane hosts, "
        + "and 0 were chosen");
  }

  @Test
  @DisplayName("When three control-plane hosts and two workers are chosen, then the cluster asks for 3 and 2")
  void threeControlPlaneHosts() throws Exception {
    ClusterCreationPlan plan = ClusterCreationPlan.plan(DEFINITION, request(values("storeId", "0042",
        "dbPassword", "x"), List.of(new HostChoice("host-a", "control-plane"), new HostChoice("host-b",
        "control-plane"), new HostChoice("host-c", "control-plane"), new HostChoice("host-d", "worker"),
        new HostChoice("host-e", "worker")), null), HOSTS);

    assertThat(plan.cluster().getSpec().getControlPlane().getCount()).isEqualTo(3);
    assertThat(plan.controlPlaneHosts()).containsExactly("host-a", "host-b", "host-c");
    assertThat(plan.workerHosts()).containsExactly("host-d", "host-e");
  }

  @Test
  @DisplayName("When hosts that cannot be given are chosen, then each is named with the reason")
  void unavailableHostsNamed() {
    RequestRefused e = refused(request(values("storeId", "0042", "dbPassword", "x"), List.of(
        new HostChoice("host-a", "control-plane"), new HostChoice("host-busy", "worker"),
        new HostChoice("host-reserved", "worker"), new HostChoice("host-swap", "worker"),
        new HostChoice("host-gone", "worker"), new HostChoice("host-x", "worker"),
        new HostChoice("host-a", "worker"), new HostChoice("host-b", "boss")), null));

    assertThat(e.problems()).containsExactly(
        "host host-busy is in cluster other",
        "host host-reserved was given to cluster store-0041",
        "host host-swap waits for a hardware swap (annotation edge.lifecycle.dev/replace); remove the annotation "
            + "once it is swapped",
        "host host-gone is Unreachable: its agent has not reported lately",
        "no host host-x is linked to the site (Available now: host-a, host-b, host-c, host-d, host-e)",
        "host host-a is chosen twice: a host has one role",
        "host host-b: the role 'boss' is neither control-plane nor worker");
  }

  @Test
  @DisplayName("When the name, the version and the network are wrong, then all are named together")
  void nameVersionNetwork() {
    RequestRefused e = refused(new CreateClusterRequest("Store_42", DEFINITION.digest(), "9.9.9",
        values(), oneAndTwo(), new NetworkSettings("10.42.0.10", "10.42.0.0/16", "10.42.128.0/17")));

    assertThat(e.problems()).containsExactly(
        "the cluster name 'Store_42' must be at most 63 lower-case letters, digits and '-', starting and ending "
            + "with a letter or digit (it becomes part of host and certificate names)",
        "the definition holds no version 9.9.9 (it holds: retail-1.4.0 (1.4.0), retail-1.5.0 (1.5.0))",
        "the pod range 10.42.0.0/16 and the service range 10.42.128.0/17 overlap: a service address would collide "
            + "with a pod's; choose ranges apart",
        "the control-plane address 10.42.0.10 lies in the pod range 10.42.0.0/16: it must be an address of the "
            + "hosts' own network");
  }

  @Test
  @DisplayName("When network settings are given, then they go into spec.network; malformed ones are named")
  void networkSettings() throws Exception {
    ClusterCreationPlan plan = ClusterCreationPlan.plan(DEFINITION, request(values("storeId", "0042",
        "dbPassword", "x"), oneAndTwo(), new NetworkSettings("192.168.10.100", "10.60.0.0/16", null)), HOSTS);
    assertThat(plan.cluster().getSpec().getNetwork().getControlPlaneEndpoint()).isEqualTo("192.168.10.100");
    assertThat(plan.cluster().getSpec().getNetwork().getPodCidr()).isEqualTo("10.60.0.0/16");
    assertThat(plan.cluster().getSpec().getNetwork().getServiceCidr()).isNull();

    RequestRefused e = refused(request(values("storeId", "0042", "dbPassword", "x"), oneAndTwo(),
        new NetworkSettings("192.168.10", "10.42.1.0/16", "10.43.0.0/33")));
    assertThat(e.problems()).containsExactly(
        "the control-plane address '192.168.10' is not an IPv4 address such as 192.168.10.100",
        "the pod range 10.42.1.0/16 has host bits set: write it from its first address, 10.42.0.0/16",
        "the service range '10.43.0.0/33' is not an IPv4 range such as 10.43.0.0/16");
  }

  @Test
  @DisplayName("When a version is named by its object name or its version, then both choose it")
  void versionByNameOrNumber() throws Exception {
    ClusterCreationPlan byName = ClusterCreationPlan.plan(DEFINITION, new CreateClusterRequest("store-0042",
        DEFINITION.digest(), "retail-1.4.0", values("storeId", "0042", "dbPassword", "x"), oneAndTwo(), null), HOSTS);
    assertThat(byName.cluster().getSpec().getProfileRef().getName()).isEqualTo("retail-1.4.0");
  }
}
