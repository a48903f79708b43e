package dev.lifecycle.edge.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Asks the operator's /healthz and /readyz every 100 ms, one after the other, and keeps how long each answer took
 * (any status: a 503 that comes at once is a good answer), from two places side by side: a small JVM of its own
 * ({@link ProbeLoop}, a new connection per probe, as a kubelet), whose figures are judged against the target, and a
 * thread of the benchmark's JVM, which also holds the embedded API server and every simulated agent, so its figures
 * include that JVM's own collections and run queue (shown for comparison). While the operator is down (a restart)
 * nothing listens, and those samples are counted apart, not as latencies. An answer that does not come within 5 s
 * counts as 5 s.
 */
final class HealthSampler implements AutoCloseable {

  static final Duration PERIOD = Duration.ofMillis(ProbeLoop.PERIOD_MILLIS);
  private static final Duration TIMEOUT = Duration.ofMillis(ProbeLoop.TIMEOUT_MILLIS);

  private final Supplier<OperatorProcess> operator;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  /** From the probe process: judged. */
  private final Samples separate = new Samples();
  /** From this JVM: for comparison. */
  private final Samples inBenchmark = new Samples();
  private volatile String phase = "start";
  /** When the phase under way began ({@link System#nanoTime()}). */
  private volatile long phaseStart = System.nanoTime();
  /** While the benchmark itself stops the operator's JVM for a full GC: counted by phase, not against the target. */
  private volatile boolean forcedGc;
  private volatile boolean running = true;
  private final Thread thread;
  private final Process prober;
  private final Thread proberReader;

  private HealthSampler(Supplier<OperatorProcess> operator, int port) {
    this.operator = operator;
    this.thread = new Thread(this::loop, "health-sampler");
    this.thread.setDaemon(true);
    try {
      this.prober = WorldPriority.spawn(new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m", "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1", "-cp", OperatorProcess.ownJar().toString(), ProbeLoop.class.getName(),
          String.valueOf(port)).redirectError(ProcessBuilder.Redirect.INHERIT));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the probe process", e);
    }
    this.proberReader = new Thread(this::readProber, "health-sampler-probe-process");
    this.proberReader.setDaemon(true);
  }

  static HealthSampler start(Supplier<OperatorProcess> operator, int port) {
    HealthSampler sampler = new HealthSampler(operator, port);
    sampler.thread.start();
    sampler.proberReader.start();
    return sampler;
  }

  private void loop() {
    long next = System.nanoTime();
    while (running) {
      OperatorProcess process = operator.get();
      if (process != null && process.alive()) {
        sample(process.probe("/healthz"), true);
        sample(process.probe("/readyz"), false);
      }
      next += PERIOD.toNanos();
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      } else {
        next = System.nanoTime();
      }
    }
  }

  /** Reads the probe process's lines ({@link ProbeLoop}): each counted in the phase under way when it arrives. */
  private void readProber() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(prober.getInputStream(),
        StandardCharsets.US_ASCII))) {
      for (String line; (line = lines.readLine()) != null; ) {
        String[] parts = line.split(" ", 2);
        if (parts.length != 2) {
          continue;
        }
        boolean healthz = parts[0].equals("/healthz");
        switch (parts[1]) {
          case "down" -> separate.unanswered++;
          case "timeout" -> separate.add(healthz, TIMEOUT.toNanos(), phase, phaseStart, forcedGc, forcedGc);
          default -> separate.add(healthz, Long.parseLong(parts[1]), phase, phaseStart, forcedGc, forcedGc);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The process ended: the figures so far stand.
    }
  }

  /** The phase the samples from now on are counted in. */
  void phase(String name) {
    phase = name;
    phaseStart = System.nanoTime();
  }

  /**
   * Runs {@code measurement}, a full GC the benchmark forces on the operator to weigh its heap: a stop of
   * the world of a second or more with hundreds of MiB live, which the operator never does by itself. Its
   * samples are shown apart ("full GC after ...") and left out of the figures judged.
   */
  <T> T duringForcedGc(java.util.concurrent.Callable<T> measurement) throws Exception {
    String was = phase;
    phase = "full GC after " + was + " (forced by the benchmark)";
    forcedGc = true;
    try {
      return measurement.call();
    } finally {
      forcedGc = false;
      phase = was;
    }
  }

  private void sample(URI uri, boolean healthz) {
    long start = System.nanoTime();
    boolean gcAtStart = forcedGc;
    String ofPhase = phase;
    long began = phaseStart;
    try {
      http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
      inBenchmark.add(healthz, System.nanoTime() - start, ofPhase, began, gcAtStart, forcedGc);
    } catch (HttpTimeoutException e) {
      inBenchmark.add(healthz, TIMEOUT.toNanos(), ofPhase, began, gcAtStart, forcedGc);
    } catch (IOException e) {
      inBenchmark.unanswered++;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** The figures so far: the probe process's (judged), and this JVM's beside them. */
  Figures figures() {
    return separate.figures(inBenchmark.figures(null));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(TIMEOUT.toMillis() * 2);
    prober.destroy();
    if (!prober.waitFor(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      prober.destroyForcibly();
    }
    proberReader.join(TIMEOUT.toMillis());
  }

  /** The latencies of one source, per endpoint and by phase. */
  private static final class Samples {
    private final List<Long> healthz = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> readyz = Collections.synchronizedList(new ArrayList<>());
    /** Both endpoints' latencies by the phase they were asked in, in phase order. */
    private final Map<String, List<Long>> byPhase = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Per phase, when its slowest answer came: seconds into the phase. */
    private final Map<String, Double> slowestAt = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> slowest = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long unanswered;

    /** Counted against the target unless the benchmark's forced GC was under way when it was asked or answered. */
    void add(boolean isHealthz, long nanos, String phase, long phaseStart, boolean gcAtStart, boolean gcAtEnd) {
      byPhase.computeIfAbsent(phase, p -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
      synchronized (slowest) {
        if (nanos > slowest.getOrDefault(phase, -1L)) {
          slowest.put(phase, nanos);
          slowestAt.put(phase, (System.nanoTime() - phaseStart) / 1e9);
        }
      }
      if (!gcAtStart && !gcAtEnd) {
        (isHealthz ? healthz : readyz).add(nanos);
      }
    }

    Figures figures(Figures inBenchmark) {
      Map<String, Latency> phases = new LinkedHashMap<>();
      synchronized (byPhase) {
        byPhase.forEach((name, nanos) -> phases.put(name, Latency.of(nanos).slowestAt(slowestAt.get(name))));
      }
      return new Figures(Latency.of(healthz), Latency.of(readyz), unanswered, phases, inBenchmark);
    }
  }

  /**
   * One source's figures.
   *
   * @param inBenchmark the same probes sent from the benchmark's JVM (null on those figures themselves)
   */
  record Figures(Latency healthz, Latency readyz, long unanswered, Map<String, Latency> byPhase,
      Figures inBenchmark) {

    double worstMaxMillis() {
      return Math.max(healthz.maxMillis(), readyz.maxMillis());
    }

    double worstP99Millis() {
      return Math.max(healthz.p99Millis(), readyz.p99Millis());
    }
  }

  /** @param maxAtSeconds when the slowest came, seconds into its phase (NaN when not kept) */
  record Latency(int samples, double maxMillis, double p99Millis, double maxAtSeconds) {

    Latency(int samples, double maxMillis, double p99Millis) {
      this(samples, maxMillis, p99Millis, Double.NaN);
    }

    Latency slowestAt(Double seconds) {
      return seconds == null ? this : new Latency(samples, maxMillis, p99Millis, seconds);
    }

    static Latency of(List<Long> nanos) {
      List<Long> sorted;
      synchronized (nanos) {
        sorted = new ArrayList<>(nanos);
      }
      if (sorted.isEmpty()) {
        return new Latency(0, 0, 0);
      }
      Collections.sort(sorted);
      int p99 = (int) Math.ceil(sorted.size() * 0.99) - 1;
      return new Latency(sorted.size(), sorted.get(sorted.size() - 1) / 1e6, sorted.get(p99) / 1e6);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d samples, max %.1f ms%s, p99 %.1f ms", samples, maxMillis,
          Double.isNaN(maxAtSeconds) ? "" : String.format(Locale.ROOT, " (%.1f s into it)", maxAtSeconds), p99Millis);
    }
  }
}
