package dev.lifecycle.edge.operator;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.config.InformerStoppedHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when one of java-operator-sdk's informers stops for good (an error it cannot recover
 * from; no longer an object it cannot read, since the resources read tolerantly and such an object is
 * reported by {@code status.UnreadableObjects}): it is remembered, for the liveness probe, and either ends the
 * process (in a pod, so that Kubernetes restarts it with working watches; java-operator-sdk's default) or
 * is logged (embedded, tests). An informer stopped by the operator's own shutdown is no failure.
 */
final class InformerStops implements InformerStoppedHandler {

  private static final Logger LOG = LoggerFactory.getLogger(InformerStops.class);

  private final boolean exit;
  private final List<String> stopped = new CopyOnWriteArrayList<>();

  InformerStops(boolean exit) {
    this.exit = exit;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void onStop(SharedIndexInformer informer, Throwable cause) {
    if (cause == null) {
      return;
    }
    String kind = informer.getApiTypeClass() == null ? "unknown" : informer.getApiTypeClass().getSimpleName();
    stopped.add(kind + ": " + cause);
    if (exit && informer.hasSynced()) {
      LOG.error("the {} informer stopped: {}; exiting, so that the operator is restarted with working watches", kind,
          cause.toString(), cause);
      System.exit(1);
    }
    LOG.error("the {} informer stopped; its kind is no longer watched: {}", kind, cause.toString(), cause);
  }

  /** The informers that stopped for good, with why. */
  List<String> stopped() {
    return List.copyOf(stopped);
  }
}
