package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this replica knows about each host's liveness beside its status: when its own gateway last heard the
 * host, and since when it judges hosts (its start, or the moment it began to lead). The judge counts a host's
 * staleness from the latest of {@link HostRules#lastHeard} and {@link #heardSince}.
 *
 * <p>Why in memory: written, {@code lastSeen} cost one status write per host a minute (the gateway had to write
 * it at least every two thirds of the staleness for the judge to see it): nearly all of the operator's steady
 * writes, and a fifth of a fleet's lifecycle at 10,000 hosts. The replica that judges hears its own gateway's
 * requests here, so its gateway writes {@code lastSeen} only every few minutes (the kubelet's Node status works the same way beside its Lease);
 * a follower's gateway, whose heartbeats the judge cannot hear, writes as before. What memory loses with a
 * restart or a new leader the grace period covers: no host is judged Unreachable within the staleness of the
 * moment this replica began to judge. Thread-safe.
 */
public final class HostLiveness {

  private final Map<String, Instant> heard = new ConcurrentHashMap<>();
  private volatile Instant listeningSince;
  private volatile boolean judging;

  private HostLiveness(Instant listeningSince, boolean judging) {
    this.listeningSince = listeningSince;
    this.judging = judging;
  }

  /**
   * A replica that does not judge hosts (yet): its operator starts to with {@link #judgeFrom}. A gateway given
   * services of its own, that no operator judges from, stays so and writes what it hears.
   *
   * @param since from when heartbeats reach it (its start)
   */
  public static HostLiveness listeningFrom(Instant since) {
    return new HostLiveness(since, false);
  }

  /** A replica that judges hosts from {@code since} (tests of the judge). */
  public static HostLiveness judgingFrom(Instant since) {
    return new HostLiveness(since, true);
  }

  /** This replica's gateway heard the host at {@code at}. */
  public void heard(EdgeHost host, Instant at) {
    heard.merge(key(host), at, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** The host is gone. */
  public void forget(EdgeHost host) {
    heard.remove(key(host));
  }

  /** When this replica's gateway last heard the host, if it did since it started. */
  public Optional<Instant> heardHere(EdgeHost host) {
    return Optional.ofNullable(heard.get(key(host)));
  }

  /**
   * The latest instant the host counts as heard apart from its {@code lastSeen}: the last heartbeat this replica
   * heard from it, or the moment it began to judge, whichever is later. The judge's {@code heardSince}.
   */
  public Instant heardSince(EdgeHost host) {
    Instant since = listeningSince;
    Instant here = heard.get(key(host));
    return here != null && here.isAfter(since) ? here : since;
  }

  /**
   * Whether the host counts as silent at {@code now}: its judge would find it Unreachable (what this replica heard
   * included). A heartbeat from a silent host is news for everyone who judged it so, and is written at once.
   */
  public boolean silentAt(EdgeHost host, Instant now, Duration staleness) {
    return HostPhaseJudge.unreachableAt(host.getStatus(), staleness, heardSince(host)).map(now::isAfter)
        .orElse(false);
  }

  /**
   * Whether this replica judges hosts (it leads, or runs alone), so that what its gateway hears needs no
   * {@code lastSeen} write to count.
   */
  public boolean judging() {
    return judging;
  }

  /** This replica leads from {@code at}: the grace period counts from now, since the last leader's memory is lost. */
  public void judgeFrom(Instant at) {
    listeningSince = at;
    judging = true;
  }

  /** This replica follows (or stopped leading): what its gateway hears must be written to count. */
  public void stopJudging() {
    judging = false;
  }

  /** How many hosts this replica holds a last request of. */
  public int size() {
    return heard.size();
  }

  private static String key(EdgeHost host) {
    return host.getMetadata().getNamespace() + "/" + host.getMetadata().getName();
  }
}
