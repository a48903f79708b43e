package dev.lifecycle.edge.operator.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/** Writes to standard output and to a buffer, so a test can read what was logged. */
public final class Tee extends OutputStream {
  private final PrintStream first;
  private final ByteArrayOutputStream second;

  public Tee(PrintStream first, ByteArrayOutputStream second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    first.write(bytes, offset, length);
    second.write(bytes, offset, length);
  }
}
