package dev.lifecycle.edge.agent.exec;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines of a process's output, each cut to a length, so a report stays small. Thread-safe. */
public final class OutputTail {

  private final int maxLines;
  private final int maxLineLength;
  private final Deque<String> lines = new ArrayDeque<>();

  public OutputTail(int maxLines, int maxLineLength) {
    this.maxLines = maxLines;
    this.maxLineLength = maxLineLength;
  }

  /** Keeps {@code line}, forgetting the oldest one beyond the limit. */
  public synchronized void add(String line) {
    lines.addLast(line.length() > maxLineLength ? line.substring(0, maxLineLength) + "..." : line);
    if (lines.size() > maxLines) {
      lines.removeFirst();
    }
  }

  /** The kept lines, oldest first, joined by newlines. */
  public synchronized String text() {
    return String.join("\n", lines);
  }
}
