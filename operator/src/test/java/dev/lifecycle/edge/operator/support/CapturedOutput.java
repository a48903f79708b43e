package dev.lifecycle.edge.operator.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Standard output (where the operator logs) captured while still printed, so a test can read what was logged. */
public final class CapturedOutput implements AutoCloseable {

  private final PrintStream original;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private CapturedOutput() {
    original = System.out;
    System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
  }

  public static CapturedOutput start() {
    return new CapturedOutput();
  }

  /** A mark: what is logged from now on is {@link #since(int)} it. */
  public int mark() {
    return captured.size();
  }

  public String since(int mark) {
    return all().substring(mark);
  }

  public String all() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** Standard output as it was. */
  @Override
  public void close() {
    System.setOut(original);
  }
}
