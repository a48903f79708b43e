package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.operator.host.HostLiveness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the gateway hears of its hosts ({@link HostLiveness}): any request a host proves with its credential shows
 * its agent alive, a heartbeat as much as a plan poll or a report turned away because the gateway was busy (an
 * agent that retries its report is not Unreachable). Except a request that ends a silence: a host its judge would
 * find Unreachable comes back only through a written heartbeat or report, since the write is what tells every
 * cache (a cluster's among them) that it is back.
 */
public record Hearing(HostLiveness liveness, Duration staleness, Clock clock) {

  /**
   * Records a request of the host, received now.
   *
   * @return false when the request ends a silence: nothing is recorded, it is for the caller to write
   */
  boolean heard(EdgeHost host) {
    Instant now = clock.instant();
    if (liveness.silentAt(host, now, staleness)) {
      return false;
    }
    liveness.heard(host, now);
    return true;
  }

  /** A request that ended a silence, received at {@code at}, was written. */
  void written(EdgeHost host, Instant at) {
    liveness.heard(host, at);
  }
}
