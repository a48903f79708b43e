package dev.lifecycle.edge.operator.gateway;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.operator.security.Hashes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own watches of RegistrationTokens and EdgeHosts in every namespace (plain fabric8
 * informers, independent of the reconcilers'), indexed for its lookups: tokens by the hash of their
 * value, hosts by machine id and by token. Every decision of the gateway reads from here, so a refused
 * request never costs an API call.
 */
final class GatewayCaches implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayCaches.class);
  static final String BY_TOKEN_HASH = "tokenHash";

  private final SharedIndexInformer<RegistrationToken> tokens;
  private final SharedIndexInformer<EdgeHost> hostInformer;
  private final HostDirectory hosts;

  private GatewayCaches(SharedIndexInformer<RegistrationToken> tokens, SharedIndexInformer<EdgeHost> hostInformer) {
    this.tokens = tokens;
    this.hostInformer = hostInformer;
    this.hosts = new HostDirectory(hostInformer);
  }

  /**
   * Starts both informers and waits until they have listed everything.
   *
   * @param onStop called when an informer stops for good (its cache no longer follows the API)
   */
  static GatewayCaches start(KubernetesClient client, Duration timeout, Consumer<Throwable> onStop) {
    SharedIndexInformer<RegistrationToken> tokens = client.resources(RegistrationToken.class).inAnyNamespace()
        .runnableInformer(0);
    tokens.addIndexers(tokenIndexers());
    SharedIndexInformer<EdgeHost> hostInformer = client.resources(EdgeHost.class).inAnyNamespace()
        .runnableInformer(0);
    hostInformer.addIndexers(HostDirectory.indexers());
    GatewayCaches caches = new GatewayCaches(tokens, hostInformer);
    hostInformer.addEventHandler(caches.hosts.overlayPruner());
    try {
      tokens.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      hostInformer.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      caches.close();
      throw new IllegalStateException("interrupted while the gateway's caches were filling", e);
    } catch (ExecutionException | TimeoutException e) {
      caches.close();
      throw new IllegalStateException("the gateway cannot watch RegistrationTokens and EdgeHosts: "
          + (e.getCause() == null ? e : e.getCause()), e);
    }
    for (SharedIndexInformer<?> informer : List.of(tokens, hostInformer)) {
      informer.stopped().whenComplete((done, failure) -> {
        if (failure != null) {
          LOG.error("a gateway informer stopped; its cache no longer follows the API: {}", failure.toString());
          onStop.accept(failure);
        }
      });
    }
    return caches;
  }

  /** The token whose value the presented one is, compared in constant time against its stored hash. */
  Optional<RegistrationToken> tokenFor(String presented) {
    return tokenFor(tokens.getIndexer(), presented);
  }

  /**
   * The token of the cache whose value the presented one is. The index is read consistently: a token
   * being updated (its status is rewritten after every registration) is found all the same.
   */
  static Optional<RegistrationToken> tokenFor(Indexer<RegistrationToken> tokens, String presented) {
    String hash = Hashes.sha256(presented);
    return ConsistentIndex.byIndex(tokens, BY_TOKEN_HASH, hash).stream()
        .filter(token -> token.getStatus() != null && token.getStatus().getTokenHash() != null)
        .filter(token -> Hashes.matches(presented, token.getStatus().getTokenHash()))
        .findFirst();
  }

  /** Files tokens by the hash of their value, as {@link #tokenFor} finds them. */
  static Map<String, Function<RegistrationToken, List<String>>> tokenIndexers() {
    return Map.of(BY_TOKEN_HASH, token -> token.getStatus() == null || token.getStatus().getTokenHash() == null
        ? List.of() : List.of(token.getStatus().getTokenHash()));
  }

  HostDirectory hosts() {
    return hosts;
  }

  SharedIndexInformer<EdgeHost> hostInformer() {
    return hostInformer;
  }

  @Override
  public void close() {
    tokens.close();
    hostInformer.close();
  }
}
