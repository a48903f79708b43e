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
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded Kubernetes API with a real java-operator-sdk Operator against it, for *IT tests: one
 * API per test class, a fresh namespace per test, the operator started with the reconcilers a test
 * names and stopped (or restarted) at will. On a static {@code @RegisterExtension} field
 * ({@link #perTestClass}) it starts before the class's tests and closes after them.
 */
public final class OperatorHarness implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private final OperatorSettings settings;
  private final Clock clock;
  private final Consumer<OperatorHarness> operatorAtStart;
  private EmbeddedKubernetes api;
  private EdgeOperator operator;

  private OperatorHarness(OperatorSettings settings, Clock clock, Consumer<OperatorHarness> operatorAtStart) {
    this.settings = settings;
    this.clock = clock;
    this.operatorAtStart = operatorAtStart;
  }

  /** An API and settings fit for tests: fast heartbeats, informer stops logged, not fatal. */
  public static OperatorHarness start() {
    return start(testSettings(), Clock.systemUTC());
  }

  public static OperatorHarness start(OperatorSettings settings, Clock clock) {
    OperatorHarness harness = new OperatorHarness(settings, clock, started -> { });
    harness.api = EmbeddedKubernetes.start();
    return harness;
  }

  /** The API and an operator with these reconcilers, for the tests of one class, with the settings of {@link #start()}. */
  public static OperatorHarness perTestClass(
      List<Function<OperatorServices, Reconciler<? extends HasMetadata>>> reconcilers) {
    return perTestClass(testSettings(), reconcilers);
  }

  /** The API and an operator with these settings and reconcilers, for the tests of one class. */
  public static OperatorHarness perTestClass(OperatorSettings settings,
      List<Function<OperatorServices, Reconciler<? extends HasMetadata>>> reconcilers) {
    return new OperatorHarness(settings, Clock.systemUTC(), harness -> harness.startOperator(reconcilers));
  }

  /** The API and an operator with every reconciler of the project, for the tests of one class. */
  public static OperatorHarness perTestClassWithAllReconcilers() {
    return perTestClassWithAllReconcilers(Clock.systemUTC());
  }

  /** The same, with the clock every reconciler and the gateway read (a test moves it). */
  public static OperatorHarness perTestClassWithAllReconcilers(Clock clock) {
    return new OperatorHarness(testSettings(), clock, OperatorHarness::startOperatorWithAllReconcilers);
  }

  /**
   * The same, with heartbeats every {@code heartbeat} and hosts Unreachable after three missed ones: a test of what
   * happens to dead hosts waits seconds, not minutes.
   */
  public static OperatorHarness perTestClassWithAllReconcilers(Duration heartbeat) {
    return new OperatorHarness(testSettings().withHeartbeat(heartbeat), Clock.systemUTC(),
        OperatorHarness::startOperatorWithAllReconcilers);
  }

  private static OperatorSettings testSettings() {
    return OperatorSettings.defaults("http://127.0.0.1:9443").withHeartbeat(Duration.ofSeconds(30)).embedded();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    api = EmbeddedKubernetes.start();
    operatorAtStart.accept(this);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
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
