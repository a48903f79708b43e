package dev.lifecycle.edge.agent.boot;

import java.util.List;
import java.util.Map;

/** A YAML value with the line it starts on, so that an error can name the line. */
sealed interface YamlNode {

  /** The line (1-based) the value starts on. */
  int line();

  /** What the node is, for an error: "a mapping", "a list", "a text". */
  String kind();

  /** A scalar; {@code text} is null for an empty value ({@code key:}) or {@code null}. */
  record Scalar(String text, int line) implements YamlNode {
    @Override
    public String kind() {
      return "a single value";
    }
  }

  /** Keys in the file's order, each with its value and the key's own line. */
  record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line) implements YamlNode {
    @Override
    public String kind() {
      return "a mapping";
    }
  }

  record Sequence(List<YamlNode> items, int line) implements YamlNode {
    @Override
    public String kind() {
      return "a list";
    }
  }
}
