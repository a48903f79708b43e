package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.api.v1alpha1.ProfileReference;
import dev.lifecycle.edge.api.v1alpha1.WorkersSpec;
import dev.lifecycle.edge.operator.variables.VariableResolver;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.HostChoice;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What creating a cluster from a kept definition writes, decided before anything is written: the EdgeCluster, the
 * labels that pin the chosen hosts to it, and the values of its sensitive variables for its site Secret. Pure.
 *
 * <p>The operator claims Available hosts that match a role's {@code hostSelector} (by name order). The site pins
 * its choice: each chosen host gets the labels {@link SiteLabels#CLUSTER} (the cluster) and {@link SiteLabels#ROLE}
 * (its role), and each role's selector asks for exactly those labels, with the role's count the number of hosts
 * chosen for it, so the operator claims exactly the chosen hosts, in their roles.
 *
 * @param cluster the EdgeCluster to create
 * @param controlPlaneHosts the hosts chosen as control-plane hosts
 * @param workerHosts the hosts chosen as workers
 * @param secretName the cluster's site Secret, written only when {@code secretValues} is not empty
 * @param secretValues the values of its sensitive variables, by name; never shown
 */
public record ClusterCreationPlan(EdgeCluster cluster, List<String> controlPlaneHosts, List<String> workerHosts,
    String secretName, Map<String, String> secretValues) {

  private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

  /** How many control-plane hosts a cluster may have. */
  public static final List<Integer> CONTROL_PLANE_COUNTS = List.of(1, 3);

  /** Why the control plane has {@link #CONTROL_PLANE_COUNTS} hosts, for a person. */
  public static final String CONTROL_PLANE_WHY = "its datastore (etcd) needs a majority of them to agree, so 2 hosts "
      + "survive no more failures than 1, and 3 survive the loss of one; choose 1 (a small site) or 3 (a cluster "
      + "that keeps running when a host dies)";

  /** The labels a chosen host gets. */
  public static Map<String, String> hostLabels(String cluster, HostRole role) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(SiteLabels.CLUSTER, cluster);
    labels.put(SiteLabels.ROLE, role.value());
    return labels;
  }

  /** Every chosen host with its role, control plane first. */
  public Map<String, HostRole> roles() {
    Map<String, HostRole> roles = new LinkedHashMap<>();
    controlPlaneHosts.forEach(h -> roles.put(h, HostRole.CONTROL_PLANE));
    workerHosts.forEach(h -> roles.put(h, HostRole.WORKER));
    return roles;
  }

  /**
   * @param hosts the hosts linked to the site
   * @throws RequestRefused 422 {@code ClusterRefused} naming every problem found
   */
  public static ClusterCreationPlan plan(KeptDefinition definition, CreateClusterRequest request,
      List<HostCandidate> hosts) throws RequestRefused {
    List<String> problems = new ArrayList<>();
    String name = request.name();
    problems.addAll(nameProblems(name));

    Optional<ClusterProfile> version = definition.version(request.version());
    String secretName = SiteLabels.variablesSecret(name == null ? "" : name);
    VariableValues.Outcome variables = null;
    if (version.isEmpty()) {
      problems.add(request.version() == null ? "choose a version of the definition (it holds: "
          + definition.versionList() + ")" : "the definition holds no version " + request.version() + " (it holds: "
          + definition.versionList() + ")");
    } else {
      // A new cluster has no Secret yet: every value it reads from one is given now.
      Function<dev.lifecycle.edge.api.v1alpha1.SecretKeyReference, VariableResolver.SecretValue> none =
          ref -> new VariableResolver.Missing("the Secret " + ref.getName() + " does not exist yet");
      variables = VariableValues.judge(version.get().getSpec().getVariables(), List.of(), request.variables(),
          secretName, none);
      problems.addAll(variables.problems());
    }

    List<String> controlPlane = new ArrayList<>();
    List<String> workers = new ArrayList<>();
    problems.addAll(hostProblems(request.hosts(), hosts, controlPlane, workers));
    problems.addAll(NetworkCheck.problems(request.network()));

    if (!problems.isEmpty()) {
      throw RequestRefused.all(RequestRefused.UNPROCESSABLE, "ClusterRefused", "the cluster "
          + (name == null ? "" : name + " ") + "was not created", problems);
    }

    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setProfileRef(new ProfileReference(version.get().getMetadata().getName()));
    ControlPlaneSpec controlPlaneSpec = new ControlPlaneSpec(controlPlane.size());
    controlPlaneSpec.setHostSelector(new HostSelector(hostLabels(name, HostRole.CONTROL_PLANE)));
    spec.setControlPlane(controlPlaneSpec);
    WorkersSpec workersSpec = new WorkersSpec(workers.size());
    workersSpec.setHostSelector(new HostSelector(hostLabels(name, HostRole.WORKER)));
    spec.setWorkers(workersSpec);
    spec.setNetwork(NetworkCheck.toSpec(request.network()));
    spec.setVariables(new ArrayList<>(variables.variables()));
    EdgeCluster cluster = new EdgeCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName(name)
        .withAnnotations(new LinkedHashMap<>(Map.of(SiteLabels.DEFINITION, definition.digest()))).build());
    cluster.setSpec(spec);
    return new ClusterCreationPlan(cluster, List.copyOf(controlPlane), List.copyOf(workers), secretName,
        Map.copyOf(variables.secretValues()));
  }

  /** The problems of a cluster's name; empty when it is good. */
  public static List<String> nameProblems(String name) {
    if (name == null || name.isEmpty()) {
      return List.of("give the cluster a name");
    }
    if (name.length() > 63 || !NAME.matcher(name).matches()) {
      return List.of("the cluster name '" + name + "' must be at most 63 lower-case letters, digits and '-', "
          + "starting and ending with a letter or digit (it becomes part of host and certificate names)");
    }
    return List.of();
  }

  /** The problems of a choice of hosts and roles, each for a person; empty when it is good. */
  public static List<String> hostProblems(List<HostChoice> chosen, List<HostCandidate> linked) {
    return hostProblems(chosen, linked, new ArrayList<>(), new ArrayList<>());
  }

  private static List<String> hostProblems(List<HostChoice> chosen, List<HostCandidate> linked,
      List<String> controlPlane, List<String> workers) {
    List<String> problems = new ArrayList<>();
    if (chosen == null || chosen.isEmpty()) {
      problems.add("choose the cluster's hosts: 1 or 3 control-plane hosts and any number of workers, among the "
          + "Available linked hosts" + available(linked));
      return problems;
    }
    Map<String, HostCandidate> byName = new LinkedHashMap<>();
    linked.forEach(h -> byName.put(h.name(), h));
    Set<String> seen = new HashSet<>();
    for (HostChoice choice : chosen) {
      String host = choice.host();
      if (host == null || !seen.add(host)) {
        problems.add(host == null ? "a chosen host has no name" : "host " + host + " is chosen twice: a host "
            + "has one role");
        continue;
      }
      HostRole role;
      try {
        role = HostRole.fromValue(choice.role());
      } catch (IllegalArgumentException e) {
        problems.add("host " + host + ": the role '" + choice.role() + "' is neither control-plane nor worker");
        continue;
      }
      HostCandidate candidate = byName.get(host);
      if (candidate == null) {
        problems.add("no host " + host + " is linked to the site" + available(linked));
        continue;
      }
      String why = candidate.unavailableBecause();
      if (why != null) {
        problems.add(why);
        continue;
      }
      (role == HostRole.CONTROL_PLANE ? controlPlane : workers).add(host);
    }
    long controlPlaneChosen = chosen.stream().filter(c -> HostRole.CONTROL_PLANE.value().equals(c.role()))
        .map(HostChoice::host).distinct().count();
    if (!CONTROL_PLANE_COUNTS.contains((int) controlPlaneChosen)) {
      problems.add("a cluster has 1 or 3 control-plane hosts, and " + controlPlaneChosen + " were chosen: "
          + CONTROL_PLANE_WHY);
    }
    return problems;
  }

  private static String available(List<HostCandidate> linked) {
    List<String> names = linked.stream().filter(h -> h.unavailableBecause() == null).map(HostCandidate::name)
        .sorted().toList();
    return names.isEmpty() ? " (no host is Available now)" : " (Available now: " + String.join(", ", names) + ")";
  }

  @Override
  public String toString() {
    return "ClusterCreationPlan[cluster=" + cluster.getMetadata().getName() + ", controlPlaneHosts="
        + controlPlaneHosts + ", workerHosts=" + workerHosts + ", secretValues=" + secretValues.keySet() + "]";
  }
}
