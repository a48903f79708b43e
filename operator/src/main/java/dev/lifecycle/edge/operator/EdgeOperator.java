package dev.lifecycle.edge.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.health.EventSourceHealthIndicator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The java-operator-sdk Operator with this project's reconcilers, configured the same way for a real
 * cluster, the embedded API and the tests: no server-side apply anywhere (the embedded API refuses
 * it, and one code path everywhere is the point), a stopped informer either ends the process (in a
 * pod, so Kubernetes restarts it) or is logged (embedded, tests), java-operator-sdk's metrics in the
 * services' registry, the watched namespaces of the settings, and optionally leader election.
 */
public final class EdgeOperator implements AutoCloseable {

  /** How long the start waits for every informer's first list before it gives up. */
  static final Duration CACHE_SYNC_TIMEOUT = Duration.ofMinutes(10);

  private final Operator operator;
  private final OperatorServices services;
  private final InformerStops informerStops;
  private final Optional<Leadership> leadership;
  private volatile boolean started;

  /** An operator that reconciles as soon as it starts (a single replica, the embedded API, tests). */
  public EdgeOperator(OperatorServices services) {
    this(services, Optional.empty());
  }

  /** An operator that, with leader election, reconciles only while it holds the Lease. */
  public EdgeOperator(OperatorServices services, Optional<LeaderElection> leaderElection) {
    this.services = services;
    boolean inPod = services.settings().exitOnInformerStop();
    this.informerStops = new InformerStops(inPod);
    this.leadership = leaderElection.map(election -> new Leadership(election.identity(), inPod, services.liveness(),
        services.clock()));
    this.operator = new Operator(o -> {
      o.withKubernetesClient(services.client())
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withReconciliationTerminationTimeout(Duration.ofSeconds(5))
          // JOSDK stops the operator when an informer has not synced in 2 minutes. A restart at 10,000 hosts
          // on a loaded API server took longer once (four caches list the fleet at once) and exited, to be
          // restarted into the same wait; not ready (/readyz 503) while it lists is the right answer instead.
          .withCacheSyncTimeout(CACHE_SYNC_TIMEOUT)
          .withInformerStoppedHandler(informerStops)
          // Per-resource meters would grow with the fleet (one set per EdgeHost): per kind only.
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(services.meters()));
      leaderElection.ifPresent(election ->
          o.withLeaderElectionConfiguration(election.configuration(leadership.orElseThrow().callbacks())));
    });
    Gauge.builder("edge.operator.leader", this, edge -> edge.leading() ? 1 : 0)
        .description("1 while this replica reconciles (it holds the leader Lease, or runs without leader election)")
        .register(services.meters());
  }

  /** Registers every reconciler of the project. */
  public EdgeOperator withAllReconcilers() {
    for (Function<OperatorServices, Reconciler<? extends HasMetadata>> factory : Reconcilers.ALL) {
      register(factory.apply(services));
    }
    return this;
  }

  /**
   * Registers one reconciler (tests register only the ones they exercise), watching the namespaces of the
   * settings; its informers of other kinds follow the same namespaces.
   */
  public <P extends HasMetadata> EdgeOperator register(Reconciler<P> reconciler) {
    Set<String> namespaces = services.settings().watchNamespaces();
    operator.register(reconciler, override -> {
      // No periodic reconcile (java-operator-sdk's default: every 10 h after each reconcile): each one queues a
      // task in its timer that stays there, cancelled or not, for the 10 h, so memory grew with every reconcile of
      // the fleet. The reconcilers wake on changes and on their own timers (host deadlines, rollout timeouts).
      override.withReconciliationMaxInterval(null);
      if (!namespaces.isEmpty()) {
        override.settingNamespaces(namespaces);
      }
    });
    return this;
  }

  public OperatorServices services() {
    return services;
  }

  /** Starts the informers, waits until they have listed everything, and reconciles (or waits to lead). */
  public void start() {
    if (leadership.isEmpty()) {
      services.liveness().judgeFrom(services.clock().instant());
    }
    operator.start();
    started = true;
  }

  /** Whether this replica reconciles: it holds the Lease, or runs without leader election. */
  public boolean leading() {
    return leadership.map(Leadership::leading).orElse(started);
  }

  /**
   * Why the operator is not ready, or empty when it is: started, every informer synced and watching.
   * A follower under leader election is ready (its caches are warm; the gateway beside it serves).
   */
  public Optional<String> notReady() {
    if (!started) {
      // getRuntimeInfo() would wait for the lock start() holds until every informer has synced.
      return Optional.of("the operator is starting: its informers have not synced yet");
    }
    RuntimeInfo runtime = operator.getRuntimeInfo();
    if (!runtime.isStarted()) {
      return Optional.of("the operator is starting: its informers have not synced yet");
    }
    Set<String> unhealthy = new TreeSet<>();
    for (Map.Entry<String, Map<String, EventSourceHealthIndicator>> controller
        : runtime.unhealthyEventSources().entrySet()) {
      controller.getValue().keySet().forEach(source -> unhealthy.add(controller.getKey() + "/" + source));
    }
    return unhealthy.isEmpty() ? Optional.empty()
        : Optional.of("event sources not synced or not watching: " + String.join(", ", unhealthy));
  }

  /** The informers that stopped for good (their kinds are no longer watched), with why. */
  public List<String> stoppedInformers() {
    return informerStops.stopped();
  }

  @Override
  public void close() {
    leadership.ifPresent(Leadership::stopping);
    services.liveness().stopJudging();
    operator.stop();
  }
}
