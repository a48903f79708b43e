package dev.lifecycle.edge.operator.management;

import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.gateway.Gateway;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Liveness and readiness of the process, judged from its parts as they come up: the operator (set
 * before it starts, since starting waits for its informers to sync) and the gateway (set once it
 * listens). Each answer is empty when all is well, or a short reason, and comes at once: a probe the
 * kubelet times out on counts as a failure, and a liveness failure restarts a start that was only slow.
 */
public final class OperatorProbes {

  /** How long readiness waits for java-operator-sdk's answer before it says the operator is busy starting. */
  static final Duration OPERATOR_CHECK_LIMIT = Duration.ofMillis(50);

  private volatile EdgeOperator operator;
  private volatile Gateway gateway;
  // java-operator-sdk's runtime information takes the lock its controllers hold while their informers sync
  // (at start, and when a follower becomes leader): asked on a thread of its own, one question at a time.
  private final ExecutorService operatorChecks = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "readiness-check");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicReference<Future<Optional<String>>> operatorCheck = new AtomicReference<>();

  /** The operator, before its start (its readiness then says it is starting). */
  public void operator(EdgeOperator starting) {
    this.operator = starting;
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
    EdgeOperator watched = operator;
    if (watched == null) {
      return Optional.of("the operator is starting");
    }
    Optional<String> operatorProblem = operatorNotReady(watched);
    if (operatorProblem.isPresent()) {
      return operatorProblem;
    }
    Gateway serving = gateway;
    if (serving == null) {
      return Optional.of("the gateway is not listening yet");
    }
    return serving.notServing().or(this::notAlive);
  }

  /** The operator's own answer, or that it is busy starting when it does not come within the limit. */
  private Optional<String> operatorNotReady(EdgeOperator watched) {
    Future<Optional<String>> check = operatorCheck.updateAndGet(
        running -> running != null && !running.isDone() ? running : operatorChecks.submit(watched::notReady));
    try {
      return check.get(OPERATOR_CHECK_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Optional.of("the operator is starting its controllers: their informers are syncing");
    } catch (ExecutionException e) {
      return Optional.of("the operator's state could not be read: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while reading the operator's state");
    }
  }
}
