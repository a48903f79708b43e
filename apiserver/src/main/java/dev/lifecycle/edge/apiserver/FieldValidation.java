package dev.lifecycle.edge.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code fieldValidation} directive of a write, as the API server reads it from the query: what to do with
 * fields the schema does not know. Warn (the default) prunes them and says so in a Warning header, Strict
 * refuses the write (kubectl apply sends Strict), Ignore prunes them silently.
 */
enum FieldValidation {
  IGNORE("Ignore"),
  WARN("Warn"),
  STRICT("Strict");

  private final String text;

  FieldValidation(String text) {
    this.text = text;
  }

  /** The directive a query names, Warn when it names none, or empty when it names an unknown one. */
  static Optional<FieldValidation> of(String query) {
    for (String parameter : query.split("&")) {
      int equals = parameter.indexOf('=');
      if (equals > 0 && parameter.substring(0, equals).equals("fieldValidation")) {
        String value = URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
        for (FieldValidation directive : values()) {
          if (directive.text.equals(value)) {
            return Optional.of(directive);
          }
        }
        return Optional.empty();
      }
    }
    return Optional.of(WARN);
  }

  /** The API server's answer to a directive it does not know. */
  static String unknownMessage(String query) {
    return "fieldValidation must be one of \"Ignore\", \"Warn\" or \"Strict\"; the request has: " + query;
  }
}
