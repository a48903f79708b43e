package dev.lifecycle.edge.operator.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How layer values refer to profile variables: {@code ${vars.NAME}} inside any string value, and
 * {@code $${vars.NAME}} for the literal text {@code ${vars.NAME}}. Helm's own templates ({@code {{ }}})
 * and shell-style {@code ${NAME}} without the {@code vars.} prefix are left alone.
 *
 * <p>Substitution runs in two passes: the operator substitutes the values it may write into status, and
 * the gateway substitutes the values from Secrets and turns escapes into literal text in the plan it hands
 * out. So an escape survives the first pass unchanged, and only the last pass unescapes.
 */
public final class VariableSyntax {

  /** A reference, or an escaped one (group 1 is "$" then). */
  private static final Pattern REFERENCE = Pattern.compile("(\\$?)\\$\\{vars\\.([A-Za-z_][A-Za-z0-9_]*)}");

  private VariableSyntax() {
  }

  /** The names referenced anywhere in the string values of the tree, escapes excluded, sorted. */
  public static Set<String> references(JsonNode node) {
    Set<String> names = new TreeSet<>();
    collect(node, names);
    return names;
  }

  /**
   * The tree with references replaced. A string that is one whole reference becomes the value itself (a
   * number, a boolean, null); a reference inside text becomes the value's text (null: empty).
   *
   * @param values the value of each name to substitute; a name it does not answer stays a reference
   * @param unescape whether this is the last pass: escapes become literal text
   */
  public static JsonNode substitute(JsonNode node, Function<String, Optional<JsonNode>> values, boolean unescape) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return substituteText(node.textValue(), values, unescape);
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        copy.set(field.getKey(), substitute(field.getValue(), values, unescape));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(substitute(element, values, unescape)));
      return copy;
    }
    return node;
  }

  private static JsonNode substituteText(String text, Function<String, Optional<JsonNode>> values, boolean unescape) {
    Matcher whole = REFERENCE.matcher(text);
    if (whole.matches() && whole.group(1).isEmpty()) {
      return values.apply(whole.group(2)).orElse(TextNode.valueOf(text));
    }
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (!matcher.group(1).isEmpty()) {
        replacement = unescape ? matcher.group().substring(1) : matcher.group();
      } else {
        replacement = values.apply(matcher.group(2)).map(VariableSyntax::asText).orElse(matcher.group());
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return TextNode.valueOf(out.toString());
  }

  private static String asText(JsonNode value) {
    return value == null || value instanceof NullNode ? "" : value.asText();
  }

  private static void collect(JsonNode node, Set<String> names) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      Matcher matcher = REFERENCE.matcher(node.textValue());
      while (matcher.find()) {
        if (matcher.group(1).isEmpty()) {
          names.add(matcher.group(2));
        }
      }
    } else if (node.isContainerNode()) {
      node.forEach(child -> collect(child, names));
    }
  }
}
