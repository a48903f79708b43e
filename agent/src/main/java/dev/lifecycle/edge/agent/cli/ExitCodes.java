package dev.lifecycle.edge.agent.cli;

/** Exit codes of edge-agent.jar, beyond picocli's 0 (done), 1 (error) and 2 (usage). */
public final class ExitCodes {

  /** The gateway refused the registration (of every host, for simulate). */
  public static final int REFUSED = 3;

  /**
   * run: the installer user-data says management: local, and the host has no link token and no usable link
   * kept in its state directory (the message says what to give).
   */
  public static final int NOT_LINKED = 4;

  private ExitCodes() {
  }
}
