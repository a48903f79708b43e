package dev.lifecycle.edge.operator.gateway.caches;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationRecord;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The EdgeHosts as the gateway sees them: the informer cache, overlaid with the gateway's own writes
 * that the cache does not show yet (the newer of the two by resourceVersion wins, as in
 * java-operator-sdk's temporary resource cache). So a host registered a millisecond ago is found by
 * its machine id, counted against its token and authenticated with its new credential, although
 * its watch event is still on its way. An overlay entry is dropped as soon as the cache catches up.
 * Reads only; never an API call.
 */
public final class HostDirectory {

  static final String BY_MACHINE_ID = "machineId";
  static final String BY_TOKEN = "token";

  private final WatchedResources<EdgeHost> informer;
  private final Map<String, EdgeHost> written = new ConcurrentHashMap<>();
  /**
   * The overlay's keys by machine id and by token ({@code namespace/token}), so that a lookup reads the
   * overlay entries it needs instead of testing every one (under a registration burst the overlay holds
   * every write the watch has not delivered yet, hundreds). Changed together with the overlay, under
   * {@link #overlayLock}, so the two always agree.
   */
  private final Map<String, Set<String>> writtenByMachineId = new HashMap<>();
  private final Map<String, Set<String>> writtenByToken = new HashMap<>();
  private final Object overlayLock = new Object();

  HostDirectory(WatchedResources<EdgeHost> informer) {
    this.informer = informer;
  }

  /** The indexers the informer needs, added before it starts. */
  static Map<String, Function<EdgeHost, List<String>>> indexers() {
    return Map.of(
        BY_MACHINE_ID, host -> machineIds(host).toList(),
        BY_TOKEN, host -> tokenName(host).map(name -> List.of(key(host.getMetadata().getNamespace(), name)))
            .orElse(List.of()));
  }

  /** Drops overlay entries that the cache has caught up with, or whose host is gone. */
  ResourceEventHandler<EdgeHost> overlayPruner() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(EdgeHost host) {
        seen(host);
      }

      @Override
      public void onUpdate(EdgeHost previous, EdgeHost host) {
        seen(host);
      }

      @Override
      public void onDelete(EdgeHost host, boolean finalStateUnknown) {
        synchronized (overlayLock) {
          unindex(key(host), written.remove(key(host)));
        }
      }
    };
  }

  /** Records a write of the gateway, so that reads see it before the cache does. */
  public void written(EdgeHost host) {
    String key = key(host);
    synchronized (overlayLock) {
      EdgeHost before = written.get(key);
      EdgeHost after = written.merge(key, host, HostDirectory::newer);
      if (after != before) {
        unindex(key, before);
        index(key, after);
      }
    }
  }

  public Optional<EdgeHost> get(String namespace, String name) {
    String key = key(namespace, name);
    return Optional.ofNullable(newer(informer.getByKey(key), written.get(key)));
  }

  /** Hosts bound to the machine id (by spec.machineId or by registration), in any namespace, by name. */
  public List<EdgeHost> boundTo(String machineId) {
    return current(informer.byIndex(BY_MACHINE_ID, machineId),
        overlaid(writtenByMachineId, machineId), host -> machineIds(host).anyMatch(machineId::equals));
  }

  /** Keys (namespace/name) of the hosts of the namespace registered with the named token. */
  public Set<String> registeredWith(String namespace, String tokenName) {
    Predicate<EdgeHost> registered = host -> namespace.equals(host.getMetadata().getNamespace())
        && tokenName(host).filter(tokenName::equals).isPresent();
    Set<String> keys = new LinkedHashSet<>();
    String tokenKey = key(namespace, tokenName);
    current(informer.byIndex(BY_TOKEN, tokenKey), overlaid(writtenByToken, tokenKey),
        registered).forEach(host -> keys.add(key(host)));
    return keys;
  }

  public static String key(EdgeHost host) {
    return key(host.getMetadata().getNamespace(), host.getMetadata().getName());
  }

  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /**
   * The newest version of each host among the cached candidates and the overlay's candidates (keys)
   * that still passes the test.
   */
  private List<EdgeHost> current(List<EdgeHost> cached, Set<String> overlaid, Predicate<EdgeHost> test) {
    Set<String> keys = new LinkedHashSet<>();
    cached.forEach(host -> keys.add(key(host)));
    keys.addAll(overlaid);
    return keys.stream()
        .map(key -> newer(informer.getByKey(key), written.get(key)))
        .filter(Objects::nonNull)
        .filter(test)
        .sorted(Comparator.comparing(host -> key(host)))
        .toList();
  }

  private void seen(EdgeHost cached) {
    String key = key(cached);
    synchronized (overlayLock) {
      EdgeHost mine = written.get(key);
      if (mine != null && newer(cached, mine) == cached) {
        written.remove(key);
        unindex(key, mine);
      }
    }
  }

  /** A copy of the overlay keys filed under the value. */
  private Set<String> overlaid(Map<String, Set<String>> index, String value) {
    synchronized (overlayLock) {
      Set<String> keys = index.get(value);
      return keys == null ? Set.of() : Set.copyOf(keys);
    }
  }

  /** Files an overlay entry under its machine ids and token; under {@link #overlayLock}. */
  private void index(String key, EdgeHost host) {
    machineIds(host).forEach(id -> writtenByMachineId.computeIfAbsent(id, ignored -> new HashSet<>()).add(key));
    tokenName(host).ifPresent(name -> writtenByToken.computeIfAbsent(key(host.getMetadata().getNamespace(), name),
        ignored -> new HashSet<>()).add(key));
  }

  /** Takes an overlay entry (null: none) out of the indexes; under {@link #overlayLock}. */
  private void unindex(String key, EdgeHost host) {
    if (host == null) {
      return;
    }
    machineIds(host).forEach(id -> remove(writtenByMachineId, id, key));
    tokenName(host).ifPresent(name -> remove(writtenByToken, key(host.getMetadata().getNamespace(), name), key));
  }

  private static void remove(Map<String, Set<String>> index, String value, String key) {
    Set<String> keys = index.get(value);
    if (keys != null && keys.remove(key) && keys.isEmpty()) {
      index.remove(value);
    }
  }

  private static Stream<String> machineIds(EdgeHost host) {
    Stream<String> spec = host.getSpec() == null ? Stream.empty() : Stream.ofNullable(host.getSpec().getMachineId());
    Stream<String> registered = Optional.ofNullable(host.getStatus()).map(EdgeHostStatus::getRegistration)
        .map(RegistrationRecord::getMachineId).stream();
    return Stream.concat(spec, registered).distinct();
  }

  private static Optional<String> tokenName(EdgeHost host) {
    return Optional.ofNullable(host.getStatus()).map(EdgeHostStatus::getRegistration)
        .map(RegistrationRecord::getTokenName);
  }

  /**
   * The newer of a cached object and the gateway's own write. resourceVersions are opaque to clients
   * but numeric on every API server in use (etcd revisions); when one is not, the cache wins.
   */
  static EdgeHost newer(EdgeHost cached, EdgeHost mine) {
    if (cached == null || mine == null) {
      return cached == null ? mine : cached;
    }
    Optional<Long> cachedVersion = version(cached);
    Optional<Long> myVersion = version(mine);
    if (cachedVersion.isEmpty() || myVersion.isEmpty()) {
      return cached;
    }
    return myVersion.get() > cachedVersion.get() ? mine : cached;
  }

  private static Optional<Long> version(EdgeHost host) {
    try {
      return Optional.of(Long.parseLong(host.getMetadata().getResourceVersion()));
    } catch (NumberFormatException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
