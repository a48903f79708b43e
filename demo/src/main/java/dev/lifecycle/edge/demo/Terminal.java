package dev.lifecycle.edge.demo;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the demo's story. Live on a terminal: one progress line redrawn in place, results in colour.
 * Otherwise (a pipe, a file, a test, or logs shown with --verbose): no cursor movement and no colour,
 * a progress line printed only when it changes, so the output reads well as a log.
 */
final class Terminal {

  private static final String CLEAR_LINE = "\r\033[2K";
  private static final String GREEN = "\033[32m";
  private static final String RED = "\033[31m";
  private static final String BOLD = "\033[1m";
  private static final String DIM = "\033[2m";
  private static final String RESET = "\033[0m";

  private static final int TITLE_WIDTH = 15;

  private final PrintStream out;
  private final boolean live;
  private final boolean color;
  private final Set<String> notesShown = new HashSet<>();
  private String lastProgress = "";
  private boolean progressShown;

  Terminal(PrintStream out, boolean live, boolean color) {
    this.out = out;
    this.live = live;
    this.color = color;
  }

  /**
   * Live and in colour when the output is the process's standard output, an interactive terminal, and
   * the logs do not share it; colour also honours NO_COLOR and TERM=dumb.
   */
  static Terminal detect(PrintStream out, boolean standardOutput, boolean logsShown) {
    boolean live = standardOutput && !logsShown && interactive();
    boolean color = live && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
    return new Terminal(out, live, color);
  }

  void heading(String text) {
    println(paint(BOLD, text));
  }

  void line(String text) {
    println(text);
  }

  void stageStarted(StageName stage, String goal) {
    lastProgress = "";
    println(paint(BOLD, "==> " + stage.title()) + ": " + goal);
  }

  void progress(StageStatus status) {
    String text = (status.counted() ? ProgressBar.of(status.done(), status.total()) + "  " : "") + status.line();
    notes(status.notes());
    if (live) {
      out.print(CLEAR_LINE + "    " + paint(DIM, text));
      out.flush();
      progressShown = true;
    } else if (!text.equals(lastProgress)) {
      println("    " + text);
    }
    lastProgress = text;
  }

  void stageDone(StageName stage, Duration took, StageStatus status) {
    notes(status.notes());
    println(paint(GREEN, " OK ") + " " + padded(stage) + seconds(took) + "  " + status.line());
  }

  void stageFailed(StageName stage, Duration took, String reason, List<String> diagnosis) {
    println(paint(RED, "FAIL") + " " + padded(stage) + seconds(took) + "  " + reason);
    diagnosis.forEach(line -> println("       " + line));
  }

  /** Facts worth a line of their own, each printed once. */
  void notes(List<String> notes) {
    for (String note : notes) {
      if (notesShown.add(note)) {
        println("    " + note);
      }
    }
  }

  /** A full line; live, it replaces the progress line first. */
  private void println(String text) {
    if (progressShown) {
      out.print(CLEAR_LINE);
      progressShown = false;
    }
    out.println(text);
    out.flush();
  }

  private String paint(String style, String text) {
    return color ? style + text + RESET : text;
  }

  static String padded(StageName stage) {
    return padded(stage.title());
  }

  /** A stage's title padded to the longest one's width, so that the times line up. */
  static String padded(String title) {
    return String.format(Locale.ROOT, "%-" + TITLE_WIDTH + "s", title);
  }

  static String seconds(Duration took) {
    return String.format(Locale.ROOT, "%6.1f s", took.toMillis() / 1000.0);
  }

  /** Whether standard input and output are a terminal (Java 22+ has a Console even when they are not). */
  private static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
