package dev.lifecycle.edge.operator.gateway.caches;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.operator.cluster.JoinSecrets;
import dev.lifecycle.edge.operator.security.Hashes;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own watches of RegistrationTokens, EdgeHosts and the clusters' join secrets (plain fabric8
 * informers, independent of the reconcilers'; Secrets label-selected), in every namespace or in the watched
 * ones, indexed for its lookups: tokens by the hash of their value, hosts by machine id and by token. Every decision of the gateway reads from here,
 * so a refused request never costs an API call, and a token outside the watched namespaces registers
 * nothing.
 */
public final class GatewayCaches implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayCaches.class);
  static final String BY_TOKEN_HASH = "tokenHash";

  private final WatchedResources<RegistrationToken> tokens;
  private final WatchedResources<EdgeHost> hostInformer;
  private final WatchedResources<Secret> joinSecretInformer;
  private final HostDirectory hosts;
  private final JoinSecretCache joinSecrets;
  private final WatchedResources<Secret> variableSecretInformer;
  private final VariableSecretCache variableSecrets;

  private GatewayCaches(WatchedResources<RegistrationToken> tokens, WatchedResources<EdgeHost> hostInformer,
      WatchedResources<Secret> joinSecretInformer, WatchedResources<Secret> variableSecretInformer) {
    this.tokens = tokens;
    this.hostInformer = hostInformer;
    this.joinSecretInformer = joinSecretInformer;
    this.variableSecretInformer = variableSecretInformer;
    this.hosts = new HostDirectory(hostInformer);
    this.joinSecrets = new JoinSecretCache(joinSecretInformer);
    this.variableSecrets = new VariableSecretCache(variableSecretInformer);
  }

  /**
   * Starts both kinds' informers and waits until they have listed everything.
   *
   * @param namespaces the namespaces to watch; empty: every namespace
   * @param onStop called when an informer stops for good (its cache no longer follows the API)
   */
  public static GatewayCaches start(KubernetesClient client, Set<String> namespaces, Duration timeout,
      Consumer<Throwable> onStop) {
    WatchedResources<RegistrationToken> tokens = WatchedResources.of(client, RegistrationToken.class, namespaces);
    tokens.addIndexers(tokenIndexers());
    WatchedResources<EdgeHost> hostInformer = WatchedResources.of(client, EdgeHost.class, namespaces);
    hostInformer.addIndexers(HostDirectory.indexers());
    WatchedResources<Secret> joinSecrets = WatchedResources.labelled(client, Secret.class, namespaces,
        JoinSecrets.CLUSTER_LABEL);
    WatchedResources<Secret> variableSecrets = WatchedResources.labelled(client, Secret.class, namespaces,
        VariableSecrets.LABEL);
    GatewayCaches caches = new GatewayCaches(tokens, hostInformer, joinSecrets, variableSecrets);
    hostInformer.addEventHandler(caches.hosts.overlayPruner());
    try {
      tokens.start(timeout);
      hostInformer.start(timeout);
      joinSecrets.start(timeout);
      variableSecrets.start(timeout);
    } catch (RuntimeException e) {
      caches.close();
      throw e;
    }
    for (WatchedResources<?> informer : List.of(tokens, hostInformer, joinSecrets, variableSecrets)) {
      informer.onStop(failure -> {
        LOG.error("a gateway informer stopped; its cache no longer follows the API: {}", failure.toString());
        onStop.accept(failure);
      });
    }
    return caches;
  }

  /** The token whose value the presented one is, compared in constant time against its stored hash. */
  public Optional<RegistrationToken> tokenFor(String presented) {
    return matching(tokens.byIndex(BY_TOKEN_HASH, Hashes.sha256(presented)), presented);
  }

  /**
   * The token of the cache whose value the presented one is. The index is read consistently: a token
   * being updated (its status is rewritten after every registration) is found all the same.
   */
  public static Optional<RegistrationToken> tokenFor(Indexer<RegistrationToken> tokens, String presented) {
    String hash = Hashes.sha256(presented);
    return matching(ConsistentIndex.byIndex(tokens, BY_TOKEN_HASH, hash), presented);
  }

  /** The candidate whose stored hash the presented token matches, compared in constant time. */
  private static Optional<RegistrationToken> matching(List<RegistrationToken> candidates, String presented) {
    return candidates.stream()
        .filter(token -> token.getStatus() != null && token.getStatus().getTokenHash() != null)
        .filter(token -> Hashes.matches(presented, token.getStatus().getTokenHash()))
        .findFirst();
  }

  /** Files tokens by the hash of their value, as {@link #tokenFor} finds them. */
  static Map<String, Function<RegistrationToken, List<String>>> tokenIndexers() {
    return Map.of(BY_TOKEN_HASH, token -> token.getStatus() == null || token.getStatus().getTokenHash() == null
        ? List.of() : List.of(token.getStatus().getTokenHash()));
  }

  public HostDirectory hosts() {
    return hosts;
  }

  public WatchedResources<EdgeHost> hostInformer() {
    return hostInformer;
  }

  /** The clusters' join secrets, for plan answers. */
  public JoinSecretCache joinSecrets() {
    return joinSecrets;
  }

  /** The values of variables read from Secrets, for plan answers. */
  public VariableSecretCache variableSecrets() {
    return variableSecrets;
  }

  /** Whether an informer stopped: the caches no longer follow the API. */
  public boolean stopped() {
    return tokens.anyStopped() || hostInformer.anyStopped() || joinSecretInformer.anyStopped()
        || variableSecretInformer.anyStopped();
  }

  @Override
  public void close() {
    tokens.close();
    hostInformer.close();
    joinSecretInformer.close();
    variableSecretInformer.close();
  }
}
