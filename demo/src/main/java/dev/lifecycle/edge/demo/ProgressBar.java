package dev.lifecycle.edge.demo;

/** A text progress bar such as {@code [######------] 3/6}, in plain ASCII so every terminal and log shows it. */
final class ProgressBar {

  static final int WIDTH = 24;

  private ProgressBar() {
  }

  static String of(int done, int total) {
    int bounded = Math.max(0, Math.min(done, total));
    int filled = total <= 0 ? 0 : (int) Math.round((double) WIDTH * bounded / total);
    return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total;
  }
}
