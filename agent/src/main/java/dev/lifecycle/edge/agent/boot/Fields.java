package dev.lifecycle.edge.agent.boot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fields of one mapping of a user-data file, read with errors that name the file, the line and
 * the field's full path (such as {@code edge_site.network.dnsServers[1]}).
 */
final class Fields {

  private final Path file;
  private final String path;
  private final YamlNode.Mapping mapping;

  Fields(Path file, String path, YamlNode.Mapping mapping) {
    this.file = file;
    this.path = path;
    this.mapping = mapping;
  }

  /** The mapping at {@code path} of {@code node}; an error when it is another kind of value. */
  static Fields of(Path file, String path, YamlNode node) {
    if (node instanceof YamlNode.Mapping map) {
      return new Fields(file, path, map);
    }
    throw new UserDataException(file, node.line(), path.isEmpty() ? null : path,
        "must be a mapping of fields, not " + node.kind());
  }

  /** Refuses every field but these, so a misspelt field is an error instead of a setting silently lost. */
  Fields only(String... known) {
    Set<String> allowed = Set.of(known);
    for (String key : mapping.entries().keySet()) {
      if (!allowed.contains(key)) {
        throw new UserDataException(file, mapping.keyLines().get(key), field(key),
            "unknown field; known here: " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
    return this;
  }

  boolean has(String key) {
    YamlNode node = mapping.entries().get(key);
    return node != null && !(node instanceof YamlNode.Scalar scalar && scalar.text() == null);
  }

  int line() {
    return mapping.line();
  }

  /** Whether no field sets anything: every value empty, an empty list or a mapping of such. */
  boolean isEmpty() {
    return blank(mapping);
  }

  private static boolean blank(YamlNode node) {
    if (node instanceof YamlNode.Scalar scalar) {
      return scalar.text() == null || scalar.text().isBlank();
    }
    if (node instanceof YamlNode.Sequence sequence) {
      return sequence.items().stream().allMatch(Fields::blank);
    }
    return ((YamlNode.Mapping) node).entries().values().stream().allMatch(Fields::blank);
  }

  /** A nested mapping, if the field is set. */
  Optional<Fields> mapping(String key) {
    return Optional.ofNullable(mapping.entries().get(key))
        .filter(node -> !(node instanceof YamlNode.Scalar scalar && scalar.text() == null))
        .map(node -> of(file, field(key), node));
  }

  /** A single value, if set; an error when it is a list or a mapping. */
  Optional<String> text(String key) {
    YamlNode node = mapping.entries().get(key);
    if (node == null) {
      return Optional.empty();
    }
    if (node instanceof YamlNode.Scalar scalar) {
      return Optional.ofNullable(scalar.text()).map(String::strip).filter(text -> !text.isEmpty());
    }
    throw error(key, node, "must be a single value, not " + node.kind());
  }

  /** A single value that must satisfy {@code valid}; {@code expected} completes "must be ...". */
  Optional<String> text(String key, Predicate<String> valid, String expected) {
    Optional<String> value = text(key);
    value.filter(valid.negate()).ifPresent(bad -> {
      throw error(key, mapping.entries().get(key), "must be " + expected);
    });
    return value;
  }

  /** A required single value. */
  String required(String key, Predicate<String> valid, String expected) {
    return text(key, valid, expected).orElseThrow(() -> new UserDataException(file,
        mapping.keyLines().getOrDefault(key, mapping.line()), field(key), "missing: must be " + expected));
  }

  /**
   * A single value read by {@code parser}, which says what is wrong with a bad one by an
   * IllegalArgumentException whose message becomes the error's (so it must not quote a secret).
   */
  <T> Optional<T> parsed(String key, Function<String, T> parser) {
    return text(key).map(text -> {
      try {
        return parser.apply(text);
      } catch (IllegalArgumentException e) {
        throw error(key, mapping.entries().get(key), e.getMessage());
      }
    });
  }

  /** An error at {@code key} when it is set: {@code why} says why it may not be. */
  void refuse(String key, String why) {
    if (has(key)) {
      throw error(key, mapping.entries().get(key), why);
    }
  }

  /** A list of mappings; empty when unset. */
  List<Fields> mappings(String key) {
    YamlNode node = mapping.entries().get(key);
    if (node == null || node instanceof YamlNode.Scalar scalar && scalar.text() == null) {
      return List.of();
    }
    if (!(node instanceof YamlNode.Sequence sequence)) {
      throw error(key, node, "must be a list of mappings (lines starting with '- '), not " + node.kind());
    }
    List<Fields> items = new ArrayList<>();
    for (int i = 0; i < sequence.items().size(); i++) {
      items.add(of(file, field(key) + "[" + i + "]", sequence.items().get(i)));
    }
    return items;
  }

  /** A list of single values, each satisfying {@code valid}; empty when unset. */
  List<String> texts(String key, Predicate<String> valid, String expected) {
    YamlNode node = mapping.entries().get(key);
    if (node == null || node instanceof YamlNode.Scalar scalar && scalar.text() == null) {
      return List.of();
    }
    if (!(node instanceof YamlNode.Sequence sequence)) {
      throw error(key, node, "must be a list (such as [a, b] or lines starting with '- '), not " + node.kind());
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < sequence.items().size(); i++) {
      YamlNode item = sequence.items().get(i);
      String itemField = field(key) + "[" + i + "]";
      if (!(item instanceof YamlNode.Scalar scalar) || scalar.text() == null || scalar.text().isBlank()) {
        throw new UserDataException(file, item.line(), itemField, "must be " + expected + ", not "
            + (item instanceof YamlNode.Scalar ? "empty" : item.kind()));
      }
      String value = scalar.text().strip();
      if (!valid.test(value)) {
        throw new UserDataException(file, item.line(), itemField, "must be " + expected);
      }
      values.add(value);
    }
    return values;
  }

  private UserDataException error(String key, YamlNode node, String problem) {
    return new UserDataException(file, node.line(), field(key), problem);
  }

  private String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
