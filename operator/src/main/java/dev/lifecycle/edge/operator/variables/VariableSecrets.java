package dev.lifecycle.edge.operator.variables;

import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The Secrets that variables' values are read from: only those labelled {@link #LABEL}, so that neither the
 * operator nor the gateway watches every Secret of a namespace.
 */
public final class VariableSecrets {

  /** The label (any value) a Secret needs for its keys to be read as variables' values. */
  public static final String LABEL = "edge.lifecycle.dev/variables";

  private VariableSecrets() {
  }

  /** The value of the key in the Secret (data, base64, or stringData), if it has one. */
  public static Optional<String> valueOf(Secret secret, String key) {
    Map<String, String> stringData = secret.getStringData();
    if (stringData != null && stringData.containsKey(key)) {
      return Optional.ofNullable(stringData.get(key));
    }
    Map<String, String> data = secret.getData();
    if (data == null || data.get(key) == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  /** Whether the Secret carries the label the watches select. */
  public static boolean labelled(Secret secret) {
    return secret.getMetadata().getLabels() != null && secret.getMetadata().getLabels().containsKey(LABEL);
  }

  /**
   * What the key holds, judged from the labelled Secret the watch has ({@code cached}) and, when the watch has
   * none, from a read of the Secret by name ({@code unlabelled}), only to say why it is not used.
   */
  public static VariableResolver.SecretValue read(SecretKeyReference ref, Optional<Secret> cached,
      java.util.function.Supplier<Optional<Secret>> unlabelled) {
    if (cached.isEmpty()) {
      return new VariableResolver.Missing(unlabelled.get()
          .map(s -> "Secret " + ref.getName() + " exists but lacks the label " + LABEL
              + "; add it (any value) so the operator and the gateway can read it")
          .orElse("Secret " + ref.getName() + " does not exist in the cluster's namespace"));
    }
    return valueOf(cached.get(), ref.getKey()).<VariableResolver.SecretValue>map(VariableResolver.Found::new)
        .orElseGet(() -> new VariableResolver.Missing("Secret " + ref.getName() + " has no key " + ref.getKey()));
  }
}
