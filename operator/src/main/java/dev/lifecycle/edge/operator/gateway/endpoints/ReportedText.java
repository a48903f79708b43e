package dev.lifecycle.edge.operator.gateway.endpoints;

/**
 * A reported message made safe to show: every control character (C0 including tab, CR and LF, DEL,
 * C1), line and paragraph separator and bidirectional-text control becomes a visible escape such as
 * {@code \u001b}, so that no terminal escape, forged line or reordered text reaches the status, the
 * conditions or the Events that {@code kubectl describe} prints. Everything else is kept. Pure.
 */
final class ReportedText {

  private ReportedText() {
  }

  /** The text with every unsafe character escaped; null stays null. */
  static String printable(String text) {
    if (text == null || text.codePoints().noneMatch(ReportedText::unsafe)) {
      return text;
    }
    StringBuilder shown = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      if (unsafe(c)) {
        shown.append(String.format("\\u%04x", c));
      } else {
        shown.appendCodePoint(c);
      }
    });
    return shown.toString();
  }

  private static boolean unsafe(int c) {
    return Character.getType(c) == Character.CONTROL
        || c == 0x2028 || c == 0x2029
        || c == 0x061c || c == 0x200e || c == 0x200f
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
