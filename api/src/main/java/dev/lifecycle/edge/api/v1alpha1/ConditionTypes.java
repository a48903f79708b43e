package dev.lifecycle.edge.api.v1alpha1;

/** The condition types every kind carries (kstatus: Ready is always present). */
public final class ConditionTypes {
  /** The resource does what its spec asks. Unknown on the first visit. */
  public static final String READY = "Ready";
  /** Work is under way toward the spec; goes False when it settles. */
  public static final String RECONCILING = "Reconciling";
  /** Progress needs a human: the reason and message say what to fix. */
  public static final String STALLED = "Stalled";

  private ConditionTypes() {
  }
}
