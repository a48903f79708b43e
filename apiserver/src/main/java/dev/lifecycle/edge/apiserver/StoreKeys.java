package dev.lifecycle.edge.apiserver;

import dev.lifecycle.edge.apiserver.store.KeyAttribute;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.Key;
import io.fabric8.mockwebserver.crud.Value;
import java.util.ArrayList;
import java.util.List;

/** The mock server's keys as the store keeps them (plain strings) and back, attribute for attribute. */
final class StoreKeys {

  private StoreKeys() {
  }

  static List<KeyAttribute> toStore(AttributeSet key) {
    List<KeyAttribute> attributes = new ArrayList<>();
    for (Attribute attribute : MockStoreInternals.attributes(key)) {
      attributes.add(new KeyAttribute(attribute.getKey().toString(), attribute.getType().name(),
          attribute.getValues().stream().map(Value::toString).toList()));
    }
    return attributes;
  }

  static AttributeSet fromStore(List<KeyAttribute> attributes) {
    List<Attribute> restored = new ArrayList<>(attributes.size());
    for (KeyAttribute attribute : attributes) {
      restored.add(new Attribute(new Key(attribute.name()), attribute.values().stream().map(Value::new).toList(),
          AttributeType.valueOf(attribute.type())));
    }
    return new AttributeSet(restored);
  }

  /** The object's identity in the store: plural/namespace/name, as the name index knows it. */
  static String identity(AttributeSet key) {
    return NameIndex.identity(key).orElseGet(key::toString);
  }
}
