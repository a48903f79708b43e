package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The hosts' Unreachable deadlines, one per host, on one thread: every {@link #TICK} it wakes (reconciles) the
 * hosts whose deadline passed. A host's reconcile sets its next deadline ({@link #wakeAfter}) or clears it, and a
 * deleted host's is dropped. In place of java-operator-sdk's {@code rescheduleAfter}, whose timer keeps one task
 * per reschedule (cancelled ones included) until its time: tens of thousands at a few thousand hosts.
 */
final class HostWakeUps extends AbstractEventSource<Void, EdgeHost> implements ResourceEventAware<EdgeHost> {

  static final Duration TICK = Duration.ofMillis(250);

  private final WakeUpWheel<ResourceID> wheel = new WakeUpWheel<>(TICK.toMillis());
  private ScheduledExecutorService ticker;

  HostWakeUps() {
    super(Void.class, "host-wake-ups");
  }

  /**
   * Reconciles the host after {@code delay} (within one tick after it), instead of any wake-up it had. Timed on
   * the monotonic clock, as java-operator-sdk's reschedules are: the operator's clock may be a test's.
   */
  void wakeAfter(ResourceID host, Duration delay) {
    synchronized (wheel) {
      wheel.wakeAt(host, monotonicMillis() + delay.toMillis());
    }
  }

  /** The host needs no wake-up: only its agent can change its phase now. */
  void cancel(ResourceID host) {
    synchronized (wheel) {
      wheel.cancel(host);
    }
  }

  /** How many hosts have a wake-up pending. */
  int pending() {
    synchronized (wheel) {
      return wheel.size();
    }
  }

  @Override
  public void onResourceDeleted(EdgeHost host) {
    cancel(ResourceID.fromResource(host));
  }

  @Override
  public synchronized void start() {
    if (ticker == null) {
      ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "host-wake-ups");
        thread.setDaemon(true);
        return thread;
      });
      ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }
    super.start();
  }

  @Override
  public synchronized void stop() {
    super.stop();
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
  }

  @Override
  public Set<Void> getSecondaryResources(EdgeHost primary) {
    return Set.of();
  }

  private static long monotonicMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
  }

  private void tick() {
    if (!isRunning()) {
      return;
    }
    List<ResourceID> due;
    synchronized (wheel) {
      due = wheel.due(monotonicMillis());
    }
    due.forEach(host -> getEventHandler().handleEvent(new Event(host)));
  }
}
