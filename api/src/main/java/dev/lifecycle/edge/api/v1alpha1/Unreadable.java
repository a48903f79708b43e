package dev.lifecycle.edge.api.v1alpha1;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * The mark of an object that could not be read as its class ({@link TolerantDeserializer}): a
 * placeholder with the object's metadata, its status when that was readable, no spec, and this
 * annotation saying why. It exists only in memory, so that one such object does not stop a watch:
 * nothing may act on it or write it back.
 */
public final class Unreadable {

  /** The annotation of a placeholder, holding what could not be read; never stored by the API. */
  public static final String ANNOTATION = ApiGroup.GROUP + "/unreadable";

  private Unreadable() {
  }

  /** Why the object could not be read, or empty for an object read as it is. */
  public static Optional<String> problem(HasMetadata resource) {
    Map<String, String> annotations = resource.getMetadata() == null ? null
        : resource.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(ANNOTATION));
  }
}
