package dev.lifecycle.edge.operator.gateway.registration;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus.Phase;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.token.Judgement;
import dev.lifecycle.edge.operator.token.RegistrationCount;
import dev.lifecycle.edge.operator.token.TokenVerdict;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides a registration from what is known: the token, the hosts bound to the machine id, the hosts
 * the token already registered, whether the request holds a host's current credential. Pure, so every
 * rule is a unit test:
 *
 * <ul>
 *   <li>a machine bound to a host of another namespace (and none of the token's) is a conflict, and
 *       the message does not name that namespace (another tenant's);
 *   <li>the token is judged as the token reconciler judges it ({@link RegistrationCount}): a machine
 *       new to the token needs a free slot and takes it; the machine's own host registered with the
 *       token is already counted, so a re-registration never exhausts a token;
 *   <li>a request whose own credential secret makes the host's current credential (with the token that
 *       registered the host) is that registration sent again, its answer lost on the way: it gets the same
 *       answer and nothing is written. The secret is the agent's and travels only in its requests, so a
 *       stolen token with a known machine id, or a second machine, cannot make it;
 *   <li>a machine id is no secret (status shows it): the machine's registered host registers again only
 *       for a request that holds the host's current credential, or once a person allowed it by
 *       annotating the host with {@value #ALLOW_REREGISTRATION} set to the hash of the credential to
 *       replace (a re-imaged host); else 409, and nothing changes;
 *   <li>a pre-provisioned host that never registered is claimed by its machine id; else a new host is
 *       created.
 * </ul>
 */
final class RegistrationRules {

  /**
   * A person's allowance for one re-registration without the credential: the value is the host's
   * {@code status.registration.credentialHash}, so it allows replacing that very credential once, and
   * the gateway never writes a person's metadata (nothing for GitOps to undo).
   */
  static final String ALLOW_REREGISTRATION = ApiGroup.GROUP + "/allow-reregistration";

  /** The code of the 409 to a re-registration without proof. */
  static final String REREGISTRATION_NOT_ALLOWED = "ReregistrationNotAllowed";

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
   * @param holdsCredential whether the request holds a host's current credential
   * @param issuedToRequest whether a host's current credential is the one made with the request's own
   *     credential secret (it was issued to this registration before)
   * @param now the instant to judge the token at
   */
  record Facts(RegistrationToken token, String machineId, String hostname, Map<String, String> labels,
      List<EdgeHost> bound, Set<String> registeredWithToken, Predicate<String> nameTaken,
      Predicate<EdgeHost> holdsCredential, Predicate<EdgeHost> issuedToRequest, Instant now) {

    /** Facts of a request that carries no credential secret of its own. */
    Facts(RegistrationToken token, String machineId, String hostname, Map<String, String> labels,
        List<EdgeHost> bound, Set<String> registeredWithToken, Predicate<String> nameTaken,
        Predicate<EdgeHost> holdsCredential, Instant now) {
      this(token, machineId, hostname, labels, bound, registeredWithToken, nameTaken, holdsCredential,
          host -> false, now);
    }
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
    RegistrationToken token = facts.token();
    String tokenName = token.getMetadata().getName();
    boolean newToToken = own.map(host -> !tokenName.equals(tokenOf(host))).orElse(true);
    int count = RegistrationCount.of(token.getSpec(), token.getStatus(), facts.registeredWithToken().size());
    Optional<ApiError> refusal = refusal(token, newToToken ? count : Math.max(0, count - 1), facts.now());
    if (refusal.isPresent()) {
      return new RegistrationDecision.Refuse(refusal.get());
    }
    boolean limited = token.getSpec().getMaxRegistrations() != null;
    OptionalInt slot = newToToken && limited ? OptionalInt.of(count + 1) : OptionalInt.empty();
    if (own.isEmpty()) {
      Map<String, String> labels = new LinkedHashMap<>(facts.labels());
      labels.putAll(token.getSpec().getHostLabels());
      return new RegistrationDecision.Create(HostNaming.name(facts.hostname(), facts.machineId(), facts.nameTaken()),
          labels, slot);
    }
    EdgeHost host = own.get();
    if (host.getStatus() == null || host.getStatus().getRegistration() == null) {
      return new RegistrationDecision.Claim(host, slot);
    }
    if (!newToToken && facts.issuedToRequest().test(host)) {
      return new RegistrationDecision.Repeat(host);
    }
    if (facts.holdsCredential().test(host) || allowed(host)) {
      return new RegistrationDecision.Reregister(host, slot);
    }
    return new RegistrationDecision.Refuse(notAllowed(facts.machineId(), host));
  }

  /** The 409 to a re-registration without proof, naming the host and how a person allows it. */
  private static ApiError notAllowed(String machineId, EdgeHost host) {
    String namespace = host.getMetadata().getNamespace();
    String name = host.getMetadata().getName();
    return new ApiError(409, REREGISTRATION_NOT_ALLOWED, "machine id " + machineId + " is registered as EdgeHost "
        + namespace + "/" + name + ": registering it again needs the host's current credential (Authorization: "
        + "Bearer <host credential>); for a re-imaged host, a person allows one re-registration with: kubectl "
        + "annotate edgehost " + name + " -n " + namespace + " --overwrite " + ALLOW_REREGISTRATION
        + "=$(kubectl get edgehost " + name + " -n " + namespace
        + " -o jsonpath='{.status.registration.credentialHash}')");
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

  /** Whether a person allowed replacing the host's current credential (the annotation names its hash). */
  private static boolean allowed(EdgeHost host) {
    Map<String, String> annotations = host.getMetadata().getAnnotations();
    Optional<String> current = HostCredential.currentHash(host);
    return annotations != null && current.isPresent() && current.get().equals(annotations.get(ALLOW_REREGISTRATION));
  }

  private static String tokenOf(EdgeHost host) {
    return host.getStatus() == null || host.getStatus().getRegistration() == null ? null
        : host.getStatus().getRegistration().getTokenName();
  }

  private static boolean registeredAs(EdgeHost host, String machineId) {
    return host.getStatus() != null && host.getStatus().getRegistration() != null
        && Objects.equals(host.getStatus().getRegistration().getMachineId(), machineId);
  }
}
