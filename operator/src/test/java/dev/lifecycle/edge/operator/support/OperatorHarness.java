package dev.lifecycle.edge.operator.support;

import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An embedded Kubernetes API with a real java-operator-sdk Operator against it, for *IT tests: one
 * API per test class, a fresh namespace per test, the operator started with the reconcilers a test
 * names and stopped (or restarted) at will.
 */
public final class OperatorHarness implements AutoCloseable {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private final EmbeddedKubernetes api;
  private final OperatorSettings settings;
  private final Clock clock;
  private EdgeOperator operator;

  private OperatorHarness(EmbeddedKubernetes api, OperatorSettings settings, Clock clock) {
    this.api = api;
    this.settings = settings;
    this.clock = clock;
  }

  /** An API and settings fit for tests: fast heartbeats, informer stops logged, not fatal. */
  public static OperatorHarness start() {
    return start(OperatorSettings.defaults("http://127.0.0.1:9443").withHeartbeat(Duration.ofSeconds(30)).embedded(),
        Clock.systemUTC());
  }

  public static OperatorHarness start(OperatorSettings settings, Clock clock) {
    return new OperatorHarness(EmbeddedKubernetes.start(), settings, clock);
  }

  public KubernetesClient client() {
    return api.client();
  }

  public EmbeddedKubernetes api() {
    return api;
  }

  /** A new namespace, unique within this API, for one test. */
  public String newNamespace(String prefix) {
    String name = prefix + "-" + NAMESPACES.incrementAndGet();
    api.createNamespace(name);
    return name;
  }

  public OperatorServices services() {
    return OperatorServices.create(api.newClient(), settings, clock);
  }

  /** Starts an operator with the reconcilers built from the services; stops any running one first. */
  public EdgeOperator startOperator(List<Function<OperatorServices, Reconciler<? extends HasMetadata>>> reconcilers) {
    stopOperator();
    OperatorServices services = services();
    EdgeOperator started = new EdgeOperator(services);
    reconcilers.forEach(factory -> started.register(factory.apply(services)));
    started.start();
    operator = started;
    return started;
  }

  /** Starts an operator with every reconciler of the project. */
  public EdgeOperator startOperatorWithAllReconcilers() {
    stopOperator();
    EdgeOperator started = new EdgeOperator(services()).withAllReconcilers();
    started.start();
    operator = started;
    return started;
  }

  public void stopOperator() {
    if (operator != null) {
      operator.close();
      operator.services().client().close();
      operator = null;
    }
  }

  @Override
  public void close() {
    stopOperator();
    api.close();
  }
}
