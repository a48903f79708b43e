package dev.lifecycle.edge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lowers the CPU priority of this JVM, the benchmark's simulated world (the embedded API server and every simulated
 * agent), below the operator's: on a real cluster the API server runs on control-plane nodes and the agents on their
 * hosts, and the operator's pod has the CPU its request reserves; here all three share the machine's cores. Linux
 * keeps a nice value per thread, and a new thread takes its creator's, so every thread of the process is reniced
 * (with util-linux's {@code renice}), again at each phase for the threads started since. Nothing happens when the
 * nice value is 0, or off Linux.
 *
 * <p>A process takes the nice value of the thread that starts it, and only root may lower it again: the operator
 * and the probe process are started from one thread that is never reniced ({@link #spawn}).
 */
final class WorldPriority {

  /** The thread name (its comm in /proc, at most 15 characters) of the thread that starts processes. */
  private static final String LAUNCHER = "nice-0-launcher";
  private static final ExecutorService LAUNCHES = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, LAUNCHER);
    thread.setDaemon(true);
    return thread;
  });

  private final int nice;
  private boolean warned;

  WorldPriority(int nice) {
    if (nice < 0 || nice > 19) {
      throw new IllegalArgumentException("a nice value for the benchmark is within 0..19, not " + nice);
    }
    this.nice = nice;
  }

  int nice() {
    return nice;
  }

  /** Renices every thread of this process that runs now. */
  void apply() {
    Path tasks = Path.of("/proc/self/task");
    if (nice == 0 || !Files.isDirectory(tasks)) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("renice", "-n", String.valueOf(nice), "-p"));
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.filter(thread -> !LAUNCHER.equals(name(thread))).map(thread -> thread.getFileName().toString())
          .forEach(command::add);
      Process renice = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      // A thread that ended meanwhile makes renice exit 1 for it alone; the others are reniced.
      if (!renice.waitFor(30, TimeUnit.SECONDS)) {
        renice.destroyForcibly();
      }
    } catch (IOException e) {
      warnOnce("cannot renice the benchmark's threads (" + e.getMessage() + "): they run at the operator's priority");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts a process from the thread never reniced, so that it runs at nice 0. */
  static Process spawn(ProcessBuilder builder) throws IOException {
    try {
      return LAUNCHES.submit(builder::start).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting " + builder.command(), e);
    }
  }

  private static String name(Path thread) {
    try {
      return Files.readString(thread.resolve("comm")).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private void warnOnce(String message) {
    if (!warned) {
      warned = true;
      System.err.println(message);
    }
  }
}
