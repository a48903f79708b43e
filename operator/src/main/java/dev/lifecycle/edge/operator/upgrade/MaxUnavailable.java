package dev.lifecycle.edge.operator.upgrade;

/** Resolves {@code maxUnavailable} against a cluster's size: a count, or a percentage rounded down, at least 1. */
public final class MaxUnavailable {

  private MaxUnavailable() {
  }

  /**
   * @param value the spec's value as text (a count such as {@code 2} or a percentage such as {@code 25%}), or
   *     null for the default, 1
   * @throws IllegalArgumentException for a value that is neither a positive count nor a percentage
   */
  public static int resolve(String value, int hosts) {
    if (value == null) {
      return 1;
    }
    String text = value.trim();
    if (text.matches("-?[0-9]+")) {
      int count = Integer.parseInt(text);
      if (count < 1) {
        throw new IllegalArgumentException("maxUnavailable must be at least 1, not " + count);
      }
      return count;
    }
    if (!text.matches("[0-9]{1,3}%")) {
      throw new IllegalArgumentException("maxUnavailable '" + text + "' is neither a count such as 2 nor a "
          + "percentage such as 25%");
    }
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("maxUnavailable " + text + " must be between 1% and 100%");
    }
    return Math.max(1, hosts * percent / 100);
  }
}
