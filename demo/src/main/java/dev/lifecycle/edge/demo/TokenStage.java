package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.operator.token.TokenSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Phase 2, EdgeForge: the samples are applied as a user applies them, and the operator issues the
 * token: the RegistrationToken turns Active and its Secret holds the token and the installer user-data.
 * The token itself is never shown.
 */
final class TokenStage implements Stage {

  private final KubernetesClient client;
  private final String namespace;
  private final DemoSamples samples;
  private final Predicate<String> gatewayKnows;

  TokenStage(KubernetesClient client, String namespace, DemoSamples samples, Predicate<String> gatewayKnows) {
    this.client = client;
    this.namespace = namespace;
    this.samples = samples;
    this.gatewayKnows = gatewayKnows;
  }

  @Override
  public StageName name() {
    return StageName.TOKEN;
  }

  @Override
  public String goal() {
    return "apply samples/ (2 profile versions, a token, a pre-provisioned host, the cluster); the operator issues "
        + "the token";
  }

  @Override
  public void begin() {
    samples.apply(client, namespace);
  }

  @Override
  public StageStatus check() {
    String name = samples.token().getMetadata().getName();
    RegistrationToken token = client.resources(RegistrationToken.class).inNamespace(namespace).withName(name).get();
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    Optional<String> value = secret == null ? Optional.empty() : TokenSecrets.tokenOf(secret);
    StageStatus status = judge(name, token, value.isPresent());
    // Agents refused with 401 stop, so they start only once the gateway has seen the token too.
    if (status.state() == StageStatus.State.DONE && !gatewayKnows.test(value.orElseThrow())) {
      return StageStatus.waiting("RegistrationToken " + name + " Active: waiting for the gateway to see it");
    }
    return status;
  }

  /** Done once the token is Active and its Secret holds a token; failed when it can never register a host. */
  static StageStatus judge(String name, RegistrationToken token, boolean secretHoldsToken) {
    RegistrationTokenStatus status = token == null ? null : token.getStatus();
    if (status == null || status.getPhase() == null) {
      return StageStatus.waiting("RegistrationToken " + name + ": waiting for the operator");
    }
    switch (status.getPhase()) {
      case Active:
        if (!secretHoldsToken) {
          return StageStatus.waiting("RegistrationToken " + name + " Active: waiting for its Secret");
        }
        Integer limit = token.getSpec() == null ? null : token.getSpec().getMaxRegistrations();
        return StageStatus.done("RegistrationToken " + name + " Active; token and installer user-data in Secret "
            + status.getSecretName() + " (the token is not shown)" + (limit == null ? "" : "; up to " + limit
            + " hosts") + (status.getExpiresAt() == null ? "" : "; expires " + status.getExpiresAt()));
      case Expired:
      case Revoked:
      case Exhausted:
        return StageStatus.failed("RegistrationToken " + name + " is " + status.getPhase() + ": it registers no host");
      default:
        return StageStatus.waiting("RegistrationToken " + name + ": " + status.getPhase());
    }
  }

  @Override
  public List<String> diagnose() {
    String name = samples.token().getMetadata().getName();
    RegistrationToken token = client.resources(RegistrationToken.class).inNamespace(namespace).withName(name).get();
    List<String> lines = new ArrayList<>();
    if (token == null || token.getStatus() == null) {
      lines.add("RegistrationToken " + name + " has no status: the operator has not reconciled it");
      return lines;
    }
    lines.add("RegistrationToken " + name + ": phase " + token.getStatus().getPhase());
    lines.addAll(ConditionLines.of(token.getStatus(), ConditionTypes.READY, ConditionTypes.STALLED));
    return lines;
  }
}
