package dev.lifecycle.edge.agent.host;

import dev.lifecycle.edge.wire.Site;

/**
 * The site settings a host holds locally, the lowest and the highest of the layers its effective
 * settings are merged from (the operator's layers, from the plan, sit between them).
 *
 * @param userDataDefaults the network defaults of the installer user-data ({@code edge_agent.network}); may be null
 * @param siteUserData what a technician's site user-data sets; wins over everything; may be null
 */
public record LocalSite(Site userDataDefaults, Site siteUserData) {

  /** A host installed with no local settings. */
  public static final LocalSite NONE = new LocalSite(null, null);
}
