package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
      if (current.getStatus() != null && current.getStatus().getPhase() == RegistrationTokenStatus.Phase.Active
          && secret != null) {
        return new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("the operator did not issue token " + name + " within 10 s");
  }
}
