package dev.lifecycle.edge.site.ui.hosts;

import dev.lifecycle.edge.site.ui.Chrome;
import java.util.List;

/**
 * The hosts page: its live part ({@link Live}), the link tokens still usable, and the result of a change just made
 * (null when none).
 */
public record HostsView(Chrome chrome, Live live, List<LinkRow> links, String result) {

  /** The inventory, re-read every 2 s. */
  public record Live(List<HostRow> hosts) {
  }

  /**
   * A host as the page lists it, in words.
   *
   * @param phaseClass the CSS class of its phase (good, needs a look, bad)
   * @param resettable whether it is in a cluster with no reset under way (else there is nothing to reset)
   */
  public record HostRow(String name, String phase, String phaseClass, String cluster, String role, String lastSeen,
      String lastSeenAt, String facts, String machineId, String version, String resetRequested, boolean resettable) {
  }

  /** A link token still usable: its name, who made it, until when (UTC). */
  public record LinkRow(String name, String createdBy, String expiresAt) {
  }
}
