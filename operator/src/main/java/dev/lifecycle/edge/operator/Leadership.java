package dev.lifecycle.edge.operator;

import dev.lifecycle.edge.operator.host.HostLiveness;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica leads, and what losing the Lease means: java-operator-sdk cannot start leading
 * again once it stopped, so a replica that loses the Lease while running ends its process (in a pod, so
 * that Kubernetes restarts it as a candidate), or logs it (embedded, tests). Stopping the operator also
 * gives up the Lease; that is no loss. Only the leader judges hosts ({@link HostLiveness}): a follower's gateway
 * writes what it hears.
 */
final class Leadership {

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final boolean exitOnLoss;
  private final String identity;
  private final HostLiveness liveness;
  private final Clock clock;

  Leadership(String identity, boolean exitOnLoss, HostLiveness liveness, Clock clock) {
    this.identity = identity;
    this.exitOnLoss = exitOnLoss;
    this.liveness = liveness;
    this.clock = clock;
  }

  LeaderCallbacks callbacks() {
    return new LeaderCallbacks(this::started, this::stopped, leader -> { });
  }

  boolean leading() {
    return leading.get();
  }

  /** The operator is stopping: giving up the Lease from now on is expected. */
  void stopping() {
    stopping.set(true);
  }

  private void started() {
    liveness.judgeFrom(clock.instant());
    leading.set(true);
    LOG.info("{} leads: this replica reconciles", identity);
  }

  private void stopped() {
    boolean wasLeading = leading.getAndSet(false);
    liveness.stopJudging();
    if (stopping.get() || !wasLeading) {
      return;
    }
    if (exitOnLoss) {
      LOG.error("{} lost the leader Lease: exiting, so that this replica restarts as a candidate", identity);
      // Not on the elector's thread: System.exit waits for shutdown hooks, which stop the elector.
      Thread exit = new Thread(() -> System.exit(1), "leadership-lost-exit");
      exit.start();
    } else {
      LOG.error("{} lost the leader Lease: this replica no longer reconciles", identity);
    }
  }
}
