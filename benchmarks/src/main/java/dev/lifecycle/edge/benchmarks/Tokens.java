package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.operator.token.TokenSecrets;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** Registration tokens for the benchmarks' simulated fleets, issued by the operator as a user would get them. */
final class Tokens {

  private Tokens() {
  }

  /** A one-hour token in the namespace, returned once the operator has issued its Secret and judged it Active. */
  static String issue(KubernetesClient client, String namespace, String name) throws InterruptedException {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl("1h");
    token.setSpec(spec);
    client.resource(token).create();
    for (int attempt = 0; attempt < 1_000; attempt++) {
      RegistrationToken current = client.resource(token).get();
      Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
      Optional<String> value = secret == null ? Optional.empty() : TokenSecrets.tokenOf(secret);
      if (current.getStatus() != null && current.getStatus().getPhase() == RegistrationTokenStatus.Phase.Active
          && value.isPresent()) {
        return value.get();
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("the operator did not issue token " + name + " within 10 s");
  }
}
