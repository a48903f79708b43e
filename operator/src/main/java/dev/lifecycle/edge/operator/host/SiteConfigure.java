package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.wire.Site;
import dev.lifecycle.edge.wire.SiteLayers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a host needs a Configure plan now, and which: when the operator's site settings of the host
 * ({@link OperatorSite}) differ from those its current plan carries, and that plan is settled (reported
 * Applied, or a Configure reported Failed, which a corrected spec.site retries). A host working on a
 * plan gets nothing here: the plan after it carries the new settings (every plan carries its
 * predecessor's), or a Configure follows once it is applied. A host that a cluster has just claimed gets
 * nothing either: its formation plan comes next and carries the settings. Pure.
 */
public final class SiteConfigure {

  private SiteConfigure() {
  }

  /**
   * @param status the host's status
   * @param wanted the operator's site settings of the host
   * @param now when the plan is issued
   * @return the Configure plan to write, or empty when the host needs none now
   */
  public static Optional<HostPlan> plan(EdgeHostStatus status, Site wanted, Instant now) {
    if (status == null || status.getRegistration() == null) {
      return Optional.empty();
    }
    HostPlan current = status.getPlan();
    String cluster = HostRules.clusterOf(status);
    if (current == null || current.getGeneration() == null) {
      return cluster != null || SiteLayers.isEmpty(wanted) ? Optional.empty()
          : Optional.of(configure(null, null, wanted, now));
    }
    if (SiteLayers.same(OperatorSite.wire(current.getSite()), wanted) || !settled(current, status.getReport())) {
      return Optional.empty();
    }
    if (cluster == null) {
      return Optional.of(configure(current, null, wanted, now));
    }
    boolean planOfItsCluster = cluster.equals(current.getCluster()) && current.getAction() != HostPlan.Action.Reset;
    return planOfItsCluster ? Optional.of(configure(current, current, wanted, now)) : Optional.empty();
  }

  /** Whether the agent is done with {@code plan}: applied it, or failed a Configure. */
  static boolean settled(HostPlan plan, AgentReport report) {
    if (report == null || !Objects.equals(report.getPlanGeneration(), plan.getGeneration())) {
      return false;
    }
    return report.getState() == AgentReport.State.Applied
        || report.getState() == AgentReport.State.Failed && plan.getAction() == HostPlan.Action.Configure;
  }

  /** Whether {@code plan} is a Configure of {@code cluster}'s host that keeps it in that cluster. */
  public static boolean configuresIn(HostPlan plan, String cluster) {
    return plan != null && plan.getAction() == HostPlan.Action.Configure && cluster != null
        && cluster.equals(plan.getCluster());
  }

  /**
   * The Configure plan after {@code current}, keeping what {@code kept} names (cluster, role, profile,
   * version, endpoint, layers, and the rollout that moved the host, with the instant it did, so that the
   * rollout still counts the move); a host in no cluster keeps nothing.
   */
  private static HostPlan configure(HostPlan current, HostPlan kept, Site wanted, Instant now) {
    HostPlan plan = new HostPlan();
    plan.setGeneration(HostRules.nextPlanGeneration(current));
    plan.setAction(HostPlan.Action.Configure);
    plan.setSite(OperatorSite.api(wanted));
    plan.setIssuedAt(now.toString());
    if (kept != null) {
      plan.setCluster(kept.getCluster());
      plan.setRole(kept.getRole());
      plan.setProfile(kept.getProfile());
      plan.setProfileVersion(kept.getProfileVersion());
      plan.setControlPlaneEndpoint(kept.getControlPlaneEndpoint());
      plan.setLayers(new ArrayList<>(kept.getLayers()));
      if (kept.getRollout() != null) {
        plan.setRollout(kept.getRollout());
        plan.setIssuedAt(kept.getIssuedAt());
      }
    }
    return plan;
  }

  /** The leaf fields whose values differ between two site settings, by name, for a person (never the values). */
  public static List<String> changedFields(Site before, Site after) {
    Site a = SiteLayers.merge(before);
    Site b = SiteLayers.merge(after);
    Site.Network na = a.network() == null ? new Site.Network(null, null, null, null) : a.network();
    Site.Network nb = b.network() == null ? new Site.Network(null, null, null, null) : b.network();
    Site.Proxy pa = a.proxy() == null ? new Site.Proxy(null, null, null) : a.proxy();
    Site.Proxy pb = b.proxy() == null ? new Site.Proxy(null, null, null) : b.proxy();
    List<String> changed = new ArrayList<>();
    add(changed, "hostname", a.hostname(), b.hostname());
    add(changed, "network.interface", na.interfaceName(), nb.interfaceName());
    add(changed, "network.addresses", na.addresses(), nb.addresses());
    add(changed, "network.gateway", na.gateway(), nb.gateway());
    add(changed, "network.dnsServers", na.dnsServers(), nb.dnsServers());
    add(changed, "proxy.httpProxy", pa.httpProxy(), pb.httpProxy());
    add(changed, "proxy.httpsProxy", pa.httpsProxy(), pb.httpsProxy());
    add(changed, "proxy.noProxy", pa.noProxy(), pb.noProxy());
    add(changed, "caCertificates", a.caCertificates(), b.caCertificates());
    add(changed, "ntpServers", a.ntpServers(), b.ntpServers());
    return changed;
  }

  private static void add(List<String> changed, String field, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      changed.add(field);
    }
  }
}
