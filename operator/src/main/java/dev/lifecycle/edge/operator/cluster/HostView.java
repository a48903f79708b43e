package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.operator.host.HostPhaseJudge;
import dev.lifecycle.edge.operator.host.HostRules;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What the cluster planners need to know of one host, as plain values: the planners never see an
 * API object, so they are tested with hand-made hosts.
 *
 * @param name the EdgeHost's name
 * @param labels its labels, which host selectors match
 * @param phase its phase, judged from its status the way the host reconciler judges it
 * @param cluster the cluster that claimed it, or null
 * @param role its role in that cluster, or null
 * @param plan its current plan, or null
 * @param profileVersion the profile version the agent reports applied, or null
 * @param report what the agent last said about its plan (the failure it reported), or null
 * @param address the address the host reported in its inventory ({@link ControlPlaneAddress#of}), or null
 * @param claimedAt when its cluster claimed it (status.cluster.claimedAt), or null when not recorded
 */
public record HostView(String name, Map<String, String> labels, Phase phase, String cluster, HostRole role,
    HostPlan plan, String profileVersion, String report, String address, Instant claimedAt) {

  /** A host whose claim time is not recorded. */
  public HostView(String name, Map<String, String> labels, Phase phase, String cluster, HostRole role, HostPlan plan,
      String profileVersion, String report, String address) {
    this(name, labels, phase, cluster, role, plan, profileVersion, report, address, null);
  }

  /** A host that reported no address. */
  public HostView(String name, Map<String, String> labels, Phase phase, String cluster, HostRole role, HostPlan plan,
      String profileVersion, String report) {
    this(name, labels, phase, cluster, role, plan, profileVersion, report, null);
  }

  /** A host the agent said nothing about. */
  public HostView(String name, Map<String, String> labels, Phase phase, String cluster, HostRole role, HostPlan plan,
      String profileVersion) {
    this(name, labels, phase, cluster, role, plan, profileVersion, null);
  }

  /** @param listeningSince when the operator started (see {@link HostPhaseJudge#phase}) */
  public static HostView of(EdgeHost host, Instant now, Duration staleness, Instant listeningSince) {
    EdgeHostStatus status = host.getStatus();
    Map<String, String> labels = host.getMetadata().getLabels() == null ? Map.of() : host.getMetadata().getLabels();
    Phase phase = HostPhaseJudge.phase(status, now, staleness, listeningSince);
    if (status == null) {
      return new HostView(host.getMetadata().getName(), labels, phase, null, null, null, null);
    }
    HostRole role = status.getCluster() == null ? null : status.getCluster().getRole();
    String report = status.getReport() == null ? null : status.getReport().getMessage();
    return new HostView(host.getMetadata().getName(), labels, phase, HostRules.clusterOf(status), role,
        status.getPlan(), status.getProfileVersion(), report,
        ControlPlaneAddress.of(status.getInventory()).orElse(null), claimedAt(status));
  }

  /** This host as seen after another cluster won the race to claim it. */
  public HostView claimedElsewhere() {
    return new HostView(name, labels, phase, "(another cluster)", null, plan, profileVersion, report, address, null);
  }

  /** This host as its cluster recorded it in its own status, when the host cache does not show the claim yet. */
  public HostView claimedBy(String clusterName, HostRole claimedRole) {
    return new HostView(name, labels, phase, clusterName, claimedRole, plan, profileVersion, report, address,
        claimedAt);
  }

  /** Whether {@code clusterName} released the host with a Reset plan that it has not yet reported applied. */
  public boolean resettingFrom(String clusterName) {
    return cluster == null && plan != null && plan.getAction() == HostPlan.Action.Reset
        && clusterName.equals(plan.getCluster()) && phase != Phase.Available;
  }

  private static Instant claimedAt(EdgeHostStatus status) {
    if (status.getCluster() == null || status.getCluster().getClaimedAt() == null) {
      return null;
    }
    try {
      return Instant.parse(status.getCluster().getClaimedAt());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public boolean ownedBy(String clusterName) {
    return clusterName.equals(cluster);
  }

  public boolean isAvailable() {
    return cluster == null && phase == Phase.Available;
  }

  public boolean isRunning() {
    return phase == Phase.Running;
  }
}
