package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.operator.variables.VariableResolver;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.HostChoice;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.NetworkSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rules {@link ClusterCreationPlan} applies, one part at a time, for a form that checks each part as it is
 * filled in (a variable as it is typed, the hosts, the network): the same sentences the creation refuses with.
 * {@link ClusterCreation#create} still judges everything again. Pure.
 */
public final class CreationChecks {

  private CreationChecks() {
  }

  /** The problems of a cluster's name; empty when it is good. */
  public static List<String> name(String name) {
    return ClusterCreationPlan.nameProblems(name);
  }

  /**
   * The problems of one variable's value for a new cluster (none given: {@code value} null), as the operator's
   * resolver judges them; empty when it is good.
   */
  public static List<String> variable(ProfileVariable declaration, String value) {
    Function<SecretKeyReference, VariableResolver.SecretValue> none =
        ref -> new VariableResolver.Missing("the Secret " + ref.getName() + " does not exist yet");
    return VariableValues.judge(List.of(declaration), List.of(),
        value == null ? Map.of() : Map.of(declaration.getName(), value), SiteLabels.variablesSecret("new"), none)
        .problems();
  }

  /** The problems of a choice of hosts and roles among the linked hosts; empty when it is good. */
  public static List<String> hosts(List<HostChoice> chosen, List<HostCandidate> linked) {
    return ClusterCreationPlan.hostProblems(chosen, linked);
  }

  /** The problems of network settings; empty when they are good. */
  public static List<String> network(NetworkSettings network) {
    return NetworkCheck.problems(network);
  }

  /** The pod range used when none is given. */
  public static String defaultPodRange() {
    return NetworkCheck.DEFAULT_POD_CIDR;
  }

  /** The service range used when none is given. */
  public static String defaultServiceRange() {
    return NetworkCheck.DEFAULT_SERVICE_CIDR;
  }
}
