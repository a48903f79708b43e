package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The demo's options, refused before anything starts. */
class DemoCommandTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--hosts 0                | --hosts must be within 1..1000, not 0",
      "--hosts 1001             | --hosts must be within 1..1000, not 1001",
      "--apply-seconds -1       | --apply-seconds cannot be negative",
      "--stage-timeout 0s       | --stage-timeout must be positive",
      "--on-failure Retry       | Invalid value for option '--on-failure': expected one of [Pause, Rollback]"})
  @DisplayName("When an option is out of range, then the demo exits 2 with a message naming it, before starting")
  void refusedOptions(String arguments, String message) {
    ByteArrayOutputStream story = new ByteArrayOutputStream();
    StringWriter errors = new StringWriter();
    CommandLine command = new CommandLine(new DemoCommand(new PrintStream(story, true, StandardCharsets.UTF_8)))
        .setErr(new PrintWriter(errors, true));

    int exit = command.execute(arguments.trim().split(" +"));

    assertThat(exit).isEqualTo(2);
    assertThat(errors.toString()).contains(message);
    assertThat(story.toString(StandardCharsets.UTF_8)).as("nothing started").isEmpty();
  }
}
