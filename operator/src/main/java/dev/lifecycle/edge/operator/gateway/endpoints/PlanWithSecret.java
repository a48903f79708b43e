package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.operator.gateway.caches.JoinSecretCache;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.gateway.registration.WireToApi;
import dev.lifecycle.edge.wire.Plan;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The plan a host gets from {@code GET /v1/plan}: its own plan from the cache, with its cluster's join
 * secret when the plan installs or upgrades Kubernetes (Init, Join, Upgrade). A plan of no cluster, and
 * a Reset, carry none; the secret is looked up by the cluster the host's own plan names, in the host's
 * own namespace, so no credential reaches another cluster's secret. The secret is added here, to the
 * answer only: it is never in the EdgeHost.
 */
final class PlanWithSecret {

  /** How long an agent waits before asking again for a plan whose join secret the gateway lacks. */
  static final long RETRY_AFTER_SECONDS = 1;
  private static final Set<HostPlan.Action> NEEDS_SECRET = EnumSet.of(HostPlan.Action.Init, HostPlan.Action.Join,
      HostPlan.Action.Upgrade);

  private final JoinSecretCache secrets;

  PlanWithSecret(JoinSecretCache secrets) {
    this.secrets = secrets;
  }

  /** The answer's plan; empty when it needs a join secret the gateway does not have (yet). */
  Optional<Plan> of(EdgeHost host, HostPlan plan) {
    Plan wire = WireToApi.plan(plan);
    if (!NEEDS_SECRET.contains(plan.getAction()) || plan.getCluster() == null) {
      return Optional.of(wire);
    }
    return secrets.of(host.getMetadata().getNamespace(), plan.getCluster()).map(secret -> withSecret(wire, secret));
  }

  /** The refusal of a plan whose join secret is missing: the agent asks again after Retry-After. */
  static ApiError unavailable(HostPlan plan) {
    return new ApiError(503, "JoinSecretUnavailable", "the join secret of cluster " + plan.getCluster()
        + " is not available to the gateway yet: try again in " + RETRY_AFTER_SECONDS + " s");
  }

  private static Plan withSecret(Plan plan, String secret) {
    return new Plan(plan.generation(), plan.action(), plan.cluster(), plan.role(), plan.profile(),
        plan.profileVersion(), plan.controlPlaneEndpoint(), plan.layers(), plan.issuedAt(), plan.rollout(),
        plan.site(), plan.podCidr(), plan.serviceCidr(), plan.nodeLabels(), plan.nodeTaints(), plan.registries(),
        secret);
  }
}
