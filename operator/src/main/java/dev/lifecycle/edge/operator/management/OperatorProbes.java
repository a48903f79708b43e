package dev.lifecycle.edge.operator.management;

import dev.lifecycle.edge.operator.DaemonThreads;
import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.gateway.Gateway;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Liveness and readiness of the process, judged from its parts as they come up: the operator (set
 * before it starts, since starting waits for its informers to sync) and the gateway (set once it
 * listens). Each answer is empty when all is well, or a short reason, and comes at once: a probe the
 * kubelet times out on counts as a failure, and a liveness failure restarts a start that was only slow.
 */
public final class OperatorProbes {

  /** How often the operator's readiness is read, on a thread of its own; a probe answers from the last reading. */
  static final Duration OPERATOR_CHECK_EVERY = Duration.ofMillis(200);
  /**
   * A reading under way longer than this: java-operator-sdk holds its lock, its controllers are starting (for
   * seconds or minutes). Not shorter: on a busy machine the reading thread itself may wait that long for a core,
   * and readiness must not flap then (the Service would drop the pod, and its gateway with it).
   */
  static final Duration OPERATOR_CHECK_LIMIT = Duration.ofSeconds(1);
  static final String STARTING = "the operator is starting";

  private volatile EdgeOperator operator;
  private volatile Gateway gateway;
  // java-operator-sdk's runtime information takes the lock its controllers hold while their informers sync
  // (at start, and when a follower becomes leader): read on a thread of its own, in the background, so that a
  // probe never waits for it, nor for that thread to be scheduled on a busy machine.
  private final ScheduledExecutorService operatorChecks = Executors.newSingleThreadScheduledExecutor(
      DaemonThreads.named("readiness-check"));
  private final AtomicBoolean checking = new AtomicBoolean();
  /** The last reading of the operator's readiness; empty when ready. */
  private volatile Optional<String> operatorVerdict = Optional.of(STARTING);
  /** {@link System#nanoTime()} when the reading under way began; null while none is. */
  private volatile Long readingSince;

  /** The operator, before its start (its readiness then says it is starting). */
  public void operator(EdgeOperator starting) {
    this.operator = starting;
    if (checking.compareAndSet(false, true)) {
      operatorChecks.scheduleWithFixedDelay(this::readOperator, 0, OPERATOR_CHECK_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private void readOperator() {
    EdgeOperator watched = operator;
    readingSince = System.nanoTime();
    try {
      operatorVerdict = watched.notReady();
    } catch (RuntimeException e) {
      operatorVerdict = Optional.of("the operator's state could not be read: " + e);
    } finally {
      readingSince = null;
    }
  }

  /** The gateway, once it listens. */
  public void gateway(Gateway listening) {
    this.gateway = listening;
  }

  /**
   * Why the process is not alive, or empty: alive while no informer stopped for good (a stopped informer
   * no longer follows the API, and only a restart brings it back).
   */
  public Optional<String> notAlive() {
    EdgeOperator watched = operator;
    if (watched != null) {
      List<String> stopped = watched.stoppedInformers();
      if (!stopped.isEmpty()) {
        return Optional.of("informers stopped: " + String.join("; ", stopped));
      }
    }
    Gateway serving = gateway;
    return serving == null ? Optional.empty() : serving.notServing();
  }

  /**
   * Why the process is not ready, or empty: ready once the operator started with every informer synced
   * and the gateway listens.
   */
  public Optional<String> notReady() {
    if (operator == null) {
      return Optional.of(STARTING);
    }
    Optional<String> operatorProblem = operatorNotReady();
    if (operatorProblem.isPresent()) {
      return operatorProblem;
    }
    Gateway serving = gateway;
    if (serving == null) {
      return Optional.of("the gateway is not listening yet");
    }
    return serving.notServing().or(this::notAlive);
  }

  /** The operator's last answer, or that it is busy starting when the reading under way takes too long. */
  private Optional<String> operatorNotReady() {
    Long since = readingSince;
    if (since != null && System.nanoTime() - since > OPERATOR_CHECK_LIMIT.toNanos()) {
      return Optional.of("the operator is starting its controllers: their informers are syncing");
    }
    return operatorVerdict;
  }
}
