package dev.lifecycle.edge.site;

import dev.lifecycle.edge.bundle.sign.TrustStore;
import dev.lifecycle.edge.site.links.LinkTokens;
import dev.lifecycle.edge.site.links.SiteHosts;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * What the parts of a running site controller are built with ({@link SiteMounts}).
 *
 * @param identity its URL, certificate fingerprint and site name
 * @param directory the data directory; each part keeps its files in its own subdirectory
 * @param client a client of the site's embedded API, shared: a part never closes it
 * @param namespace the namespace of the site's resources
 * @param trust the keys bundles and definitions are verified against; empty when none was given
 * @param vertx the Vert.x the site's port runs on
 * @param meters the registry {@code /metrics} serves
 * @param gateway whether the site's gateway accepts a registration token value yet
 * @param heard when the site's gateway last heard each host (it writes {@code lastSeen} only every few minutes)
 */
public record SiteContext(SiteIdentity identity, SiteDirectory directory, KubernetesClient client, String namespace,
    Optional<TrustStore> trust, Vertx vertx, MeterRegistry meters, LinkTokens.TokenAcceptance gateway,
    SiteHosts.Heard heard) {
}
