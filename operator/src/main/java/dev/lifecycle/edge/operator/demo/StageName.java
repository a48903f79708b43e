package dev.lifecycle.edge.operator.demo;

import java.util.Locale;

/**
 * The demo's steps, in the order they run: starting the API, the operator and the gateway, then the
 * lifecycle's stages from token to upgrade.
 */
public enum StageName {
  START("Start"),
  TOKEN("Token"),
  REGISTRATION("Registration"),
  FORMATION("Formation"),
  UPGRADE("Upgrade");

  private final String title;

  StageName(String title) {
    this.title = title;
  }

  /** How the terminal names it. */
  public String title() {
    return title;
  }

  /** Parses a stage name as given on the command line, in any case. */
  public static StageName parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
