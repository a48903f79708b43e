package dev.lifecycle.edge.demo;

/**
 * The demo's steps, in the order they run: starting the API, the operator and the gateway, then the
 * lifecycle's stages from token to upgrade, then day 2: a scale-down and a host replaced.
 */
public enum StageName {
  START("Start"),
  TOKEN("Token"),
  REGISTRATION("Registration"),
  FORMATION("Formation"),
  UPGRADE("Upgrade"),
  SCALE_DOWN("Scale down"),
  REPLACE_HOST("Replace a host");

  private final String title;

  StageName(String title) {
    this.title = title;
  }

  /** How the terminal names it. */
  public String title() {
    return title;
  }
}
