package dev.lifecycle.edge.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the logs of the operator, the gateway, the agents and the libraries (java-operator-sdk, fabric8,
 * Vert.x) out of the demo's terminal: while it is open, the process's standard output and error, where
 * slf4j-simple writes (it looks up System.out at every line), go to a file; the demo writes its story to
 * the stream it held before. Closing restores both.
 */
final class LogCapture implements AutoCloseable {

  private final PrintStream originalOut;
  private final PrintStream originalErr;
  private final PrintStream file;
  private final Path path;

  private LogCapture(PrintStream originalOut, PrintStream originalErr, PrintStream file, Path path) {
    this.originalOut = originalOut;
    this.originalErr = originalErr;
    this.file = file;
    this.path = path;
  }

  /** Sends standard output and error to the file until closed. */
  static LogCapture toFile(Path path) {
    try {
      OutputStream stream = Files.newOutputStream(path);
      PrintStream file = new PrintStream(stream, true, StandardCharsets.UTF_8);
      LogCapture capture = new LogCapture(System.out, System.err, file, path);
      System.setOut(file);
      System.setErr(file);
      return capture;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo's log " + path, e);
    }
  }

  /** Leaves standard output and error as they are (--verbose: the logs show in the terminal). */
  static LogCapture none() {
    return new LogCapture(null, null, null, null);
  }

  /** The file the logs go to, when they are captured. */
  Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  @Override
  public void close() {
    if (file != null) {
      System.setOut(originalOut);
      System.setErr(originalErr);
      file.close();
    }
  }
}
