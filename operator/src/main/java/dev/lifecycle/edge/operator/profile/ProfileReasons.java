package dev.lifecycle.edge.operator.profile;

/** The CamelCase reasons a ClusterProfile's conditions and Events carry, for tools and alerts to match on. */
public final class ProfileReasons {

  /** The profile passed the operator's checks: clusters may use it. */
  public static final String VALID = "Valid";
  /** The profile failed a check; the Stalled condition names the first problem's own reason. */
  public static final String INVALID = "InvalidProfile";
  /** The profile is being deleted, and deletion waits until no cluster pins it. */
  public static final String DELETION_BLOCKED = "DeletionBlocked";

  private ProfileReasons() {
  }
}
