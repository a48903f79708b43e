package dev.lifecycle.edge.agent.sim;

import dev.lifecycle.edge.wire.Plan;
import java.util.HashMap;
import java.util.Map;

/**
 * Which simulated hosts do not finish which plans until told: an install a test holds in the middle of a
 * rollout, so that what happens while it is under way can be asserted at a moment it provably still is.
 * A held host reports Applying and keeps its heartbeat, as a real agent on a slow install does.
 */
final class PlanHolds {

  private final Map<Integer, String> held = new HashMap<>();
  private final Map<Integer, Runnable> parked = new HashMap<>();

  /** Host {@code index} finishes no plan of profile {@code version} (but a Reset) until {@link #release}. */
  synchronized void hold(int index, String version) {
    held.put(index, version);
  }

  /**
   * Finishes host {@code index}'s {@code plan} now with {@code finish}, or keeps it until the host is released
   * when the plan is held.
   */
  void finish(int index, Plan plan, Runnable finish) {
    synchronized (this) {
      String version = held.get(index);
      if (version != null && version.equals(plan.profileVersion()) && !plan.isReset()) {
        parked.put(index, finish);
        return;
      }
    }
    finish.run();
  }

  /** Whether host {@code index} holds a plan now: it was given a held plan, and its apply time is over. */
  synchronized boolean holding(int index) {
    return parked.containsKey(index);
  }

  /** Host {@code index} finishes the plan it holds, if any, and holds no later plan. */
  void release(int index) {
    Runnable finish;
    synchronized (this) {
      held.remove(index);
      finish = parked.remove(index);
    }
    if (finish != null) {
      finish.run();
    }
  }
}
