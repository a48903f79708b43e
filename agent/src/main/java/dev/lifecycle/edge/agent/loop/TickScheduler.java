package dev.lifecycle.edge.agent.loop;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs an asynchronous task over and over, never two at once, with no thread of its own: each run
 * says how long to wait before the next (empty: stop). {@link #wake()} brings the next run forward.
 */
final class TickScheduler {

  private final ScheduledExecutorService scheduler;
  private final Supplier<CompletableFuture<Optional<Duration>>> task;
  private final Object lock = new Object();
  private boolean running;
  private boolean wakeRequested;
  private boolean stopped;
  private ScheduledFuture<?> next;

  TickScheduler(ScheduledExecutorService scheduler, Supplier<CompletableFuture<Optional<Duration>>> task) {
    this.scheduler = scheduler;
    this.task = task;
  }

  void start(Duration initialDelay) {
    synchronized (lock) {
      schedule(initialDelay);
    }
  }

  /** Runs the task as soon as the current run (if any) is over. */
  void wake() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      if (running) {
        wakeRequested = true;
      } else if (next != null && next.cancel(false)) {
        schedule(Duration.ZERO);
      }
    }
  }

  /** No run after the current one. */
  void stop() {
    synchronized (lock) {
      stopped = true;
      if (next != null) {
        next.cancel(false);
      }
    }
  }

  private void run() {
    synchronized (lock) {
      if (stopped || running) {
        return;
      }
      running = true;
      wakeRequested = false;
    }
    CompletableFuture<Optional<Duration>> run;
    try {
      run = task.get();
    } catch (RuntimeException e) {
      run = CompletableFuture.failedFuture(e);
    }
    run.whenComplete((delay, failure) -> {
      synchronized (lock) {
        running = false;
        if (stopped || failure != null || delay.isEmpty()) {
          stopped = true;
          return;
        }
        schedule(wakeRequested ? Duration.ZERO : delay.get());
        wakeRequested = false;
      }
    });
  }

  private void schedule(Duration delay) {
    try {
      next = scheduler.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shutDown) {
      stopped = true;
    }
  }
}
