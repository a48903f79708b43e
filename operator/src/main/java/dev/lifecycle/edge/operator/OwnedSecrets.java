package dev.lifecycle.edge.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What every Secret the operator makes for one of its resources shares: the owner's controller reference
 * (so it goes with its owner, and so a Secret of that name someone else controls is told apart), and
 * values in the base64 form of {@code data}. Pure.
 */
public final class OwnedSecrets {

  private OwnedSecrets() {
  }

  /** The reference that makes {@code owner} the controller of a Secret. */
  public static OwnerReference controllerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .build();
  }

  /** The Secret's controller, if it has one. */
  public static Optional<OwnerReference> controller(Secret secret) {
    List<OwnerReference> refs = secret.getMetadata().getOwnerReferences();
    return refs == null ? Optional.empty()
        : refs.stream().filter(ref -> Boolean.TRUE.equals(ref.getController())).findFirst();
  }

  /** Who controls the Secret, for a conflict message: {@code Kind/name}. */
  public static String controllerOf(Secret secret) {
    return controller(secret).map(ref -> ref.getKind() + "/" + ref.getName()).orElse("no controller");
  }

  /** {@code value} as a Secret's {@code data} holds it. */
  public static String encode(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
