package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.operator.host.HostLiveness;
import dev.lifecycle.edge.operator.host.HostPhaseJudge;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link HostView} of each host, made once per version of the host: a cluster round views every host it
 * owns and every unclaimed host of its namespace (500 at a time while a fleet registers), and making a view
 * judges the phase, parses timestamps and picks the address (a regular expression per address): at 10,000
 * hosts a fifth of the operator's CPU while hosts registered went there, for hosts that had not changed.
 *
 * <p>A view holds while its host's resourceVersion does and neither time nor a heartbeat can change its phase:
 * until the instant the host would turn Unreachable ({@link HostPhaseJudge#unreachableAt}); a host with no
 * deadline stays as judged, and one past it (Unreachable) until this replica hears it again ({@link HostLiveness}).
 * Thread-safe; a deleted host is {@link #forget forgotten}.
 */
final class HostViewCache {

  private record Entry(String resourceVersion, HostView view, Instant validUntil, Instant heardSince) {
  }

  private final Duration staleness;
  private final HostLiveness liveness;
  private final Map<String, Entry> views = new ConcurrentHashMap<>();

  /** @param liveness what this replica heard of the hosts beside their status */
  HostViewCache(Duration staleness, HostLiveness liveness) {
    this.staleness = staleness;
    this.liveness = liveness;
  }

  /** The view of the host at {@code now}, as {@link HostView#of} makes it. */
  HostView view(EdgeHost host, Instant now) {
    String version = host.getMetadata().getResourceVersion();
    Instant heardSince = liveness.heardSince(host);
    if (version == null) {
      return HostView.of(host, now, staleness, heardSince);
    }
    String key = key(host);
    Entry known = views.get(key);
    if (known != null && version.equals(known.resourceVersion()) && !now.isAfter(known.validUntil())
        && (known.view().phase() != Phase.Unreachable || heardSince.equals(known.heardSince()))) {
      return known.view();
    }
    HostView view = HostView.of(host, now, staleness, heardSince);
    views.put(key, new Entry(version, view, validUntil(host, now, heardSince), heardSince));
    return view;
  }

  /** The host was deleted. */
  void forget(EdgeHost host) {
    views.remove(key(host));
  }

  int size() {
    return views.size();
  }

  /** The last instant the phase judged at {@code now} still holds, the host unchanged. */
  private Instant validUntil(EdgeHost host, Instant now, Instant heardSince) {
    Optional<Instant> deadline = HostPhaseJudge.unreachableAt(host.getStatus(), staleness, heardSince);
    return deadline.filter(at -> !at.isBefore(now)).orElse(Instant.MAX);
  }

  private static String key(EdgeHost host) {
    return host.getMetadata().getNamespace() + "/" + host.getMetadata().getName();
  }
}
