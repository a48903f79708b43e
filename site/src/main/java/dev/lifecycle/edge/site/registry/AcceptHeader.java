package dev.lifecycle.edge.site.registry;

import java.util.List;
import java.util.Locale;

/**
 * Whether a client's {@code Accept} headers accept a manifest's media type, as registries negotiate: no header (or
 * {@code *}{@code /*}) accepts everything; otherwise the type, or its {@code type/*}, must be listed without
 * {@code q=0}. A registry never converts a manifest (that would change its digest): a type not accepted is not served.
 */
final class AcceptHeader {

  private AcceptHeader() {
  }

  static boolean accepts(List<String> headers, String mediaType) {
    boolean any = false;
    String wanted = mediaType.toLowerCase(Locale.ROOT);
    String family = wanted.substring(0, Math.max(0, wanted.indexOf('/'))) + "/*";
    for (String header : headers) {
      for (String item : header.split(",")) {
        String[] parts = item.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
          continue;
        }
        any = true;
        if (refused(parts)) {
          continue;
        }
        if (type.equals("*/*") || type.equals(wanted) || type.equals(family)) {
          return true;
        }
      }
    }
    return !any;
  }

  private static boolean refused(String[] parameters) {
    for (int i = 1; i < parameters.length; i++) {
      String parameter = parameters[i].strip().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2)) <= 0;
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return false;
  }
}
