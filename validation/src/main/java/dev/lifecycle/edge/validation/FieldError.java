package dev.lifecycle.edge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One reason an object is invalid, as kube-apiserver's {@code field.Error}: a type (the cause's reason, such as
 * FieldValueRequired), the field (such as {@code spec.workers.count}; null for the object itself), the value found
 * and a detail. {@link #toString()} is the API server's text, such as
 * {@code spec.workers.count: Invalid value: -1: spec.workers.count in body should be greater than or equal to 0}.
 *
 * @param badValue a String, Long, Double, Boolean, a {@link JsonNode}, or null when the text shows none
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

  /** The error types of the API server: the reason a Status cause carries and the words its message shows. */
  public enum Type {
    REQUIRED("FieldValueRequired", "Required value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many");

    private final String reason;
    private final String words;

    Type(String reason, String words) {
      this.reason = reason;
      this.words = words;
    }

    /** The reason of a Status cause, such as FieldValueInvalid. */
    public String reason() {
      return reason;
    }

    /**
     * Errors after which the API server does not evaluate CEL rules (its hasBlockingErr): the object's shape is
     * wrong, so rules written against that shape would mislead.
     */
    boolean blocksRules() {
      return this == NOT_SUPPORTED || this == TYPE_INVALID || this == TOO_LONG || this == TOO_MANY
          || this == REQUIRED;
    }
  }

  /** What the API server adds when a blocking error kept it from evaluating the CEL rules. */
  public static final FieldError RULES_NOT_CHECKED = new FieldError(Type.INVALID, null, "null",
      "some validation rules were not checked because the object was invalid; correct the existing errors to "
          + "complete validation");

  /** The field as the API server prints it: {@code <nil>} for the object itself. */
  public String fieldText() {
    return field == null ? "<nil>" : field;
  }

  /** The message of a Status cause: the text without the field. */
  public String body() {
    StringBuilder text = new StringBuilder(type.words);
    if (type != Type.REQUIRED && type != Type.FORBIDDEN && type != Type.TOO_LONG && badValue != null) {
      text.append(": ").append(render(badValue));
    }
    if (detail != null && !detail.isEmpty()) {
      text.append(": ").append(detail);
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return fieldText() + ": " + body();
  }

  /** The API server's message for a refused object, such as {@code EdgeCluster.edge.lifecycle.dev "x" is invalid: ...}. */
  public static String invalidMessage(String kind, String group, String name, List<FieldError> errors) {
    String qualified = group == null || group.isEmpty() ? kind : kind + "." + group;
    List<String> texts = errors.stream().map(FieldError::toString).distinct().toList();
    String aggregate = texts.size() == 1 ? texts.get(0) : texts.stream().collect(Collectors.joining(", ", "[", "]"));
    return qualified + " " + quote(name) + " is invalid" + (texts.isEmpty() ? "" : ": " + aggregate);
  }

  /** A value as Go's %v prints numbers and booleans and %q prints strings. */
  static String render(Object value) {
    if (value instanceof JsonNode node) {
      if (node.isTextual()) {
        return quote(node.asText());
      }
      return node.isValueNode() ? node.asText() : node.toString();
    }
    if (value instanceof String text) {
      return quote(text);
    }
    return String.valueOf(value);
  }

  /** A string as Go's %q quotes it. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        case '\r' -> quoted.append("\\r");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\x%02x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
