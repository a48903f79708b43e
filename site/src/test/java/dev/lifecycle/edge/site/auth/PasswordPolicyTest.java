package dev.lifecycle.edge.site.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  @Test
  @DisplayName("When a new password is short, of too few kinds, holds the user name, is the old one or too long, then the rule broken is named")
  void rules() {
    assertThat(PasswordPolicy.problem("admin", "old", "Short-1")).hasValueSatisfying(p -> assertThat(p)
        .contains("at least 12"));
    assertThat(PasswordPolicy.problem("admin", "old", "alllowercaseletters")).hasValueSatisfying(p -> assertThat(p)
        .contains("3 of"));
    assertThat(PasswordPolicy.problem("admin", "old", "My-Admin-Pass-9")).hasValueSatisfying(p -> assertThat(p)
        .contains("user name"));
    assertThat(PasswordPolicy.problem("admin", "Correct-Horse-42", "Correct-Horse-42"))
        .hasValueSatisfying(p -> assertThat(p).contains("differ"));
    assertThat(PasswordPolicy.problem("admin", "old", "Aa1-" + "é".repeat(40))).hasValueSatisfying(p -> assertThat(p)
        .contains("72 bytes"));
    assertThat(PasswordPolicy.problem("admin", "old", "Correct-Horse-42")).isEmpty();
  }
}
