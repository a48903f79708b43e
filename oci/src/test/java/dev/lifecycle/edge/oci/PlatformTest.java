package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

  @ParameterizedTest(name = "{0} asked, {1} offered: {2}")
  @CsvSource({
      "linux/amd64,    linux/amd64,    true",
      "linux/amd64,    linux/arm64,    false",
      "linux/arm64,    linux/arm64/v8, true",
      "linux/arm64/v8, linux/arm64,    true",
      "linux/arm64/v8, linux/arm64/8,  true",
      "linux/arm64,    linux/arm/v7,   false",
      "linux/arm,      linux/arm/v7,   true",
      "linux/arm/v7,   linux/arm/v6,   false",
      "linux/arm/v6,   linux/armel,    true",
      "linux/amd64,    linux/amd64/v1, true",
      "linux/amd64,    linux/amd64/v3, false",
      "linux/amd64,    linux/x86_64,   true",
      "linux/arm64,    linux/aarch64,  true",
      "linux/amd64,    windows/amd64,  false",
      "linux/amd64,    unknown/unknown, false",
  })
  @DisplayName("When an index offers a platform, then it matches the one asked for as containerd would match it")
  void matches(String asked, String offered, boolean expected) {
    assertThat(Platform.parse(asked).matches(Platform.parse(offered))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource({"linux", "linux/", "/amd64", "linux/arm64/v8/x", "''"})
  @DisplayName("When a platform is not os/architecture[/variant], then the error names it")
  void rejects(String text) {
    assertThatThrownBy(() -> Platform.parse(text)).hasMessageContaining("invalid platform '" + text + "'");
  }
}
