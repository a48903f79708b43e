package dev.lifecycle.edge.apiserver.store;

import java.util.List;

/**
 * One attribute of the key the embedded API files an object under (its plural, namespace, name,
 * labels...), kept as plain strings so that the store knows nothing of the mock server's types.
 */
public record KeyAttribute(String name, String type, List<String> values) {

  public KeyAttribute {
    values = List.copyOf(values);
  }
}
