package dev.lifecycle.edge.agent;

import dev.lifecycle.edge.agent.cli.AgentCommandLine;

/** {@code java -jar edge-agent.jar run|simulate}. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    LogSettings.apply();
    System.exit(AgentCommandLine.create().execute(args));
  }
}
