package dev.lifecycle.edge.agent.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one process at a time with extra environment and a timeout; captures the tail of its output
 * and logs every line. On timeout (or {@link #kill()}) the whole process tree dies.
 */
final class ProcessRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
  private static final int TAIL_LINES = 20;
  private static final int TAIL_LINE_LENGTH = 300;

  private final AtomicReference<Process> running = new AtomicReference<>();

  /**
   * Runs {@code command} until it exits or {@code timeout} passes.
   *
   * @throws IOException when the process cannot start
   * @throws InterruptedException when the waiting thread is interrupted (the process is killed)
   */
  ProcessOutcome run(List<String> command, Map<String, String> environment, Path workingDirectory,
      Duration timeout, String logPrefix) throws IOException, InterruptedException {
    return run(command, environment, workingDirectory, timeout, logPrefix, UnaryOperator.identity());
  }

  /**
   * Like {@link #run(List, Map, Path, Duration, String)}, every output line passed through {@code redact}
   * before it is logged or kept (so that a secret a process prints reaches neither the log nor a report).
   */
  ProcessOutcome run(List<String> command, Map<String, String> environment, Path workingDirectory,
      Duration timeout, String logPrefix, UnaryOperator<String> redact) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(environment);
    Process process = builder.start();
    running.set(process);
    OutputTail tail = new OutputTail(TAIL_LINES, TAIL_LINE_LENGTH);
    Thread reader = new Thread(() -> pump(process, tail, logPrefix, redact), "hook-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        killTree(process);
      }
      reader.join(Duration.ofSeconds(5).toMillis());
      return new ProcessOutcome(exited ? process.exitValue() : -1, !exited, tail.text());
    } catch (InterruptedException e) {
      killTree(process);
      throw e;
    } finally {
      running.set(null);
    }
  }

  /** Kills the process under way, if any, with everything it started. */
  void kill() {
    Process process = running.get();
    if (process != null) {
      killTree(process);
    }
  }

  private static void killTree(Process process) {
    // The children first in the list, collected before the parent dies (then they are re-parented).
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pump(Process process, OutputTail tail, String logPrefix, UnaryOperator<String> redact) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        line = redact.apply(line);
        tail.add(line);
        LOG.info("[{}] {}", logPrefix, line);
      }
    } catch (IOException closed) {
      LOG.debug("[{}] output closed: {}", logPrefix, closed.getMessage());
    }
  }
}
