package dev.lifecycle.edge.site;

import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import org.slf4j.LoggerFactory;

/**
 * Where the site's Kubernetes objects live: the embedded API the reconcilers, the gateway and the site's parts
 * use, opened on the data directory (its {@link SiteDirectory#store()}). The one place the store is chosen.
 */
@FunctionalInterface
public interface SiteStore {

  /**
   * The embedded API, on the loopback interface, with the project's CRDs installed; closed by the caller.
   *
   * @throws IllegalStateException when it cannot start
   */
  EmbeddedKubernetes open(SiteDirectory directory);

  /** In memory, on a free loopback port: nothing survives a restart. For tests that want no disk. */
  SiteStore IN_MEMORY = directory -> {
    LoggerFactory.getLogger(SiteStore.class).warn("the site's objects are kept in memory: they do not survive a "
        + "restart of the site controller");
    return EmbeddedKubernetes.start(0);
  };

  /**
   * Durable, under {@code DIR/store} on a free loopback port: every acknowledged write is synced to disk before its
   * answer and replayed at the next start (docs/disconnected-sites.md, "The durable store").
   */
  SiteStore DURABLE = directory -> EmbeddedKubernetes.startDurable(directory.store(), 0);

  /** What {@code edge-operator.jar site} uses. */
  SiteStore DEFAULT = DURABLE;
}
