package dev.lifecycle.edge.apiserver;

/**
 * The faults the embedded API injected so far.
 *
 * @param writes writes received while faults were injected (failed or not)
 * @param failed500 writes answered 500 and not applied
 * @param failed409 writes answered 409 and not applied
 * @param delayed responses sent late
 * @param watchesDropped watches dropped (each open watch counts once per drop)
 */
public record FaultCounts(long writes, long failed500, long failed409, long delayed, long watchesDropped) {

  @Override
  public String toString() {
    return failed500 + " of " + writes + " writes failed with 500, " + failed409 + " with 409, " + delayed
        + " responses delayed, " + watchesDropped + " watches dropped";
  }
}
