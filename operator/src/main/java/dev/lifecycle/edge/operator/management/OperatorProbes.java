package dev.lifecycle.edge.operator.management;

import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.gateway.Gateway;
import java.util.List;
import java.util.Optional;

/**
 * Liveness and readiness of the process, judged from its parts as they come up: the operator (set
 * before it starts, since starting waits for its informers to sync) and the gateway (set once it
 * listens). Each answer is empty when all is well, or a short reason.
 */
public final class OperatorProbes {

  private volatile EdgeOperator operator;
  private volatile Gateway gateway;

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
    Optional<String> operatorProblem = watched.notReady();
    if (operatorProblem.isPresent()) {
      return operatorProblem;
    }
    Gateway serving = gateway;
    if (serving == null) {
      return Optional.of("the gateway is not listening yet");
    }
    return serving.notServing().or(this::notAlive);
  }
}
