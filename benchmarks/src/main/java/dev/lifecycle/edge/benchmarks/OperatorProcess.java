package dev.lifecycle.edge.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as a JVM of its own, started as {@code edge-operator.jar run} is ({@link
 * dev.lifecycle.edge.operator.RunCommand}, the same class, from this jar), against the benchmark's embedded
 * API: so that its heap holds the operator's objects only, not the API's store or the simulated agents, and so
 * that a restart is a real process stop and start. Its output goes to a log file.
 */
final class OperatorProcess implements AutoCloseable {

  private static final Pattern EVENT_OUTCOMES = Pattern.compile(
      "(?m)^edge_operator_events_total\\{[^}]*outcome=\"(\\w+)\"[^}]*} (\\S+)$");
  private static final Pattern GATEWAY_ANSWERS = Pattern.compile(
      "(?m)^edge_gateway_requests_seconds_count\\{([^}]*)} (\\S+)$");
  private static final Pattern ENDPOINT_LABEL = Pattern.compile("endpoint=\"([^\"]*)\"");
  private static final Pattern STATUS_LABEL = Pattern.compile("status=\"([^\"]*)\"");
  private static final Pattern HEAP_USED = Pattern.compile(
      "(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\}\\s+([0-9.eE+-]+)$");

  private final List<String> command;
  private final Path kubeconfig;
  private final Path log;
  private final int metricsPort;
  private final int gatewayPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private int starts;
  /** The CPU time of the processes stopped so far. */
  private Duration cpuOfStopped = Duration.ZERO;

  private OperatorProcess(List<String> command, Path kubeconfig, Path log, int metricsPort, int gatewayPort) {
    this.command = command;
    this.kubeconfig = kubeconfig;
    this.log = log;
    this.metricsPort = metricsPort;
    this.gatewayPort = gatewayPort;
  }

  /**
   * An operator (not started yet) reconciling against the API of {@code kubeconfig}.
   *
   * @param maxHeap the JVM's -Xmx, such as {@code 1g}
   * @param heartbeat the agents' heartbeat interval, such as {@code 30s}
   * @param addressQps the gateway's --gateway-address-qps (registrations a second from one address)
   * @param javaOptions more options of the JVM, such as the image's {@code -XX:+UseStringDeduplication}
   */
  static OperatorProcess of(Path kubeconfig, String maxHeap, List<String> javaOptions, String heartbeat,
      double addressQps, Path log) {
    int metricsPort = freePort();
    int gatewayPort = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + maxHeap));
    command.addAll(javaOptions);
    command.addAll(List.of(
        "-cp", ownJar().toString(),
        Main.class.getName(), "operator",
        "--insecure",
        "--gateway-port", String.valueOf(gatewayPort),
        "--metrics-port", String.valueOf(metricsPort),
        "--gateway-url", "http://127.0.0.1:" + gatewayPort,
        "--heartbeat-interval", heartbeat,
        "--gateway-address-qps", String.valueOf(addressQps)));
    return new OperatorProcess(command, kubeconfig, log, metricsPort, gatewayPort);
  }

  /** Starts the process (again, after {@link #stop}); its output is appended to the log. */
  void start() {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      process = WorldPriority.spawn(builder);
      starts++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the operator: " + command, e);
    }
  }

  /** Stops the process as Kubernetes stops a pod (SIGTERM, so that its shutdown hook runs), waiting for it. */
  void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    cpuOfStopped = cpu();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    process = null;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  URI gateway() {
    return URI.create("http://127.0.0.1:" + gatewayPort);
  }

  int metricsPort() {
    return metricsPort;
  }

  URI probe(String path) {
    return URI.create("http://127.0.0.1:" + metricsPort + path);
  }

  Path log() {
    return log;
  }

  /** Waits until /readyz answers 200; fails when the process ends first or the timeout passes. */
  Duration awaitReady(Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!alive()) {
        throw new IllegalStateException("the operator exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(probe("/readyz")).timeout(Duration.ofSeconds(2))
            .build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the operator was not ready within " + timeout + "; see " + log);
  }

  /**
   * The operator's heap after a full collection, in bytes: jcmd asks its JVM for one (GC.run, a System.gc()),
   * then its /metrics gives the heap in use (jvm_memory_used_bytes, every heap pool).
   */
  long heapAfterGc() throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(process.pid()), "GC.run").redirectErrorStream(true).start();
    String said = new String(jcmd.getInputStream().readAllBytes());
    if (jcmd.waitFor() != 0) {
      throw new IllegalStateException("jcmd GC.run failed: " + said);
    }
    String metrics = metrics();
    Matcher matcher = HEAP_USED.matcher(metrics);
    double used = 0;
    boolean found = false;
    while (matcher.find()) {
      used += Double.parseDouble(matcher.group(1));
      found = true;
    }
    if (!found) {
      throw new IllegalStateException("the operator's /metrics has no jvm_memory_used_bytes for the heap");
    }
    return (long) used;
  }

  /** The operator's Event occurrences by outcome (written, folded, combined, dropped, failed), from its /metrics. */
  java.util.Map<String, Double> eventOutcomes() throws IOException, InterruptedException {
    String metrics = metrics();
    java.util.Map<String, Double> outcomes = new java.util.TreeMap<>();
    Matcher matcher = EVENT_OUTCOMES.matcher(metrics);
    while (matcher.find()) {
      outcomes.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
    }
    return outcomes;
  }

  /**
   * The gateway's answers so far by endpoint and status ({@code /v1/heartbeat 204}), from its
   * edge_gateway_requests_seconds_count; a restarted operator counts from zero.
   */
  java.util.Map<String, Double> gatewayAnswers() throws IOException, InterruptedException {
    String metrics = metrics();
    java.util.Map<String, Double> answers = new java.util.TreeMap<>();
    Matcher matcher = GATEWAY_ANSWERS.matcher(metrics);
    while (matcher.find()) {
      Matcher endpoint = ENDPOINT_LABEL.matcher(matcher.group(1));
      Matcher status = STATUS_LABEL.matcher(matcher.group(1));
      if (endpoint.find() && status.find()) {
        answers.merge(endpoint.group(1) + " " + status.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
      }
    }
    return answers;
  }

  /** The operator's /metrics, in the Prometheus text format. */
  private String metrics() throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(probe("/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  int starts() {
    return starts;
  }

  /** The CPU time of every process started so far (as far as the OS tells: a running process's is read live). */
  Duration cpu() {
    Duration current = process == null ? Duration.ZERO
        : process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    return cpuOfStopped.plus(current);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  /** This program's jar (or classes directory), which holds the operator too. */
  static Path ownJar() {
    try {
      return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path logFile(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    Files.deleteIfExists(file);
    return file;
  }
}
