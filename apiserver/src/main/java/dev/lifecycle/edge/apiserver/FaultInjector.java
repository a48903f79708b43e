package dev.lifecycle.edge.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Applies {@link FaultInjection} to the embedded API's requests (through {@link FaultPlan}) and drops
 * its watches on schedule, and counts what it did.
 */
final class FaultInjector implements AutoCloseable {

  static final String INJECTED = "injected by the embedded API's fault injection";

  private final IntSupplier dropWatches;
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong failed500 = new AtomicLong();
  private final AtomicLong failed409 = new AtomicLong();
  private final AtomicLong delayed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile FaultInjection faults = FaultInjection.NONE;
  private RandomGenerator random = new SplittableRandom(0);
  private ScheduledExecutorService dropper;

  /** @param dropWatches drops every droppable open watch, returning how many */
  FaultInjector(IntSupplier dropWatches) {
    this.dropWatches = dropWatches;
  }

  /** From now on, injects these faults (replacing any before), from a generator of their seed. */
  synchronized void inject(FaultInjection injected) {
    stopDropping();
    faults = injected;
    random = new SplittableRandom(injected.seed());
    if (!injected.watchDropInterval().isZero()) {
      dropper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-api-watch-dropper");
        thread.setDaemon(true);
        return thread;
      });
      long every = injected.watchDropInterval().toMillis();
      dropper.scheduleAtFixedRate(() -> dropped.addAndGet(dropWatches.getAsInt()), every, every,
          TimeUnit.MILLISECONDS);
    }
  }

  /** Whether watches opened by this User-Agent may be dropped. */
  boolean mayDrop(String userAgent) {
    return !faults.spares(userAgent);
  }

  /** The answer to a request: failed, or served by {@code serve} (and maybe late). */
  MockResponse apply(String method, boolean watch, String userAgent, Supplier<MockResponse> serve) {
    FaultInjection current = faults;
    if (!current.active() || current.spares(userAgent)) {
      return serve.get();
    }
    if (FaultPlan.isWrite(method)) {
      writes.incrementAndGet();
    }
    FaultPlan.Decision decision;
    synchronized (this) {
      decision = FaultPlan.decide(current, method, watch, random);
    }
    return switch (decision.outcome()) {
      case PASS -> serve.get();
      case FAIL_500 -> {
        failed500.incrementAndGet();
        yield Responses.status(HttpURLConnection.HTTP_INTERNAL_ERROR, "InternalError", "internal error " + INJECTED);
      }
      case FAIL_409 -> {
        failed409.incrementAndGet();
        yield Responses.status(HttpURLConnection.HTTP_CONFLICT, "Conflict", "conflict " + INJECTED);
      }
      case DELAY -> {
        delayed.incrementAndGet();
        yield serve.get().setBodyDelay(decision.delay());
      }
    };
  }

  FaultCounts counts() {
    return new FaultCounts(writes.get(), failed500.get(), failed409.get(), delayed.get(), dropped.get());
  }

  private void stopDropping() {
    if (dropper != null) {
      dropper.shutdownNow();
      dropper = null;
    }
  }

  @Override
  public synchronized void close() {
    stopDropping();
  }
}
