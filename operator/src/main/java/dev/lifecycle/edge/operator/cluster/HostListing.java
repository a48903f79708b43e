package dev.lifecycle.edge.operator.cluster;

import java.util.List;

/**
 * Hosts named in one Event's message: the first {@value #SHOWN}, then how many more, so that an Event about a
 * round of a large cluster stays readable and small. Pure.
 */
final class HostListing {

  static final int SHOWN = 10;

  private HostListing() {
  }

  static String of(List<String> hosts) {
    if (hosts.size() <= SHOWN) {
      return String.join(", ", hosts);
    }
    return String.join(", ", hosts.subList(0, SHOWN)) + " and " + (hosts.size() - SHOWN) + " more";
  }
}
