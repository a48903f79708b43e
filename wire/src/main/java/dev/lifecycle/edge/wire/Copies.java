package dev.lifecycle.edge.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies for the records' collections: absent is empty, and null entries stay, so that
 * the gateway's rules (not a NullPointerException while reading) answer a request that holds one.
 */
final class Copies {

  private Copies() {
  }

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }

  static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
