package dev.lifecycle.edge.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Asks the operator's /healthz and /readyz every 100 ms, one after the other, on a thread of its own, and keeps
 * how long each answer took (any status: a 503 that comes at once is a good answer). While the process is down
 * (a restart) nothing listens, and those samples are counted apart, not as latencies. An answer that does not
 * come within the client's timeout counts as that timeout.
 */
final class HealthSampler implements AutoCloseable {

  static final Duration PERIOD = Duration.ofMillis(100);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Supplier<OperatorProcess> operator;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final List<Long> healthz = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> readyz = Collections.synchronizedList(new ArrayList<>());
  /** Both endpoints' latencies by the phase they were asked in, in phase order. */
  private final Map<String, List<Long>> byPhase = Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile String phase = "start";
  /** While the benchmark itself stops the operator's JVM for a full GC: counted by phase, not against the target. */
  private volatile boolean forcedGc;
  private volatile long unanswered;
  private volatile boolean running = true;
  private final Thread thread;

  private HealthSampler(Supplier<OperatorProcess> operator) {
    this.operator = operator;
    this.thread = new Thread(this::loop, "health-sampler");
    this.thread.setDaemon(true);
  }

  static HealthSampler start(Supplier<OperatorProcess> operator) {
    HealthSampler sampler = new HealthSampler(operator);
    sampler.thread.start();
    return sampler;
  }

  private void loop() {
    long next = System.nanoTime();
    while (running) {
      OperatorProcess process = operator.get();
      if (process != null && process.alive()) {
        sample(process.probe("/healthz"), healthz);
        sample(process.probe("/readyz"), readyz);
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

  /** The phase the samples from now on are counted in. */
  void phase(String name) {
    phase = name;
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

  private void sample(URI uri, List<Long> into) {
    long start = System.nanoTime();
    boolean gcAtStart = forcedGc;
    List<Long> ofPhase = byPhase.computeIfAbsent(phase, p -> Collections.synchronizedList(new ArrayList<>()));
    try {
      http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
      long took = System.nanoTime() - start;
      judged(into, took, gcAtStart);
      ofPhase.add(took);
    } catch (HttpTimeoutException e) {
      judged(into, TIMEOUT.toNanos(), gcAtStart);
      ofPhase.add(TIMEOUT.toNanos());
    } catch (IOException e) {
      unanswered++;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Counted against the target unless the benchmark's forced GC was under way when it was asked or answered. */
  private void judged(List<Long> into, long nanos, boolean gcAtStart) {
    if (!gcAtStart && !forcedGc) {
      into.add(nanos);
    }
  }

  /** The figures so far: per endpoint, samples, max and p99 in ms; and both endpoints' by phase. */
  Figures figures() {
    Map<String, Latency> phases = new LinkedHashMap<>();
    synchronized (byPhase) {
      byPhase.forEach((name, nanos) -> phases.put(name, Latency.of(nanos)));
    }
    return new Figures(Latency.of(healthz), Latency.of(readyz), unanswered, phases);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(TIMEOUT.toMillis() * 2);
  }

  record Figures(Latency healthz, Latency readyz, long unanswered, Map<String, Latency> byPhase) {

    double worstMaxMillis() {
      return Math.max(healthz.maxMillis(), readyz.maxMillis());
    }

    double worstP99Millis() {
      return Math.max(healthz.p99Millis(), readyz.p99Millis());
    }
  }

  record Latency(int samples, double maxMillis, double p99Millis) {

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
      return String.format(Locale.ROOT, "%d samples, max %.1f ms, p99 %.1f ms", samples, maxMillis, p99Millis);
    }
  }
}
