package dev.lifecycle.edge.agent.cli;

/** Exit codes of edge-agent.jar, beyond picocli's 0 (done), 1 (error) and 2 (usage). */
public final class ExitCodes {

  /** The gateway refused the registration (of every host, for simulate). */
  public static final int REFUSED = 3;

  private ExitCodes() {
  }
}
