package dev.lifecycle.edge.operator.host;

/**
 * The CamelCase reasons of an EdgeHost's conditions and Events. The condition reasons are the phase
 * names, so that an alert matches on {@code Unreachable} whether it reads the phase or Ready.
 */
public final class HostReasons {

  public static final String PENDING = "Pending";
  public static final String AVAILABLE = "Available";
  public static final String PROVISIONING = "Provisioning";
  public static final String RUNNING = "Running";
  public static final String UPGRADING = "Upgrading";
  public static final String FAILED = "Failed";
  public static final String UNREACHABLE = "Unreachable";
  /** Stalled: the agent reported that it failed to apply its current plan. */
  public static final String AGENT_REPORTED_FAILURE = "AgentReportedFailure";
  /**
   * Stalled: the agent reported that it failed to apply the Reset plan of a host released by its
   * deleted cluster; no cluster claims the host until a person has the reset run again.
   */
  public static final String RESET_FAILED = "ResetFailed";
  /** Event: a host was seen for the first time. */
  public static final String REGISTERED = "Registered";
  /** Event: an Unreachable host reports again. */
  public static final String REACHABLE = "Reachable";

  /** Event: the operator's site settings of the host changed; a Configure plan applies them. */
  public static final String SITE_CHANGED = "SiteChanged";
  /** Event: the agent applied a plan that changed the host's site settings. */
  public static final String SITE_CONFIGURED = "SiteConfigured";
  /** Event (Warning): the agent could not apply a Configure plan; its message is the configure hook's output. */
  public static final String SITE_CONFIGURE_FAILED = "SiteConfigureFailed";

  private HostReasons() {
  }
}
