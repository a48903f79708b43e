package dev.lifecycle.edge.site.ui;

import dev.lifecycle.edge.site.auth.PasswordPolicy;

/**
 * The change-password page: whether the change is forced (the initial password), where to go afterwards, and the
 * error in words.
 */
public record PasswordView(Chrome chrome, boolean forced, String next, String error) {

  /** The password rules, as the page states them before anyone types (PasswordPolicy checks them). */
  public String rules() {
    return "At least " + PasswordPolicy.MIN_LENGTH + " characters, mixing at least 3 of: lowercase letters, "
        + "uppercase letters, digits, other characters; not containing your user name; at most "
        + PasswordPolicy.MAX_BYTES + " bytes.";
  }
}
