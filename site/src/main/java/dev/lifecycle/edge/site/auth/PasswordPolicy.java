package dev.lifecycle.edge.site.auth;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new password must be: at least 12 characters, of at least 3 kinds (lowercase, uppercase, digits, other),
 * not the user's name, not the old password, and at most 72 bytes in UTF-8 (what BCrypt reads; more would be cut
 * silently, so it is refused). Returns the first rule broken, in words; never the password.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 12;
  public static final int MAX_BYTES = 72;

  private PasswordPolicy() {
  }

  public static Optional<String> problem(String user, String oldPassword, String newPassword) {
    if (newPassword == null || newPassword.codePointCount(0, newPassword.length()) < MIN_LENGTH) {
      return Optional.of("the new password must have at least " + MIN_LENGTH + " characters");
    }
    if (newPassword.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return Optional.of("the new password must have at most " + MAX_BYTES + " bytes in UTF-8");
    }
    int kinds = (newPassword.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
        + (newPassword.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
        + (newPassword.chars().anyMatch(Character::isDigit) ? 1 : 0)
        + (newPassword.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
    if (kinds < 3) {
      return Optional.of("the new password must mix at least 3 of: lowercase letters, uppercase letters, digits, "
          + "other characters");
    }
    if (user != null && newPassword.toLowerCase(Locale.ROOT).contains(user.toLowerCase(Locale.ROOT))) {
      return Optional.of("the new password must not contain the user name");
    }
    if (newPassword.equals(oldPassword)) {
      return Optional.of("the new password must differ from the old one");
    }
    return Optional.empty();
  }
}
