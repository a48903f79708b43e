package dev.lifecycle.edge.site.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The site's gateway writes a host's lastSeen only every few minutes and hears the heartbeats between in memory:
 * the site API and the Local UI list the later of the two.
 */
class SiteHostsLastSeenTest {

  private static final String NAMESPACE = "site";
  private static final Instant WRITTEN = Instant.parse("2026-12-07T10:00:00Z");
  private static EmbeddedKubernetes kubernetes;

  @BeforeAll
  static void api() {
    kubernetes = EmbeddedKubernetes.start();
    kubernetes.createNamespace(NAMESPACE);
    for (String name : new String[] {"heard-later", "heard-earlier", "never-heard"}) {
      EdgeHost host = new EdgeHost();
      host.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(name).build());
      host.setSpec(new EdgeHostSpec("m-" + name));
      EdgeHost created = kubernetes.client().resource(host).create();
      EdgeHostStatus status = new EdgeHostStatus();
      status.setLastSeen(WRITTEN.toString());
      created.setStatus(status);
      kubernetes.client().resource(created).updateStatus();
    }
  }

  @AfterAll
  static void close() {
    kubernetes.close();
  }

  @Test
  @DisplayName("When the gateway heard a host after its lastSeen was written, then the host is listed as seen then "
      + "(to the second); when it heard it only before, or never, then as written")
  void theLaterOfWrittenAndHeardIsListed() {
    Map<String, Instant> heard = Map.of(
        "heard-later", WRITTEN.plusSeconds(200).plusMillis(700),
        "heard-earlier", WRITTEN.minusSeconds(30));
    SiteHosts hosts = new SiteHosts(kubernetes.client(), NAMESPACE, Clock.systemUTC(),
        host -> Optional.ofNullable(heard.get(host.getMetadata().getName())));

    Map<String, String> listed = new java.util.TreeMap<>();
    hosts.hosts().forEach(host -> listed.put(host.name(), host.lastSeen()));

    assertThat(listed).containsExactly(
        Map.entry("heard-earlier", WRITTEN.toString()),
        Map.entry("heard-later", "2026-12-07T10:03:20Z"),
        Map.entry("never-heard", WRITTEN.toString()));
    assertThat(hosts.hostsWithInventory()).extracting(i -> i.host().lastSeen())
        .containsExactly(WRITTEN.toString(), "2026-12-07T10:03:20Z", WRITTEN.toString());
  }
}
