package dev.lifecycle.edge.site.ui;

import java.util.List;

/** The places of the navigation, in its order; {@link #NONE} for pages outside it (login, password, errors). */
public enum Nav {
  OVERVIEW("/", "Overview"),
  CONTENT("/content", "Content"),
  HOSTS("/hosts", "Hosts"),
  CLUSTERS("/clusters", "Clusters"),
  AUDIT("/audit", "Audit"),
  NONE(null, null);

  /** What the header lists. */
  public static final List<Nav> MENU = List.of(OVERVIEW, CONTENT, HOSTS, CLUSTERS, AUDIT);

  private final String path;
  private final String label;

  Nav(String path, String label) {
    this.path = path;
    this.label = label;
  }

  public String path() {
    return path;
  }

  public String label() {
    return label;
  }
}
