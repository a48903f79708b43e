package dev.lifecycle.edge.operator.gateway.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.PlanRegistries;
import dev.lifecycle.edge.operator.registry.RegistryCredentials;
import dev.lifecycle.edge.api.v1alpha1.SecretVariable;
import dev.lifecycle.edge.operator.gateway.caches.JoinSecretCache;
import dev.lifecycle.edge.operator.gateway.caches.VariableSecretCache;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.gateway.registration.WireToApi;
import dev.lifecycle.edge.operator.variables.VariableSyntax;
import dev.lifecycle.edge.wire.Plan;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plan a host gets from {@code GET /v1/plan}: its own plan from the cache, with its cluster's join
 * secret when the plan installs or upgrades Kubernetes (Init, Join, Upgrade), and with the values of its
 * variables read from Secrets substituted into its layers (escaped references made literal). A plan of no
 * cluster, and a Reset, carry no join secret; secrets are looked up in the host's own namespace only, by
 * the names the host's own plan gives, so no credential reaches another namespace's Secret. The same holds for the
 * credentials of the registries the plan names (status.plan.registries.configs.*.credentialsSecret). Secrets are
 * added here, to the answer only: they are never in the EdgeHost.
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
    Optional<Plan.Registries> registries = registries(namespace, plan);
    if (registries.isEmpty()) {
      return Optional.empty();
    }
    Plan stored = WireToApi.plan(plan);
    Plan wire = withLayers(stored, stored.layers().stream()
        .map(layer -> VariableSyntax.substitute(layer, name -> Optional.ofNullable(values.get(name)), true))
        .toList(), registries.get().mirrors().isEmpty() && registries.get().configs().isEmpty() ? null
        : registries.get());
    if (!NEEDS_SECRET.contains(plan.getAction()) || plan.getCluster() == null) {
      return Optional.of(wire);
    }
    return secrets.of(namespace, plan.getCluster()).map(secret -> withSecret(wire, secret));
  }

  /**
   * The plan's registry settings with the credentials of each config that names a Secret, read from the gateway's
   * watch; empty when one of them is not available.
   */
  private Optional<Plan.Registries> registries(String namespace, HostPlan plan) {
    PlanRegistries stored = plan.getRegistries();
    if (stored == null) {
      return Optional.of(new Plan.Registries(Map.of(), Map.of()));
    }
    Map<String, Plan.Registries.Mirror> mirrors = new LinkedHashMap<>();
    stored.getMirrors().forEach((host, mirror) -> mirrors.put(host, mirror == null ? new Plan.Registries.Mirror(List.of())
        : new Plan.Registries.Mirror(mirror.getEndpoint(), mirror.getRewrite())));
    Map<String, Plan.Registries.Config> configs = new LinkedHashMap<>();
    for (Map.Entry<String, PlanRegistries.Config> entry : stored.getConfigs().entrySet()) {
      PlanRegistries.Config config = entry.getValue();
      if (config == null) {
        continue;
      }
      Plan.Registries.Auth auth = null;
      if (config.getCredentialsSecret() != null) {
        Optional<RegistryCredentials.Found> found = credentials(namespace, config.getCredentialsSecret(), entry.getKey());
        if (found.isEmpty()) {
          return Optional.empty();
        }
        auth = new Plan.Registries.Auth(found.get().username(), found.get().password());
      }
      configs.put(entry.getKey(), new Plan.Registries.Config(auth, config.getCaPem()));
    }
    return Optional.of(new Plan.Registries(mirrors, configs));
  }

  private Optional<RegistryCredentials.Found> credentials(String namespace, String secret, String host) {
    return variables.secret(namespace, secret).map(s -> RegistryCredentials.read(s, host))
        .filter(RegistryCredentials.Found.class::isInstance).map(RegistryCredentials.Found.class::cast);
  }

  /** The refusal of a plan whose secrets are missing, naming what is: the agent asks again after Retry-After. */
  ApiError unavailable(EdgeHost host, HostPlan plan) {
    if (plan.getRegistries() != null) {
      for (Map.Entry<String, PlanRegistries.Config> entry : plan.getRegistries().getConfigs().entrySet()) {
        String secret = entry.getValue() == null ? null : entry.getValue().getCredentialsSecret();
        if (secret != null && credentials(host.getMetadata().getNamespace(), secret, entry.getKey()).isEmpty()) {
          return new ApiError(503, "RegistryCredentialsUnavailable", "the credentials for registry " + entry.getKey()
              + " (Secret " + secret + ") are not available to the gateway: try again in " + RETRY_AFTER_SECONDS
              + " s");
        }
      }
    }
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

  private static Plan withLayers(Plan plan, List<JsonNode> layers, Plan.Registries registries) {
    return new Plan(plan.generation(), plan.action(), plan.cluster(), plan.role(), plan.profile(),
        plan.profileVersion(), plan.controlPlaneEndpoint(), layers, plan.issuedAt(), plan.rollout(),
        plan.site(), plan.podCidr(), plan.serviceCidr(), plan.nodeLabels(), plan.nodeTaints(), registries,
        plan.joinSecret());
  }

  private static Plan withSecret(Plan plan, String secret) {
    return new Plan(plan.generation(), plan.action(), plan.cluster(), plan.role(), plan.profile(),
        plan.profileVersion(), plan.controlPlaneEndpoint(), plan.layers(), plan.issuedAt(), plan.rollout(),
        plan.site(), plan.podCidr(), plan.serviceCidr(), plan.nodeLabels(), plan.nodeTaints(), plan.registries(),
        secret);
  }
}
