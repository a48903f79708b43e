package dev.lifecycle.edge.operator.gateway.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.SecretVariable;
import dev.lifecycle.edge.operator.gateway.caches.JoinSecretCache;
import dev.lifecycle.edge.operator.gateway.caches.VariableSecretCache;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.gateway.registration.WireToApi;
import dev.lifecycle.edge.operator.variables.VariableSyntax;
import dev.lifecycle.edge.wire.Plan;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plan a host gets from {@code GET /v1/plan}: its own plan from the cache, with its cluster's join
 * secret when the plan installs or upgrades Kubernetes (Init, Join, Upgrade), and with the values of its
 * variables read from Secrets substituted into its layers (escaped references made literal). A plan of no
 * cluster, and a Reset, carry no join secret; secrets are looked up in the host's own namespace only, by
 * the names the host's own plan gives, so no credential reaches another namespace's Secret. Secrets are added
 * here, to the answer only: they are never in the EdgeHost.
 */
final class PlanWithSecret {

  /** How long an agent waits before asking again for a plan whose secrets the gateway lacks. */
  static final long RETRY_AFTER_SECONDS = 1;
  private static final Set<HostPlan.Action> NEEDS_SECRET = EnumSet.of(HostPlan.Action.Init, HostPlan.Action.Join,
      HostPlan.Action.Upgrade);

  private final JoinSecretCache secrets;
  private final VariableSecretCache variables;

  PlanWithSecret(JoinSecretCache secrets, VariableSecretCache variables) {
    this.secrets = secrets;
    this.variables = variables;
  }

  /** The answer's plan; empty when it needs a secret the gateway does not have (yet). */
  Optional<Plan> of(EdgeHost host, HostPlan plan) {
    String namespace = host.getMetadata().getNamespace();
    Map<String, JsonNode> values = new HashMap<>();
    for (SecretVariable variable : plan.getSecretVariables()) {
      Optional<String> value = variables.of(namespace, variable.getSecretKeyRef());
      if (value.isEmpty()) {
        return Optional.empty();
      }
      values.put(variable.getName(), TextNode.valueOf(value.get()));
    }
    Plan stored = WireToApi.plan(plan);
    Plan wire = withLayers(stored, stored.layers().stream()
        .map(layer -> VariableSyntax.substitute(layer, name -> Optional.ofNullable(values.get(name)), true))
        .toList());
    if (!NEEDS_SECRET.contains(plan.getAction()) || plan.getCluster() == null) {
      return Optional.of(wire);
    }
    return secrets.of(namespace, plan.getCluster()).map(secret -> withSecret(wire, secret));
  }

  /** The refusal of a plan whose secrets are missing, naming what is: the agent asks again after Retry-After. */
  ApiError unavailable(EdgeHost host, HostPlan plan) {
    for (SecretVariable variable : plan.getSecretVariables()) {
      if (variables.of(host.getMetadata().getNamespace(), variable.getSecretKeyRef()).isEmpty()) {
        return new ApiError(503, "VariableSecretUnavailable", "the value of variable " + variable.getName()
            + " (" + variable.getSecretKeyRef() + ") is not available to the gateway: try again in "
            + RETRY_AFTER_SECONDS + " s");
      }
    }
    return new ApiError(503, "JoinSecretUnavailable", "the join secret of cluster " + plan.getCluster()
        + " is not available to the gateway yet: try again in " + RETRY_AFTER_SECONDS + " s");
  }

  private static Plan withLayers(Plan plan, List<JsonNode> layers) {
    return new Plan(plan.generation(), plan.action(), plan.cluster(), plan.role(), plan.profile(),
        plan.profileVersion(), plan.controlPlaneEndpoint(), layers, plan.issuedAt(), plan.rollout(),
        plan.site(), plan.podCidr(), plan.serviceCidr(), plan.nodeLabels(), plan.nodeTaints(), plan.registries(),
        plan.joinSecret());
  }

  private static Plan withSecret(Plan plan, String secret) {
    return new Plan(plan.generation(), plan.action(), plan.cluster(), plan.role(), plan.profile(),
        plan.profileVersion(), plan.controlPlaneEndpoint(), plan.layers(), plan.issuedAt(), plan.rollout(),
        plan.site(), plan.podCidr(), plan.serviceCidr(), plan.nodeLabels(), plan.nodeTaints(), plan.registries(),
        secret);
  }
}
