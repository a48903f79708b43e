package dev.lifecycle.edge.site.links;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import dev.lifecycle.edge.api.v1alpha1.Remediation;
import dev.lifecycle.edge.operator.host.HostRules;
import dev.lifecycle.edge.site.api.ApiProblem;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The site's hosts and Events, in the words the site API answers with, and the two things a person does to a host:
 * reset it (its cluster replaces it with a spare and releases it with a Reset plan: the operator's
 * {@code edge.lifecycle.dev/replace} annotation, see docs/day-2.md) and unlink it (its EdgeHost is deleted: its
 * credential dies with it).
 */
public final class SiteHosts {

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;
  private final Heard heard;

  /** When the site's gateway last heard a host, if it did since it started (the operator's {@code HostLiveness}). */
  @FunctionalInterface
  public interface Heard {
    Optional<Instant> heardHere(EdgeHost host);
  }

  /** Hosts whose {@code lastSeen} is as written (no gateway beside them). */
  public SiteHosts(KubernetesClient client, String namespace, Clock clock) {
    this(client, namespace, clock, host -> Optional.empty());
  }

  /**
   * @param heard when the site's gateway last heard each host: it writes {@code lastSeen} only every few minutes,
   *     so the hosts listed say the later of the two
   */
  public SiteHosts(KubernetesClient client, String namespace, Clock clock, Heard heard) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
    this.heard = heard;
  }

  /** A host as the site API lists it. */
  public record Host(String name, String phase, String cluster, String role, String lastSeen, String machineId,
      String profileVersion, String resetRequested) {
  }

  /** An Event in words. */
  public record SiteEvent(String time, String type, String reason, String object, String message, int count) {
  }

  public List<Host> hosts() {
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .map(this::host).sorted(Comparator.comparing(Host::name)).toList();
  }

  /** A host as the site API lists it, with the machine facts its agent reported (null until it reported). */
  public record Inventoried(Host host, HostInventory inventory) {
  }

  /** The hosts as {@link #hosts()} lists them, each with its reported inventory (for the Local UI). */
  public List<Inventoried> hostsWithInventory() {
    return client.resources(EdgeHost.class).inNamespace(namespace).list().getItems().stream()
        .map(h -> new Inventoried(host(h), h.getStatus() == null ? null : h.getStatus().getInventory()))
        .sorted(Comparator.comparing(i -> i.host().name())).toList();
  }

  /** Asks the host's cluster to replace and release it; a 404 for no such host, a 409 when there is nothing to do. */
  public Host reset(String name, String by) {
    EdgeHost host = find(name);
    Host current = host(host);
    if (current.cluster() == null) {
      throw ApiProblem.conflict("host " + name + " is in no cluster, so there is nothing to reset: it is "
          + (current.phase() == null ? "not yet reported" : current.phase()));
    }
    if (current.resetRequested() != null) {
      throw ApiProblem.conflict("a reset of host " + name + " is already under way (asked: "
          + current.resetRequested() + ")");
    }
    String reason = "reset through the site API by " + by + " at " + clock.instant().truncatedTo(ChronoUnit.SECONDS);
    EdgeHost edited = client.resources(EdgeHost.class).inNamespace(namespace).withName(name).edit(h -> {
      Map<String, String> annotations = new LinkedHashMap<>(Optional.ofNullable(h.getMetadata().getAnnotations())
          .orElse(Map.of()));
      annotations.put(Remediation.REPLACE_ANNOTATION, reason);
      h.getMetadata().setAnnotations(annotations);
      return h;
    });
    return host(edited);
  }

  /** Deletes the host's EdgeHost; a 404 when there is none. */
  public Host unlink(String name) {
    EdgeHost host = find(name);
    client.resources(EdgeHost.class).inNamespace(namespace).withName(name).delete();
    return host(host);
  }

  /** The namespace's Events, newest first, at most {@code limit}. */
  public List<SiteEvent> events(int limit) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .map(SiteHosts::event)
        .sorted(Comparator.comparing((SiteEvent e) -> e.time() == null ? "" : e.time()).reversed())
        .limit(limit)
        .toList();
  }

  private EdgeHost find(String name) {
    EdgeHost host = client.resources(EdgeHost.class).inNamespace(namespace).withName(name).get();
    if (host == null) {
      throw ApiProblem.notFound("there is no host named " + name);
    }
    return host;
  }

  private Host host(EdgeHost host) {
    Optional<EdgeHostStatus> status = Optional.ofNullable(host.getStatus());
    Map<String, String> annotations = Optional.ofNullable(host.getMetadata().getAnnotations()).orElse(Map.of());
    return new Host(host.getMetadata().getName(),
        status.map(EdgeHostStatus::getPhase).map(Enum::name).orElse(null),
        status.map(EdgeHostStatus::getCluster).map(c -> c.getName()).orElse(null),
        status.map(EdgeHostStatus::getCluster).map(c -> c.getRole()).map(r -> r.value()).orElse(null),
        lastSeen(host),
        host.getSpec() == null ? null : host.getSpec().getMachineId(),
        status.map(EdgeHostStatus::getProfileVersion).orElse(null),
        annotations.get(Remediation.REPLACE_ANNOTATION));
  }

  /** The later of the written {@code lastSeen} and the last heartbeat the gateway heard, to the second. */
  private String lastSeen(EdgeHost host) {
    String written = host.getStatus() == null ? null : host.getStatus().getLastSeen();
    Optional<Instant> heardAt = heard.heardHere(host);
    if (heardAt.isEmpty()) {
      return written;
    }
    Optional<Instant> writtenAt = HostRules.lastSeen(host.getStatus());
    return writtenAt.isPresent() && !heardAt.get().isAfter(writtenAt.get()) ? written
        : heardAt.get().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static SiteEvent event(Event event) {
    String time = event.getLastTimestamp() != null ? event.getLastTimestamp()
        : event.getEventTime() != null ? event.getEventTime().getTime()
        : event.getFirstTimestamp() != null ? event.getFirstTimestamp()
        : event.getMetadata().getCreationTimestamp();
    String object = event.getInvolvedObject() == null ? null
        : event.getInvolvedObject().getKind() + " " + event.getInvolvedObject().getName();
    return new SiteEvent(time, event.getType(), event.getReason(), object, event.getMessage(),
        event.getCount() == null ? 1 : event.getCount());
  }
}
