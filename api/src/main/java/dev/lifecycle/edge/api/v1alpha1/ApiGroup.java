package dev.lifecycle.edge.api.v1alpha1;

/** Names shared by every kind of the API group. */
public final class ApiGroup {
  public static final String GROUP = "edge.lifecycle.dev";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  /** {@code kubectl get edge} lists every kind of this group. */
  public static final String CATEGORY = "edge";

  /** Label that ties the versions of one profile together: {@code edge.lifecycle.dev/profile: <profile>}. */
  public static final String PROFILE_LABEL = GROUP + "/profile";

  private ApiGroup() {
  }
}
