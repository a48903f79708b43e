package dev.lifecycle.edge.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The java-operator-sdk Operator with this project's reconcilers, configured the same way for a real
 * cluster, the embedded API and the tests: no server-side apply anywhere (the embedded API refuses
 * it, and one code path everywhere is the point), and a stopped informer either ends the process
 * (in a pod, so Kubernetes restarts it) or is logged (embedded, tests).
 */
public final class EdgeOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EdgeOperator.class);

  private final Operator operator;
  private final OperatorServices services;

  public EdgeOperator(OperatorServices services) {
    this.services = services;
    boolean exitOnInformerStop = services.settings().exitOnInformerStop();
    this.operator = new Operator(o -> {
      o.withKubernetesClient(services.client())
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withReconciliationTerminationTimeout(Duration.ofSeconds(5));
      if (!exitOnInformerStop) {
        o.withInformerStoppedHandler((informer, cause) ->
            LOG.error("an informer stopped; its kind is no longer watched: {}", cause.toString(), cause));
      }
    });
  }

  /** Registers every reconciler of the project. */
  public EdgeOperator withAllReconcilers() {
    for (Function<OperatorServices, Reconciler<? extends HasMetadata>> factory : Reconcilers.ALL) {
      register(factory.apply(services));
    }
    return this;
  }

  /** Registers one reconciler (tests register only the ones they exercise). */
  public <P extends HasMetadata> EdgeOperator register(Reconciler<P> reconciler) {
    operator.register(reconciler);
    return this;
  }


  public OperatorServices services() {
    return services;
  }

  public void start() {
    operator.start();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
