package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mock server's store keys objects by attribute sets and finds one by scanning every stored
 * object, so each read or write by name costs time in proportion to everything stored (events
 * included). This index maps (plural, namespace, name) to the stored key, kept in step with every
 * write, so a lookup by name is a hash lookup whether the object exists or not.
 */
final class NameIndex {

  private final Map<String, AttributeSet> keys = new ConcurrentHashMap<>();

  /** The identity of an object or a query naming one: empty when the attributes name no single object. */
  static Optional<String> identity(AttributeSet attributes) {
    Optional<String> plural = single(attributes, KubernetesAttributesExtractor.PLURAL);
    Optional<String> name = single(attributes, KubernetesAttributesExtractor.NAME);
    if (plural.isEmpty() || name.isEmpty()) {
      return Optional.empty();
    }
    String namespace = single(attributes, KubernetesAttributesExtractor.NAMESPACE).orElse("");
    return Optional.of(plural.get() + "/" + namespace + "/" + name.get());
  }

  private static Optional<String> single(AttributeSet attributes, String key) {
    Attribute attribute = attributes.getAttribute(key);
    if (attribute == null || attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
      return Optional.empty();
    }
    return Optional.of(attribute.getValues().get(0).toString());
  }

  /** Records a write: the object stored under {@code before} is now under {@code after} (null: deleted). */
  void moved(AttributeSet before, AttributeSet after) {
    if (before != null) {
      identity(before).ifPresent(id -> keys.remove(id, before));
    }
    if (after != null) {
      identity(after).ifPresent(id -> keys.put(id, after));
    }
  }

  /** The stored key of the object the query names; empty when there is none. */
  Optional<AttributeSet> keyOf(String identity) {
    return Optional.ofNullable(keys.get(identity));
  }

  void clear() {
    keys.clear();
  }
}
