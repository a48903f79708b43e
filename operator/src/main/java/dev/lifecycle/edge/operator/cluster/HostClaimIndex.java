package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.operator.host.HostRules;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hosts of each namespace by the cluster that claimed them ({@code ""}: none), so that a cluster's round
 * reads its own hosts and the unclaimed ones instead of every host of its namespace. Filled from the host
 * informer's events; each update moves a host in one step under this index's lock, so a read never finds a host
 * missing while it moves (fabric8's own indexes do not promise that). It may lag the informer's cache by the
 * events not yet delivered: callers take its names as candidates, read each host from the cache, and add the
 * hosts they know of otherwise (see {@code EdgeClusterReconciler#hostViews}).
 */
final class HostClaimIndex {

  static final String UNCLAIMED = "";

  private final Map<ResourceID, String> ownerOf = new HashMap<>();
  private final Map<String, Map<String, Set<String>>> byNamespace = new HashMap<>();

  /** Files the host under its cluster, or under {@link #UNCLAIMED}, moving it from where it was. */
  synchronized void put(EdgeHost host) {
    ResourceID id = ResourceID.fromResource(host);
    String owner = HostRules.clusterOf(host.getStatus());
    String filed = owner == null ? UNCLAIMED : owner;
    String previous = ownerOf.put(id, filed);
    if (filed.equals(previous)) {
      return;
    }
    String namespace = id.getNamespace().orElse("");
    Map<String, Set<String>> owners = byNamespace.computeIfAbsent(namespace, n -> new HashMap<>());
    if (previous != null) {
      unfile(owners, previous, id.getName());
    }
    owners.computeIfAbsent(filed, o -> new HashSet<>()).add(id.getName());
  }

  synchronized void remove(EdgeHost host) {
    ResourceID id = ResourceID.fromResource(host);
    String previous = ownerOf.remove(id);
    Map<String, Set<String>> owners = byNamespace.get(id.getNamespace().orElse(""));
    if (previous != null && owners != null) {
      unfile(owners, previous, id.getName());
      if (owners.isEmpty()) {
        byNamespace.remove(id.getNamespace().orElse(""));
      }
    }
  }

  /** The names of the hosts of the namespace the cluster claimed, and of the unclaimed ones, sorted. */
  synchronized Set<String> ownedOrUnclaimed(String namespace, String cluster) {
    Set<String> names = new TreeSet<>();
    Map<String, Set<String>> owners = byNamespace.get(namespace);
    if (owners != null) {
      names.addAll(owners.getOrDefault(cluster, Set.of()));
      names.addAll(owners.getOrDefault(UNCLAIMED, Set.of()));
    }
    return names;
  }

  /** The hosts of the namespace the cluster claimed. */
  synchronized Set<ResourceID> owned(String namespace, String cluster) {
    Map<String, Set<String>> owners = byNamespace.get(namespace);
    Set<ResourceID> ids = new HashSet<>();
    if (owners != null && !UNCLAIMED.equals(cluster)) {
      owners.getOrDefault(cluster, Set.of()).forEach(name -> ids.add(new ResourceID(name, namespace)));
    }
    return ids;
  }

  synchronized int size() {
    return ownerOf.size();
  }

  private static void unfile(Map<String, Set<String>> owners, String owner, String name) {
    Set<String> names = owners.get(owner);
    if (names != null && names.remove(name) && names.isEmpty()) {
      owners.remove(owner);
    }
  }
}
