package dev.lifecycle.edge.agent.sim;

import dev.lifecycle.edge.agent.client.GatewayClient;
import dev.lifecycle.edge.agent.client.GatewayException;
import dev.lifecycle.edge.agent.loop.AgentListener;
import dev.lifecycle.edge.agent.loop.AgentLoop;
import dev.lifecycle.edge.agent.loop.AgentPhase;
import dev.lifecycle.edge.agent.loop.AgentStatus;
import dev.lifecycle.edge.agent.state.MemoryStateStore;
import dev.lifecycle.edge.agent.time.Backoff;
import dev.lifecycle.edge.wire.Plan;
import dev.lifecycle.edge.wire.RegisterResponse;
import dev.lifecycle.edge.wire.Report;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N simulated edge hosts in one process, for the demo, the end-to-end tests and the benchmarks.
 * Host {@code i} has machine id and hostname {@code <prefix>-<i>} (so a pre-provisioned EdgeHost
 * with {@code spec.machineId: <prefix>-0} is claimed by host 0), a simulated inventory and the
 * labels given; it runs a real {@link AgentLoop} against the gateway, and "applies" a plan by
 * waiting the apply time, then reports Applied, or Failed where the {@link FailurePolicy} says so.
 *
 * <p>All hosts share one HTTP client and a few threads (no thread per host), so 2,000 hosts fit
 * on 2 cores. A host whose registration is refused stops; {@link #allRefused()} completes when every
 * host was.
 *
 * <pre>{@code
 * try (FleetSimulator fleet = FleetSimulator.builder(gatewayUrl, token).hosts(20).build()) {
 *   fleet.start();
 *   await().until(() -> fleet.counters().applied() == 20);
 * }
 * }</pre>
 */
public final class FleetSimulator implements AutoCloseable {

  private final int hostCount;
  private final List<AgentLoop> loops = new ArrayList<>();
  private final List<SimulatedExecutor> executors = new ArrayList<>();
  private final PlanHolds holds = new PlanHolds();
  private final ScheduledExecutorService scheduler;
  private final ExecutorService httpExecutor;
  private final Duration startSpread;
  private final AtomicInteger registered = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final CompletableFuture<Void> allRefused = new CompletableFuture<>();
  private final java.util.function.BiFunction<Integer, SimulatedExecutor, AgentLoop> newLoop;
  // One per host, kept across kill and revive: a revived host is not counted as registered twice.
  private final List<Counting> listeners = new ArrayList<>();
  // Each host's state directory, kept across kill and revive as a disk is: a revived agent keeps its credential.
  private final List<MemoryStateStore> disks = new ArrayList<>();

  private FleetSimulator(Builder builder) {
    this.hostCount = builder.hosts;
    int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.scheduler = Executors.newScheduledThreadPool(threads, daemon("sim-scheduler-"));
    this.httpExecutor = Executors.newFixedThreadPool(threads, daemon("sim-http-"));
    HttpClient http = GatewayClient.httpClient(Optional.ofNullable(builder.caCert), httpExecutor);
    GatewayClient client = new GatewayClient(http, builder.gateway);
    FailurePolicy failures = new FailurePolicy(builder.failVersion, builder.failHosts);
    this.newLoop = (index, executor) -> AgentLoop.builder(client, builder.token,
            SimulatedHosts.identity(builder.prefix, index, builder.labels))
        .executor(executor)
        .scheduler(scheduler)
        .pollInterval(builder.pollInterval)
        .longPoll(builder.longPoll)
        .backoff(new Backoff(Backoff.DEFAULT_INITIAL, builder.maxBackoff,
            () -> ThreadLocalRandom.current().nextDouble()))
        .listener(listeners.get(index))
        .store(disks.get(index))
        .build();
    for (int i = 0; i < hostCount; i++) {
      listeners.add(new Counting());
      disks.add(new MemoryStateStore());
      SimulatedExecutor executor = new SimulatedExecutor(scheduler, builder.applyTime, failures, holds, i);
      executors.add(executor);
      loops.add(newLoop.apply(i, executor));
    }
    Duration defaultSpread = builder.pollInterval.compareTo(Duration.ofMillis(10L * hostCount)) < 0
        ? builder.pollInterval : Duration.ofMillis(10L * hostCount);
    this.startSpread = builder.startSpread != null ? builder.startSpread : defaultSpread;
  }

  /**
   * A simulator of hosts that register through the gateway at {@code gateway} with {@code token}.
   *
   * @param gateway the gateway's base URL
   * @param token the registration token
   */
  public static Builder builder(URI gateway, String token) {
    return new Builder(gateway, token);
  }

  /** Starts every host, spread over at most one poll interval so they do not register in one burst. */
  public void start() {
    for (int i = 0; i < hostCount; i++) {
      loops.get(i).start(startSpread.multipliedBy(i).dividedBy(hostCount));
    }
  }

  /**
   * Kills host {@code index}'s agent, as a power cut would: it stops polling, reporting and sending heartbeats, and
   * its host goes Unreachable once the gateway's staleness limit passes.
   */
  public void kill(int index) {
    loops.get(index).close();
  }

  /**
   * Starts host {@code index}'s agent again after {@link #kill}, as a reboot would: it registers anew with the same
   * machine id (the gateway answers with the same host) and fetches its plan.
   */
  public void revive(int index) {
    AgentLoop loop = newLoop.apply(index, executors.get(index));
    loops.set(index, loop);
    loop.start(Duration.ZERO);
  }

  /** The counters so far. */
  public FleetCounters counters() {
    return new FleetCounters(hostCount, registered.get(), refused.get(), applied.get(), failed.get());
  }

  /** Where simulated host {@code index} stands. */
  public AgentStatus host(int index) {
    return loops.get(index).status();
  }

  /** The last plan simulated host {@code index} was given to apply, as the gateway served it. */
  public Optional<Plan> lastPlan(int index) {
    return executors.get(index).lastPlan();
  }

  /**
   * Host {@code index} finishes no plan of profile {@code version} (but a Reset) until {@link #release}: it reports
   * Applying and keeps its heartbeat, like an install that takes long. A test holds a rollout under way with it.
   */
  public void hold(int index, String version) {
    Objects.requireNonNull(version, "version");
    if (index < 0 || index >= hostCount) {
      throw new IllegalArgumentException("no simulated host " + index + ": the fleet has hosts 0 to "
          + (hostCount - 1));
    }
    holds.hold(index, version);
  }

  /** Whether host {@code index} holds a plan now: it was given a held plan and would have finished it. */
  public boolean holding(int index) {
    return holds.holding(index);
  }

  /** Host {@code index} finishes the plan it holds, if any (reporting its outcome), and holds no later plan. */
  public void release(int index) {
    holds.release(index);
  }

  /** The number of simulated hosts. */
  public int size() {
    return hostCount;
  }

  /** Whether every host is registered and connected now. */
  public boolean allConnected() {
    return loops.stream().allMatch(loop -> loop.status().phase() == AgentPhase.CONNECTED);
  }

  /** Completes when the registration of every host was refused: nothing is left running. */
  public CompletableFuture<Void> allRefused() {
    return allRefused;
  }

  /** Stops every host and the simulator's threads. */
  @Override
  public void close() {
    loops.forEach(AgentLoop::close);
    scheduler.shutdownNow();
    httpExecutor.shutdownNow();
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Counts one host's events into the fleet's counters. */
  private final class Counting implements AgentListener {
    private final AtomicBoolean seen = new AtomicBoolean();

    @Override
    public void registered(RegisterResponse registration) {
      if (seen.compareAndSet(false, true)) {
        registered.incrementAndGet();
      }
    }

    @Override
    public void refused(GatewayException refusal) {
      if (refused.incrementAndGet() == hostCount) {
        allRefused.complete(null);
      }
    }

    @Override
    public void reported(Report report) {
      if (Report.State.Applied.name().equals(report.state())) {
        applied.incrementAndGet();
      } else if (Report.State.Failed.name().equals(report.state())) {
        failed.incrementAndGet();
      }
    }
  }

  /** Settings of a {@link FleetSimulator}. */
  public static final class Builder {
    private final URI gateway;
    private final String token;
    private int hosts = 1;
    private String prefix = "sim";
    private Duration applyTime = Duration.ofSeconds(2);
    private Duration pollInterval = AgentLoop.DEFAULT_POLL_INTERVAL;
    private Duration longPoll = AgentLoop.DEFAULT_LONG_POLL;
    private Duration maxBackoff = Backoff.DEFAULT_MAX;
    private String failVersion;
    private final Set<Integer> failHosts = new HashSet<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Path caCert;
    private Duration startSpread;

    private Builder(URI gateway, String token) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      this.token = Objects.requireNonNull(token, "token");
    }

    /** How many hosts (at least 1); 1 unless set. */
    public Builder hosts(int hosts) {
      if (hosts < 1) {
        throw new IllegalArgumentException("a fleet needs at least one host, got " + hosts);
      }
      this.hosts = hosts;
      return this;
    }

    /** Host {@code i} gets machine id and hostname {@code <prefix>-<i>}; {@code sim} unless set. */
    public Builder machineIdPrefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix);
      return this;
    }

    /** How long applying a plan takes; 2 s unless set. */
    public Builder applyTime(Duration applyTime) {
      if (applyTime.isNegative()) {
        throw new IllegalArgumentException("the apply time cannot be negative, got " + applyTime);
      }
      this.applyTime = applyTime;
      return this;
    }

    /**
     * Over how long the hosts start (default: one poll interval, at most 10 ms per host). Zero starts
     * them all at once, as a benchmark of registration throughput wants.
     */
    public Builder startSpread(Duration spread) {
      if (spread.isNegative()) {
        throw new IllegalArgumentException("startSpread must not be negative");
      }
      this.startSpread = spread;
      return this;
    }

    /** How often each host polls its plan; 5 s unless set. */
    public Builder pollInterval(Duration pollInterval) {
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("the poll interval must be positive, got " + pollInterval);
      }
      this.pollInterval = pollInterval;
      return this;
    }

    /** How long the gateway may hold each host's plan request until its plan changes; 30 s, zero turns it off. */
    public Builder longPoll(Duration longPoll) {
      if (longPoll.isNegative()) {
        throw new IllegalArgumentException("the long poll cannot be negative, got " + longPoll);
      }
      this.longPoll = longPoll;
      return this;
    }

    /** Every host fails every plan of profile version {@code version}. */
    /** The longest wait between retries of an agent that gets no answer (a test restarting the gateway shortens it). */
    public Builder maxBackoff(Duration maxBackoff) {
      if (maxBackoff.compareTo(Backoff.DEFAULT_INITIAL) < 0) {
        throw new IllegalArgumentException("the longest backoff must be at least " + Backoff.DEFAULT_INITIAL
            + ", got " + maxBackoff);
      }
      this.maxBackoff = maxBackoff;
      return this;
    }

    public Builder failVersion(String version) {
      this.failVersion = version;
      return this;
    }

    /** Host {@code index} fails every plan but a Reset; may be called for several hosts. */
    public Builder failHost(int index) {
      this.failHosts.add(index);
      return this;
    }

    /** A label every host asks for at registration. */
    public Builder label(String key, String value) {
      this.labels.put(key, value);
      return this;
    }

    /** The PEM file of the private CA that signed the gateway's certificate. */
    public Builder caCert(Path pem) {
      this.caCert = pem;
      return this;
    }

    /** The simulator, not started. */
    public FleetSimulator build() {
      return new FleetSimulator(this);
    }
  }
}
