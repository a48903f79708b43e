package dev.lifecycle.edge.operator;

import java.util.concurrent.ThreadFactory;

/** Threads that never keep the process alive: background work that ends with it. */
public final class DaemonThreads {

  private DaemonThreads() {
  }

  /** A factory of daemon threads, each named {@code name}. */
  public static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
