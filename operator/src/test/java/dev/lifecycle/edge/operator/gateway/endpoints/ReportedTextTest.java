package dev.lifecycle.edge.operator.gateway.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportedTextTest {

  @Test
  @DisplayName("When a message holds ANSI escapes, CR/LF, tabs, C1 controls, separators or bidi overrides, then "
      + "each shows as a visible escape")
  void escapesControls() {
    assertThat(ReportedText.printable("\u001b[31mred\u001b[0m\r\nFAKE\tok\u0085\u007f\u0000"))
        .isEqualTo("\\u001b[31mred\\u001b[0m\\u000d\\u000aFAKE\\u0009ok\\u0085\\u007f\\u0000");
    assertThat(ReportedText.printable("a\u202eb\u2066c\u2069\u200f\u061c\u2028"))
        .isEqualTo("a\\u202eb\\u2066c\\u2069\\u200f\\u061c\\u2028");
  }

  @Test
  @DisplayName("When a message is printable (any script, emoji), then it is kept as it is")
  void keepsPrintable() {
    String text = "install step failed: exit code 3 — Größe 😀 日本";
    assertThat(ReportedText.printable(text)).isSameAs(text);
    assertThat(ReportedText.printable(null)).isNull();
  }
}
