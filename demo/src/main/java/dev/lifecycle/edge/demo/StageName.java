package dev.lifecycle.edge.demo;

/**
 * The demo's steps, in the order they run: starting the API, the operator and the gateway, then the
 * lifecycle's stages from token to upgrade, then a day-2 scale-down.
 */
public enum StageName {
  START("Start"),
  TOKEN("Token"),
  REGISTRATION("Registration"),
  FORMATION("Formation"),
  UPGRADE("Upgrade"),
  SCALE_DOWN("Scale down");

  private final String title;

  StageName(String title) {
    this.title = title;
  }

  /** How the terminal names it. */
  public String title() {
    return title;
  }
}
