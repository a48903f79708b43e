package dev.lifecycle.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class TrustKeyOptionsTest {

  @Command(name = "verify")
  static final class Verify {
    @Mixin
    TrustKeyOptions keys;
  }

  private static TrustKeyOptions parse(String... args) {
    Verify verify = new Verify();
    new CommandLine(verify).parseArgs(args);
    return verify.keys;
  }

  @Test
  @DisplayName("When --trust and several --rotation are given, then the keys file and the rotations in their order "
      + "are what the command reads")
  void trustAndRotationsInOrder() {
    TrustKeyOptions keys = parse("--rotation", "b.json", "--trust", "keys.pem", "--rotation", "a.json");
    assertThat(keys.trust()).isEqualTo(Path.of("keys.pem"));
    assertThat(keys.rotations()).containsExactly(Path.of("b.json"), Path.of("a.json"));
  }

  @Test
  @DisplayName("When no --rotation is given, then there are none")
  void noRotations() {
    assertThat(parse("--trust", "keys.pem").rotations()).isEmpty();
  }

  @Test
  @DisplayName("When --trust is missing, then the command line is refused naming it")
  void trustRequired() {
    assertThatThrownBy(() -> parse("--rotation", "a.json"))
        .isInstanceOf(CommandLine.MissingParameterException.class).hasMessageContaining("--trust");
  }
}
