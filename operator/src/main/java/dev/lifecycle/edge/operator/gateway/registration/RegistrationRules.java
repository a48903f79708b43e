package dev.lifecycle.edge.operator.gateway.registration;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus.Phase;
import dev.lifecycle.edge.operator.gateway.caches.HostDirectory;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.token.Judgement;
import dev.lifecycle.edge.operator.token.TokenVerdict;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides a registration from what is known: the token, the hosts bound to the machine id, the hosts
 * the token already registered. Pure, so every rule is a unit test:
 *
 * <ul>
 *   <li>a machine bound to a host of another namespace (and none of the token's) is a conflict, and
 *       the message does not name that namespace (another tenant's);
 *   <li>the token is judged as the token reconciler judges it, with the hosts it registered, not
 *       counting the machine's own host again: a re-registration never exhausts a token;
 *   <li>the machine's host in the token's namespace is claimed (pre-provisioned, never registered) or
 *       registered again; else a new host is created.
 * </ul>
 */
final class RegistrationRules {

  private RegistrationRules() {
  }

  /**
   * @param token the token the agent presented
   * @param machineId the machine's id
   * @param hostname the agent's host name (may be null)
   * @param labels the agent's labels
   * @param bound the hosts bound to the machine id, in any namespace
   * @param registeredWithToken keys (namespace/name) of the hosts the token registered
   * @param nameTaken whether a host of the token's namespace has a name
   * @param now the instant to judge the token at
   */
  record Facts(RegistrationToken token, String machineId, String hostname, Map<String, String> labels,
      List<EdgeHost> bound, Set<String> registeredWithToken, Predicate<String> nameTaken, Instant now) {
  }

  static RegistrationDecision decide(Facts facts) {
    String namespace = facts.token().getMetadata().getNamespace();
    Optional<EdgeHost> own = facts.bound().stream()
        .filter(host -> namespace.equals(host.getMetadata().getNamespace()))
        .min(Comparator.comparing((EdgeHost host) -> !registeredAs(host, facts.machineId())));
    if (own.isEmpty() && !facts.bound().isEmpty()) {
      return new RegistrationDecision.Refuse(ApiError.machineConflict("machine id " + facts.machineId()
          + " is bound to an EdgeHost of another namespace: a machine belongs to one project; delete that host "
          + "first, or register with a token of its namespace"));
    }
    boolean counted = own.map(host -> facts.registeredWithToken().contains(HostDirectory.key(host))).orElse(false);
    int registrations = facts.registeredWithToken().size() - (counted ? 1 : 0);
    Optional<ApiError> refusal = refusal(facts.token(), registrations, facts.now());
    if (refusal.isPresent()) {
      return new RegistrationDecision.Refuse(refusal.get());
    }
    if (own.isPresent()) {
      EdgeHost host = own.get();
      boolean registered = host.getStatus() != null && host.getStatus().getRegistration() != null;
      return registered ? new RegistrationDecision.Reregister(host) : new RegistrationDecision.Claim(host);
    }
    Map<String, String> labels = new LinkedHashMap<>(facts.labels());
    labels.putAll(facts.token().getSpec().getHostLabels());
    return new RegistrationDecision.Create(HostNaming.name(facts.hostname(), facts.machineId(), facts.nameTaken()),
        labels);
  }

  /** Why the token does not register this host now, if it does not. */
  static Optional<ApiError> refusal(RegistrationToken token, int registrations, Instant now) {
    String name = token.getMetadata().getName();
    Judgement judgement = Judgement.of(token, registrations, now);
    if (judgement.verdict().isEmpty()) {
      return Optional.of(ApiError.forbidden("TokenInvalid", "registration token " + name
          + " cannot be judged: " + judgement.invalidSpec().orElse("its spec is invalid")));
    }
    TokenVerdict verdict = judgement.verdict().get();
    if (verdict.phase() == Phase.Active) {
      return Optional.empty();
    }
    String code = switch (verdict.phase()) {
      case Expired -> "TokenExpired";
      case Revoked -> "TokenRevoked";
      default -> "TokenExhausted";
    };
    return Optional.of(ApiError.forbidden(code, "registration token " + name + " is "
        + verdict.phase().name().toLowerCase(Locale.ROOT) + ": " + verdict.message()));
  }

  private static boolean registeredAs(EdgeHost host, String machineId) {
    return host.getStatus() != null && host.getStatus().getRegistration() != null
        && Objects.equals(host.getStatus().getRegistration().getMachineId(), machineId);
  }
}
