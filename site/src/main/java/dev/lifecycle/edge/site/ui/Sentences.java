package dev.lifecycle.edge.site.ui;

/** The services' messages ("wrong user name or password") as a page shows them: a capital, a full stop. Pure. */
public final class Sentences {

  private Sentences() {
  }

  public static String of(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String text = message.strip();
    String first = text.substring(0, text.offsetByCodePoints(0, 1));
    String sentence = first.toUpperCase(java.util.Locale.ROOT) + text.substring(first.length());
    char last = sentence.charAt(sentence.length() - 1);
    return last == '.' || last == '!' || last == '?' ? sentence : sentence + ".";
  }
}
