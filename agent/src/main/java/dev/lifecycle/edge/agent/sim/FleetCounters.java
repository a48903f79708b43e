package dev.lifecycle.edge.agent.sim;

/**
 * What a fleet simulator has done so far.
 *
 * @param hosts the number of simulated hosts
 * @param registered hosts the gateway registered at least once
 * @param refused hosts whose registration was refused (they stopped)
 * @param applied Applied reports the gateway accepted
 * @param failed Failed reports the gateway accepted
 */
public record FleetCounters(int hosts, int registered, int refused, long applied, long failed) {

  /** One line for a person: {@code hosts 20: registered 20, refused 0, applied 20, failed 0}. */
  public String summary() {
    return "hosts " + hosts + ": registered " + registered + ", refused " + refused + ", applied " + applied
        + ", failed " + failed;
  }
}
