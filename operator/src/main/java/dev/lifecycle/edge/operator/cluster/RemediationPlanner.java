package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostReplacement;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.api.v1alpha1.Remediation;
import dev.lifecycle.edge.wire.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides which of a cluster's hosts are replaced by spares, and when the hosts they replace leave. Pure, and
 * decided from stored state only (each spare's claim names the host it replaces, {@code status.cluster.replaces};
 * the cluster's status records since when a host is unhealthy and the replacements of the last day), so an
 * operator restarted at any moment decides the same.
 *
 * <ul>
 *   <li>A host Failed or Unreachable for {@code unhealthyTimeout} ({@code mode: Automatic}), or one whose EdgeHost
 *       carries the replace annotation (any mode), is replaced: a spare Available host matching its role's
 *       selector is claimed with the same role; it joins as any claimed host does; once it runs, the replaced
 *       host is released with a Reset plan (which it applies if it ever comes back).</li>
 *   <li>Never more replacements under way than {@code maxUnavailable}, never more than {@code maxReplacements}
 *       automatic ones begun in an hour.</li>
 *   <li>A control-plane host is replaced only in a control plane of three or more, and only while every other
 *       control-plane host runs (no other one unhealthy or joining): etcd keeps its quorum.</li>
 *   <li>Replacements begin only in a formed cluster, outside any rollout (under way or due) and scale-down, and
 *       inside the maintenance windows; a rollout that is due waits for the replacements under way.</li>
 * </ul>
 */
public final class RemediationPlanner {

  /** Spares are joining in place of hosts. */
  public static final String REPLACING = "ReplacingHost";
  /** A host should be replaced and no Available host matches its role's selector. */
  public static final String NO_SPARE = "NoSpareHost";
  /** A host is unhealthy past unhealthyTimeout and spec.remediation.mode is Manual. */
  public static final String MANUAL = "RemediationManual";
  /** maxReplacements automatic replacements began in the last hour. */
  public static final String RATE_LIMITED = "ReplacementRateLimited";
  /** A replacement waits: for a maintenance window, a scale-down, a control-plane peer or maxUnavailable. */
  public static final String WAITS = "ReplacementWaits";
  /** A control plane of fewer than three hosts cannot replace a host by joining another. */
  public static final String CONTROL_PLANE_NOT_REPLACEABLE = "ControlPlaneNotReplaceable";

  static final Duration DEFAULT_UNHEALTHY_TIMEOUT = Duration.ofMinutes(10);
  static final int DEFAULT_MAX_REPLACEMENTS = 2;
  private static final Duration RATE_PERIOD = Duration.ofHours(1);
  private static final Duration HISTORY_KEPT = Duration.ofHours(24);

  private RemediationPlanner() {
  }

  /** Whether the operator replaces unhealthy hosts by itself. */
  public enum Mode {
    /** spec.remediation is unset: nothing is replaced but on request. */
    NONE,
    MANUAL,
    AUTOMATIC
  }

  /** spec.remediation, with its defaults. */
  public record Settings(Mode mode, Duration unhealthyTimeout, int maxReplacements) {

    public static final Settings NONE = new Settings(Mode.NONE, DEFAULT_UNHEALTHY_TIMEOUT, DEFAULT_MAX_REPLACEMENTS);

    /** The settings of spec.remediation; a value the CRD would refuse falls back to its default. */
    public static Settings of(Remediation spec) {
      if (spec == null) {
        return NONE;
      }
      Duration timeout = DEFAULT_UNHEALTHY_TIMEOUT;
      if (spec.getUnhealthyTimeout() != null) {
        try {
          timeout = Durations.parse(spec.getUnhealthyTimeout());
        } catch (IllegalArgumentException e) {
          timeout = DEFAULT_UNHEALTHY_TIMEOUT;
        }
      }
      int max = spec.getMaxReplacements() == null || spec.getMaxReplacements() < 1 ? DEFAULT_MAX_REPLACEMENTS
          : spec.getMaxReplacements();
      return new Settings(spec.getMode() == Remediation.Mode.Manual ? Mode.MANUAL : Mode.AUTOMATIC, timeout, max);
    }
  }

  /**
   * What remediation decides from.
   *
   * @param cluster the cluster's name
   * @param settings spec.remediation
   * @param maxUnavailable most replacements under way at once (spec.upgradeStrategy.maxUnavailable, resolved)
   * @param formed whether the cluster has formed
   * @param rollout where the rolling upgrade stands
   * @param scalingDown whether surplus workers wait to be released or released ones still reset
   * @param window whether a maintenance window is open now
   * @param controlPlaneSelector spec.controlPlane.selector
   * @param workerSelector spec.workers.selector
   * @param hosts the hosts the cluster owns and the unclaimed hosts of its namespace
   * @param unhealthySince since when the cluster has seen each of its hosts unhealthy (status.hosts), by name
   * @param history status.replacements as the round starts
   * @param taken hosts other claims of this round take (a scale-up), which are no spares
   * @param now the instant of the round
   */
  public record Input(String cluster, Settings settings, int maxUnavailable, boolean formed,
      ScalePlanner.Rollout rollout, boolean scalingDown, ScalePlanner.Window window, HostSelector controlPlaneSelector,
      HostSelector workerSelector, List<HostView> hosts, Map<String, Instant> unhealthySince,
      List<HostReplacement> history, Set<String> taken, Instant now) {
  }

  /** A spare claimed, or being joined, in place of a host. */
  public record Replacement(String host, String spare, HostRole role, HostReplacement.Reason reason) {
  }

  /**
   * What remediation decided.
   *
   * @param claims spares to claim now, each naming the host it replaces
   * @param releases hosts to release with a Reset plan now: those whose spare runs, and spares given up
   * @param abandoned replacements given up because their spare has been unhealthy for unhealthyTimeout: the spare is
   *     released, the host it was to replace is a candidate again
   * @param underWay the replacements under way as the round starts (released and abandoned ones included)
   * @param unhealthySince since when each unhealthy host of the cluster is unhealthy, to record
   * @param holdsRollout whether a due rollout must not begin yet (replacements under way)
   * @param verdict the conditions remediation asks for, if any
   * @param wakeAt when to look again without any change (a host reaching its timeout, the rate limit freeing,
   *     a window opening), if ever
   */
  public record Decision(List<Replacement> claims, List<String> releases, List<Replacement> abandoned,
      List<Replacement> underWay,
      Map<String, Instant> unhealthySince, boolean holdsRollout, Optional<ClusterVerdict> verdict,
      Optional<Instant> wakeAt) {
  }

  /**
   * The hosts being replaced: owned by the cluster, with a spare of the cluster claimed in their place. Claims and
   * scaling count their spares instead of them, so that the cluster claims nothing more and sees no surplus.
   */
  public static Set<String> beingReplaced(String cluster, List<HostView> hosts) {
    return underWay(cluster, hosts).stream().map(Replacement::host).collect(Collectors.toSet());
  }

  public static Decision decide(Input in) {
    List<HostView> owned = in.hosts().stream().filter(h -> h.ownedBy(in.cluster())).toList();
    List<Replacement> found = underWay(in.cluster(), in.hosts());
    Map<String, HostView> byName = owned.stream().collect(Collectors.toMap(HostView::name, h -> h));
    Map<String, Instant> unhealthySince = new TreeMap<>();
    owned.stream().filter(HostView::isUnhealthy)
        .forEach(h -> unhealthySince.put(h.name(), in.unhealthySince().getOrDefault(h.name(), in.now())));
    // A spare that died while joining would hold its slot for ever: it is given up like any dead host.
    List<Replacement> abandoned = found.stream().filter(r -> unhealthySince.containsKey(r.spare())
        && !unhealthySince.get(r.spare()).plus(in.settings().unhealthyTimeout()).isAfter(in.now())).toList();
    List<Replacement> underWay = found.stream().filter(r -> !abandoned.contains(r)).toList();
    List<String> releases = new ArrayList<>(underWay.stream().filter(r -> byName.get(r.spare()).isRunning())
        .map(Replacement::host).toList());
    abandoned.forEach(r -> releases.add(r.spare()));
    boolean holdsRollout = in.rollout() == ScalePlanner.Rollout.DUE && !found.isEmpty();
    if (!in.formed()) {
      return new Decision(List.of(), releases, abandoned, found, unhealthySince, false, Optional.empty(),
          Optional.empty());
    }

    Set<String> replaced = underWay.stream().map(Replacement::host).collect(Collectors.toCollection(HashSet::new));
    abandoned.forEach(r -> replaced.add(r.spare()));
    List<Candidate> candidates = candidates(in, owned, replaced, unhealthySince);
    List<Replacement> claims = new ArrayList<>();
    List<ClusterVerdict> waits = new ArrayList<>();
    List<Instant> wakes = new ArrayList<>();
    Set<String> spares = new HashSet<>(in.taken());
    int automaticInHour = automaticStartsSince(in, underWay, in.now().minus(RATE_PERIOD));
    for (Candidate candidate : candidates) {
      Optional<ClusterVerdict> wait = gate(in, candidate, owned, underWay, claims, automaticInHour, wakes);
      if (wait.isPresent()) {
        waits.add(wait.get());
        continue;
      }
      Optional<HostView> spare = spare(in, candidate.host().role(), spares);
      if (spare.isEmpty()) {
        waits.add(ClusterVerdict.waiting(Phase.Degraded, NO_SPARE, candidate.describe() + ": no Available host "
            + "matches the " + candidate.host().role() + " selector to replace it; register or free one"));
        continue;
      }
      spares.add(spare.get().name());
      claims.add(new Replacement(candidate.host().name(), spare.get().name(), candidate.host().role(),
          candidate.reason()));
      if (candidate.reason() == HostReplacement.Reason.Unhealthy) {
        automaticInHour++;
      }
    }
    if (in.settings().mode() != Mode.NONE) {
      unhealthySince.entrySet().stream()
          .filter(e -> !replaced.contains(e.getKey()))
          .map(e -> e.getValue().plus(in.settings().unhealthyTimeout()))
          .filter(due -> due.isAfter(in.now()))
          .forEach(wakes::add);
    }
    if (in.settings().mode() == Mode.MANUAL) {
      unhealthySince.entrySet().stream()
          .filter(e -> !replaced.contains(e.getKey()) && !byName.get(e.getKey()).replaceRequested())
          .filter(e -> !e.getValue().plus(in.settings().unhealthyTimeout()).isAfter(in.now()))
          .findFirst()
          .ifPresent(e -> waits.add(ClusterVerdict.stalled(Phase.Degraded, MANUAL, "host " + e.getKey() + " has "
              + "been " + byName.get(e.getKey()).phase() + " since " + e.getValue() + " and spec.remediation.mode "
              + "is Manual: bring it back, or annotate it " + Remediation.REPLACE_ANNOTATION + "=true to replace it "
              + "with a spare")));
    }
    Optional<ClusterVerdict> verdict = verdict(underWay, claims, waits, byName);
    return new Decision(claims, releases, abandoned, found, unhealthySince, holdsRollout, verdict,
        wakes.stream().filter(t -> t.isAfter(in.now())).min(Comparator.naturalOrder()));
  }

  /** A host to replace, and why. */
  private record Candidate(HostView host, HostReplacement.Reason reason, Instant unhealthySince) {

    String describe() {
      return reason == HostReplacement.Reason.Requested
          ? "host " + host.name() + " is to be replaced (" + Remediation.REPLACE_ANNOTATION + ")"
          : "host " + host.name() + " has been " + host.phase() + " since " + unhealthySince;
    }
  }

  /** Requested hosts, then hosts past their timeout; control plane first, then by name. */
  private static List<Candidate> candidates(Input in, List<HostView> owned, Set<String> replaced,
      Map<String, Instant> unhealthySince) {
    List<Candidate> candidates = new ArrayList<>();
    for (HostView host : owned) {
      if (replaced.contains(host.name())) {
        continue;
      }
      if (host.replaceRequested()) {
        candidates.add(new Candidate(host, HostReplacement.Reason.Requested, unhealthySince.get(host.name())));
      } else if (in.settings().mode() == Mode.AUTOMATIC && unhealthySince.containsKey(host.name())
          && !unhealthySince.get(host.name()).plus(in.settings().unhealthyTimeout()).isAfter(in.now())) {
        candidates.add(new Candidate(host, HostReplacement.Reason.Unhealthy, unhealthySince.get(host.name())));
      }
    }
    candidates.sort(Comparator.comparing((Candidate c) -> c.reason() == HostReplacement.Reason.Requested ? 0 : 1)
        .thenComparing(c -> c.host().role() == HostRole.CONTROL_PLANE ? 0 : 1)
        .thenComparing(c -> c.host().name()));
    return candidates;
  }

  /** Why a candidate cannot be replaced now, if so; adds the instant the reason ends to {@code wakes}. */
  private static Optional<ClusterVerdict> gate(Input in, Candidate candidate, List<HostView> owned,
      List<Replacement> underWay, List<Replacement> claims, int automaticInHour, List<Instant> wakes) {
    String what = candidate.describe();
    if (in.rollout() != ScalePlanner.Rollout.NONE) {
      return Optional.of(ClusterVerdict.waiting(Phase.Degraded, WAITS, what + "; its replacement waits for the "
          + "rollout to finish"));
    }
    if (in.scalingDown()) {
      return Optional.of(ClusterVerdict.waiting(Phase.Degraded, WAITS, what + "; its replacement waits for the "
          + "scale-down to finish"));
    }
    if (candidate.host().role() == HostRole.CONTROL_PLANE) {
      List<HostView> peers = owned.stream().filter(h -> h.role() == HostRole.CONTROL_PLANE
          && !h.name().equals(candidate.host().name())).toList();
      long replacedPeers = underWay.stream().filter(r -> r.role() == HostRole.CONTROL_PLANE).count();
      if (peers.size() - replacedPeers < 2) {
        return Optional.of(ClusterVerdict.stalled(Phase.Degraded, CONTROL_PLANE_NOT_REPLACEABLE, what + "; a "
            + "control plane of fewer than 3 hosts cannot replace one by joining another (etcd would lose its "
            + "quorum): bring the host back"));
      }
      List<String> unhealthyPeers = peers.stream().filter(h -> !h.isRunning()).map(HostView::name).toList();
      boolean peerClaimed = claims.stream().anyMatch(r -> r.role() == HostRole.CONTROL_PLANE);
      if (!unhealthyPeers.isEmpty() || peerClaimed) {
        return Optional.of(ClusterVerdict.waiting(Phase.Degraded, WAITS, what + "; a control-plane host is replaced "
            + "only while every other one runs, and " + (peerClaimed ? "another is being replaced"
                : String.join(", ", unhealthyPeers) + " do(es) not")));
      }
    }
    if (underWay.size() + claims.size() >= in.maxUnavailable()) {
      return Optional.of(ClusterVerdict.waiting(Phase.Degraded, WAITS, what + "; at most " + in.maxUnavailable()
          + " replacement(s) may be under way at once (maxUnavailable) and " + (underWay.size() + claims.size())
          + " are"));
    }
    if (candidate.reason() == HostReplacement.Reason.Unhealthy
        && automaticInHour >= in.settings().maxReplacements()) {
      Optional<Instant> frees = automaticStarts(in, underWay).stream()
          .filter(t -> t.isAfter(in.now().minus(RATE_PERIOD))).min(Comparator.naturalOrder())
          .map(t -> t.plus(RATE_PERIOD));
      frees.ifPresent(wakes::add);
      return Optional.of(ClusterVerdict.waiting(Phase.Degraded, RATE_LIMITED, what + "; " + automaticInHour
          + " automatic replacement(s) began in the last hour, as many as spec.remediation.maxReplacements allows"
          + frees.map(t -> ": the next may begin at " + t).orElse("")));
    }
    if (!in.window().open()) {
      in.window().nextOpening().ifPresent(wakes::add);
      return Optional.of(ClusterVerdict.waiting(Phase.Degraded, WAITS, what + "; its replacement waits for the "
          + "maintenance window" + in.window().nextOpening().map(t -> " opening at " + t).orElse("")));
    }
    return Optional.empty();
  }

  /** The first spare for {@code role}: claimable, matching the role's selector, control plane preferring hosts
   * the worker selector does not want; then by name. */
  private static Optional<HostView> spare(Input in, HostRole role, Set<String> taken) {
    HostSelector selector = role == HostRole.CONTROL_PLANE ? in.controlPlaneSelector() : in.workerSelector();
    return in.hosts().stream()
        .filter(h -> h.isClaimable() && !taken.contains(h.name()) && HostSelectors.matches(selector, h.labels()))
        .min(Comparator.comparing((HostView h) -> role == HostRole.CONTROL_PLANE
                && HostSelectors.matches(in.workerSelector(), h.labels()))
            .thenComparing(HostView::name));
  }

  private static Optional<ClusterVerdict> verdict(List<Replacement> underWay, List<Replacement> claims,
      List<ClusterVerdict> waits, Map<String, HostView> byName) {
    List<Replacement> moving = Stream.concat(underWay.stream(), claims.stream()).toList();
    if (moving.isEmpty()) {
      return waits.stream().findFirst();
    }
    String progress = moving.stream()
        .map(r -> r.host() + " by " + r.spare() + " (" + Optional.ofNullable(byName.get(r.spare()))
            .map(h -> h.phase().toString()).orElse("claimed") + ")")
        .collect(Collectors.joining(", "));
    String more = waits.isEmpty() ? "" : "; " + waits.get(0).message();
    // A requested swap of a running host leaves the cluster's phase to its hosts (Running): nothing is broken.
    boolean hostsBroken = moving.stream().anyMatch(r -> r.reason() == HostReplacement.Reason.Unhealthy);
    return Optional.of(ClusterVerdict.waiting(hostsBroken ? Phase.Degraded : null, REPLACING, "replacing "
        + progress + "; each replaced host is released with a Reset plan once its spare runs" + more));
  }

  /**
   * The replacements under way: spares owned by the cluster whose claim names a host the cluster still owns, and
   * owned since before the spare (a replaced host that came back, reset, and was claimed again is not replaced
   * again by the spare's old claim).
   */
  static List<Replacement> underWay(String cluster, List<HostView> hosts) {
    Map<String, HostView> owned = hosts.stream().filter(h -> h.ownedBy(cluster))
        .collect(Collectors.toMap(HostView::name, h -> h));
    return owned.values().stream()
        .filter(h -> h.replaces() != null && owned.containsKey(h.replaces()) && !h.replaces().equals(h.name()))
        .filter(h -> claimedBefore(owned.get(h.replaces()), h))
        .sorted(Comparator.comparing(HostView::name))
        .map(h -> new Replacement(h.replaces(), h.name(), h.role(), owned.get(h.replaces()).replaceRequested()
            ? HostReplacement.Reason.Requested : HostReplacement.Reason.Unhealthy))
        .toList();
  }

  private static boolean claimedBefore(HostView replaced, HostView spare) {
    return replaced.claimedAt() == null || spare.claimedAt() == null || !replaced.claimedAt().isAfter(spare.claimedAt());
  }

  private static int automaticStartsSince(Input in, List<Replacement> underWay, Instant since) {
    return (int) automaticStarts(in, underWay).stream().filter(t -> t.isAfter(since)).count();
  }

  /**
   * When the automatic replacements on record began: status.replacements, and spares under way that it does not
   * list yet (a claim written just before a restart, its status not).
   */
  private static List<Instant> automaticStarts(Input in, List<Replacement> underWay) {
    List<Instant> starts = new ArrayList<>();
    Set<String> recorded = new HashSet<>();
    for (HostReplacement r : in.history()) {
      recorded.add(r.getReplacement());
      if (r.getReason() == HostReplacement.Reason.Unhealthy) {
        parse(r.getStartedAt()).ifPresent(starts::add);
      }
    }
    Map<String, HostView> hosts = in.hosts().stream().collect(Collectors.toMap(HostView::name, h -> h, (a, b) -> a));
    underWay.stream()
        .filter(r -> r.reason() == HostReplacement.Reason.Unhealthy && !recorded.contains(r.spare()))
        .map(r -> Optional.ofNullable(hosts.get(r.spare()).claimedAt()).orElse(in.now()))
        .forEach(starts::add);
    return starts;
  }

  /**
   * status.replacements after a round: the replacements under way (new ones added, with the spare's claim time),
   * those that ended this round finished now (released, or abandoned: the spare or the host left the cluster
   * otherwise), finished ones kept for 24 hours.
   *
   * @param previous status.replacements as the round started
   * @param underWay the replacements under way after this round's claims and releases
   * @param claimedAt when each spare was claimed, by name, where known
   */
  public static List<HostReplacement> records(List<HostReplacement> previous, List<Replacement> underWay,
      Map<String, Instant> claimedAt, Instant now) {
    List<HostReplacement> records = new ArrayList<>();
    for (HostReplacement r : previous) {
      boolean finished = r.getFinishedAt() != null;
      boolean stillUnderWay = underWay.stream().anyMatch(u -> matches(r, u));
      if (finished && parse(r.getFinishedAt()).map(t -> t.plus(HISTORY_KEPT).isBefore(now)).orElse(true)) {
        continue;
      }
      records.add(finished || stillUnderWay ? r : new HostReplacement(r.getHost(), r.getReplacement(), r.getRole(),
          r.getReason(), r.getStartedAt(), now.toString()));
    }
    for (Replacement u : underWay) {
      if (records.stream().noneMatch(r -> r.getFinishedAt() == null && matches(r, u))) {
        records.add(new HostReplacement(u.host(), u.spare(), u.role(), u.reason(),
            claimedAt.getOrDefault(u.spare(), now).toString(), null));
      }
    }
    return records;
  }

  private static boolean matches(HostReplacement record, Replacement replacement) {
    return Objects.equals(record.getHost(), replacement.host())
        && Objects.equals(record.getReplacement(), replacement.spare());
  }

  private static Optional<Instant> parse(String instant) {
    try {
      return Optional.ofNullable(instant).map(Instant::parse);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
