package dev.lifecycle.edge.operator.gateway;

import java.util.Locale;

/** Whether a Content-Type header names JSON ({@code application/json}, parameters such as charset allowed). Pure. */
final class MediaTypes {

  static final String JSON = "application/json";

  private MediaTypes() {
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int parameters = contentType.indexOf(';');
    String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
    if (!type.toLowerCase(Locale.ROOT).equals(JSON)) {
      return false;
    }
    if (parameters < 0) {
      return true;
    }
    String rest = contentType.substring(parameters + 1).trim().toLowerCase(Locale.ROOT).replace(" ", "");
    return rest.isEmpty() || rest.equals("charset=utf-8") || rest.equals("charset=\"utf-8\"");
  }
}
