package dev.lifecycle.edge.bundle.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and remembers where the last non-zero one was, so that a reader can tell
 * whether anything but zero padding followed the end of a tar, even bytes its tar reader skipped. It also bounds
 * what may be read while a budget is armed: the tar reader keeps PAX and GNU long-name headers in memory, so the
 * bytes it reads to find the next entry must be bounded, or a few compressed kilobytes could fill the heap.
 */
final class TailGuard extends ReadThroughInputStream {

  /** Thrown when more was read than the armed budget allows. */
  static final class BudgetExceeded extends IOException {
    BudgetExceeded(String message) {
      super(message);
    }
  }

  private long position;
  private long budgetEnd = Long.MAX_VALUE;
  private long budget;
  private long lastNonZero = -1;

  TailGuard(InputStream in) {
    super(in);
  }

  long position() {
    return position;
  }

  /** From now on, at most {@code bytes} more may be read until {@link #disarm}. */
  void arm(long bytes) {
    budget = bytes;
    budgetEnd = position + bytes;
  }

  void disarm() {
    budgetEnd = Long.MAX_VALUE;
  }

  private int allowed(int wanted) throws BudgetExceeded {
    if (position >= budgetEnd) {
      throw new BudgetExceeded("more than " + budget + " bytes of tar headers before one entry");
    }
    return (int) Math.min(wanted, budgetEnd - position);
  }

  /** The position of the last non-zero byte read so far, or -1. */
  long lastNonZero() {
    return lastNonZero;
  }

  @Override
  public int read() throws IOException {
    allowed(1);
    int read = in.read();
    if (read > 0) {
      lastNonZero = position;
    }
    if (read >= 0) {
      position++;
    }
    return read;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = in.read(buffer, offset, length == 0 ? 0 : allowed(length));
    if (read > 0) {
      for (int i = offset + read - 1; i >= offset; i--) {
        if (buffer[i] != 0) {
          lastNonZero = position + (i - offset);
          break;
        }
      }
      position += read;
    }
    return read;
  }
}
