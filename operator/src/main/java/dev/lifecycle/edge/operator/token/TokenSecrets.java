package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.operator.OwnedSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shape of a token's Secret: same name as the token, type Opaque, labelled as managed by the
 * operator, owned by the token (controller reference, so it is garbage-collected with it), keys
 * {@code token} and {@code user-data}. Pure functions over Secrets; no API calls.
 */
public final class TokenSecrets {

  public static final String TOKEN_KEY = "token";
  public static final String USER_DATA_KEY = "user-data";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "edge-operator";
  /** Selects the Secrets the operator watches: only its own, not every Secret of the cluster. */
  public static final String SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;
  public static final String TYPE = "Opaque";

  private TokenSecrets() {
  }

  /** Whether the Secret's controller reference is this very token (same uid, not a namesake). */
  public static boolean ownedBy(Secret secret, RegistrationToken token) {
    return OwnedSecrets.controller(secret)
        .map(ref -> Objects.equals(ref.getUid(), token.getMetadata().getUid())
            && Objects.equals(ref.getKind(), token.getKind()))
        .orElse(false);
  }

  /** Who controls the Secret, for a conflict message: {@code Kind/name}, or "nothing". */
  public static String controllerOf(Secret secret) {
    return OwnedSecrets.controllerOf(secret);
  }

  /** The token value the Secret holds, if it holds a non-blank one. */
  public static Optional<String> tokenOf(Secret secret) {
    Map<String, String> data = secret.getData();
    if (data == null || data.get(TOKEN_KEY) == null) {
      return Optional.empty();
    }
    try {
      String value = new String(Base64.getDecoder().decode(data.get(TOKEN_KEY)), StandardCharsets.UTF_8);
      return value.isBlank() ? Optional.empty() : Optional.of(value);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  /** A new Secret for the token. */
  public static Secret create(RegistrationToken token, String tokenValue, String userData) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(token.getMetadata().getName())
        .withNamespace(token.getMetadata().getNamespace())
        .withLabels(Map.of(MANAGED_BY_LABEL, MANAGED_BY))
        .withOwnerReferences(OwnedSecrets.controllerReference(token))
        .endMetadata()
        .withType(TYPE)
        .withData(data(tokenValue, userData))
        .build();
  }

  /**
   * The existing Secret with the operator's keys and label set, keeping whatever else others put
   * on it (annotations, labels, other keys) and its resourceVersion, for an optimistic-locking update.
   */
  public static Secret update(Secret existing, String tokenValue, String userData) {
    Map<String, String> data = new LinkedHashMap<>(existing.getData() == null ? Map.of() : existing.getData());
    data.putAll(data(tokenValue, userData));
    return new SecretBuilder(existing)
        .editMetadata().addToLabels(MANAGED_BY_LABEL, MANAGED_BY).endMetadata()
        .withData(data)
        .build();
  }

  /** Whether the Secret already holds exactly this token and user-data, labelled as the operator's. */
  public static boolean holds(Secret secret, String tokenValue, String userData) {
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    Map<String, String> wanted = data(tokenValue, userData);
    Map<String, String> labels = secret.getMetadata().getLabels() == null ? Map.of()
        : secret.getMetadata().getLabels();
    return wanted.get(TOKEN_KEY).equals(data.get(TOKEN_KEY))
        && wanted.get(USER_DATA_KEY).equals(data.get(USER_DATA_KEY))
        && MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL));
  }

  /** The user-data a Secret holds, decoded; empty when it holds none. */
  public static Optional<String> userDataOf(Secret secret) {
    Map<String, String> data = secret.getData();
    if (data == null || data.get(USER_DATA_KEY) == null) {
      return Optional.empty();
    }
    return Optional.of(new String(Base64.getDecoder().decode(data.get(USER_DATA_KEY)), StandardCharsets.UTF_8));
  }

  private static Map<String, String> data(String tokenValue, String userData) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(TOKEN_KEY, OwnedSecrets.encode(tokenValue));
    data.put(USER_DATA_KEY, OwnedSecrets.encode(userData));
    return data;
  }
}
