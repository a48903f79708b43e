package dev.lifecycle.edge.operator.upgrade;

import io.fabric8.kubernetes.api.model.IntOrString;

/** Resolves {@code maxUnavailable} against a cluster's size: a count, or a percentage rounded down, at least 1. */
public final class MaxUnavailable {

  private MaxUnavailable() {
  }

  /**
   * @throws IllegalArgumentException for a value that is neither a positive count nor a percentage
   */
  public static int resolve(IntOrString value, int hosts) {
    if (value == null) {
      return 1;
    }
    if (value.getIntVal() != null) {
      if (value.getIntVal() < 1) {
        throw new IllegalArgumentException("maxUnavailable must be at least 1, not " + value.getIntVal());
      }
      return value.getIntVal();
    }
    String text = value.getStrVal() == null ? "" : value.getStrVal().trim();
    if (text.matches("[0-9]+")) {
      return resolve(new IntOrString(Integer.parseInt(text)), hosts);
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
