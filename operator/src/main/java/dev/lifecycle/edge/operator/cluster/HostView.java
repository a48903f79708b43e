package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.Remediation;
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
 * @param replaces the host of its cluster it was claimed to replace (status.cluster.replaces), or null
 * @param replaceRequested whether its EdgeHost carries the replace annotation ({@link Remediation#REPLACE_ANNOTATION})
 */
public record HostView(String name, Map<String, String> labels, Phase phase, String cluster, HostRole role,
    HostPlan plan, String profileVersion, String report, String address, Instant claimedAt, String replaces,
    boolean replaceRequested) {

  /** A host that replaces no other and whose replacement nobody asked for. */
  public HostView(String name, Map<String, String> labels, Phase phase, String cluster, HostRole role, HostPlan plan,
      String profileVersion, String report, String address, Instant claimedAt) {
    this(name, labels, phase, cluster, role, plan, profileVersion, report, address, claimedAt, null, false);
  }

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

  /** @param heardSince see {@link HostPhaseJudge#phase} */
  public static HostView of(EdgeHost host, Instant now, Duration staleness, Instant heardSince) {
    EdgeHostStatus status = host.getStatus();
    Map<String, String> labels = host.getMetadata().getLabels() == null ? Map.of() : host.getMetadata().getLabels();
    Phase phase = HostPhaseJudge.phase(status, now, staleness, heardSince);
    if (status == null) {
      return new HostView(host.getMetadata().getName(), labels, phase, null, null, null, null, null, null, null, null,
          replaceRequested(host));
    }
    HostRole role = status.getCluster() == null ? null : status.getCluster().getRole();
    String report = status.getReport() == null ? null : status.getReport().getMessage();
    String replaces = status.getCluster() == null ? null : status.getCluster().getReplaces();
    return new HostView(host.getMetadata().getName(), labels, phase, HostRules.clusterOf(status), role,
        status.getPlan(), status.getProfileVersion(), report,
        ControlPlaneAddress.of(status.getInventory()).orElse(null), claimedAt(status), replaces,
        replaceRequested(host));
  }

  private static boolean replaceRequested(EdgeHost host) {
    Map<String, String> annotations = host.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(Remediation.REPLACE_ANNOTATION);
  }

  /** This host as seen after another cluster won the race to claim it. */
  public HostView claimedElsewhere() {
    return new HostView(name, labels, phase, "(another cluster)", null, plan, profileVersion, report, address, null,
        null, replaceRequested);
  }

  /** This host as its cluster recorded it in its own status, when the host cache does not show the claim yet. */
  public HostView claimedBy(String clusterName, HostRole claimedRole) {
    return new HostView(name, labels, phase, clusterName, claimedRole, plan, profileVersion, report, address,
        claimedAt, replaces, replaceRequested);
  }

  /**
   * Whether {@code clusterName} released the host with a Reset plan that it has not yet reported applied. A
   * released host that went silent is not resetting: it holds nothing (a replaced dead host may never return),
   * and resets when it comes back.
   */
  public boolean resettingFrom(String clusterName) {
    return cluster == null && plan != null && plan.getAction() == HostPlan.Action.Reset
        && clusterName.equals(plan.getCluster()) && phase != Phase.Available && phase != Phase.Unreachable;
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

  /** Available, and not marked for replacement: a host waiting for a hardware swap is never claimed again. */
  public boolean isClaimable() {
    return isAvailable() && !replaceRequested;
  }

  /** Failed or Unreachable: what remediation replaces. */
  public boolean isUnhealthy() {
    return phase == Phase.Failed || phase == Phase.Unreachable;
  }

  public boolean isRunning() {
    return phase == Phase.Running;
  }
}
