package dev.lifecycle.edge.operator.upgrade;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.api.v1alpha1.RolloutBatch;
import dev.lifecycle.edge.api.v1alpha1.UpgradeNowRecord;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy.FailurePolicy;
import dev.lifecycle.edge.wire.Durations;
import dev.lifecycle.edge.operator.upgrade.RolloutRound.Batch;
import dev.lifecycle.edge.operator.upgrade.RolloutRound.Blocked;
import dev.lifecycle.edge.operator.upgrade.RolloutRound.Rolling;
import dev.lifecycle.edge.operator.upgrade.RolloutRound.Settled;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One round of a cluster's rolling upgrade, decided once: from the hosts, the recorded
 * {@code status.upgrade}, the strategy and the time, the status to record, the hosts to move and when
 * to look again. Pure: it asks the {@link RolloutPlanner} once, and whoever applies the round records
 * its status before it writes the batch's plans, so that a restart at any moment resumes from status.
 */
public final class RolloutStep {

  static final Duration DEFAULT_HOST_TIMEOUT = Duration.ofMinutes(30);

  /** A round that notices a timeout wakes just after it, not just before. */
  private static final Duration WAKE_MARGIN = Duration.ofMillis(50);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The reason a cluster shows when its maintenance windows cannot be understood. */
  public static final String INVALID_MAINTENANCE_WINDOW = "InvalidMaintenanceWindow";

  private static final Set<Phase> ACTIVE = EnumSet.of(Phase.Progressing, Phase.Paused, Phase.Stalled,
      Phase.RollingBack);

  private RolloutStep() {
  }

  /**
   * What a round decides from.
   *
   * @param upgrade status.upgrade as the round starts (a rollout begun this round included), or null; left unchanged
   * @param profileVersion the version the cluster runs
   * @param wantedVersion the version spec.profileRef names, when it resolves
   * @param hosts the hosts of the rollout
   * @param strategy the cluster's upgrade strategy
   * @param profiles which of the rollout's two profiles can be read (hosts move to a profile's layers)
   * @param now the instant of the round
   * @param upgradeNow the value of the cluster's upgrade-now annotation, or null
   */
  public record Input(UpgradeStatus upgrade, String profileVersion, Optional<String> wantedVersion,
      List<RolloutHost> hosts, RolloutStrategy strategy, Profiles profiles, Instant now, String upgradeNow) {

    /** A round with no upgrade-now annotation. */
    public Input(UpgradeStatus upgrade, String profileVersion, Optional<String> wantedVersion,
        List<RolloutHost> hosts, RolloutStrategy strategy, Profiles profiles, Instant now) {
      this(upgrade, profileVersion, wantedVersion, hosts, strategy, profiles, now, null);
    }
  }

  /**
   * Whether the rollout's profiles exist with the versions it records.
   *
   * @param target toProfile at version to
   * @param source fromProfile at version from (a rollback needs it)
   */
  public record Profiles(boolean target, boolean source) {
  }

  public static RolloutRound next(Input in) {
    UpgradeStatus upgrade = in.upgrade() == null ? null : copy(in.upgrade());
    if (!active(upgrade)) {
      return settled(upgrade, in);
    }
    if (!(rollingBack(upgrade) ? in.profiles().source() : in.profiles().target())) {
      return blocked(upgrade, in, "ProfileNotFound", "the rollout needs ClusterProfile " + destinationProfile(upgrade)
          + ", which does not exist or is invalid; restore it to go on");
    }
    MaintenanceWindows windows;
    try {
      windows = MaintenanceWindows.parse(in.strategy().maintenanceWindows());
    } catch (IllegalArgumentException e) {
      return blocked(upgrade, in, INVALID_MAINTENANCE_WINDOW, "spec.upgradeStrategy." + e.getMessage()
          + "; no batch starts until it is corrected");
    }
    takeUpgradeNow(upgrade, in.upgradeNow(), in.now());
    Optional<Instant> closedUntil = upgradeNowTaken(upgrade) || windows.openAt(in.now()) ? Optional.empty()
        : windows.nextOpening(in.now());
    RolloutState state;
    try {
      state = state(upgrade, in.hosts(), in.strategy(), in.now(), closedUntil);
    } catch (IllegalArgumentException e) {
      return blocked(upgrade, in, "InvalidSpec", "spec.upgradeStrategy: " + e.getMessage());
    }
    RolloutDecision decision = RolloutPlanner.decide(state);
    if (decision instanceof RolloutDecision.StartRollback turn) {
      upgrade.setPhase(Phase.RollingBack);
      upgrade.setFailedHost(turn.host());
      upgrade.setFailure(turn.message());
      upgrade.setInFlight(List.of());
      upgrade.setBatch(null);
      if (!in.profiles().source()) {
        return blocked(upgrade, in, "ProfileNotFound", "rolling back needs ClusterProfile "
            + upgrade.getFromProfile() + ", which does not exist or is invalid; restore it to go on");
      }
      state = state.turned();
      decision = turn.then();
    }
    return apply(decision, upgrade, state, in);
  }

  private static RolloutRound apply(RolloutDecision decision, UpgradeStatus upgrade, RolloutState state, Input in) {
    String profileVersion = in.profileVersion();
    List<RolloutHost> hosts = in.hosts();
    Optional<Batch> batch = Optional.empty();
    String stallReason = null;
    String detail = null;
    Optional<Instant> windowOpens = Optional.empty();
    upgrade.setNextWindow(null);
    if (decision instanceof RolloutDecision.WaitForWindow wait) {
      upgrade.setPhase(Phase.Progressing);
      upgrade.setNextWindow(wait.opensAt().toString());
      windowOpens = Optional.of(wait.opensAt());
      detail = "no batch starts before the next maintenance window opens at " + wait.opensAt();
    } else if (decision instanceof RolloutDecision.Move move) {
      upgrade.setPhase(state.rollingBack() ? Phase.RollingBack : Phase.Progressing);
      hosts = moved(in.hosts(), move, in.now());
      Map<String, RolloutHost> byName = in.hosts().stream()
          .collect(Collectors.toMap(RolloutHost::name, h -> h));
      batch = Optional.of(new Batch(move.hosts().stream().map(byName::get).toList(), move.version()));
      detail = RolloutPlanner.waitingForInFlight(withHosts(state, hosts)).map(RolloutDecision.Wait::reason)
          .orElse("moving " + String.join(", ", move.hosts()) + " to " + move.version());
    } else if (decision instanceof RolloutDecision.Wait wait) {
      upgrade.setPhase(state.paused() ? Phase.Paused : state.rollingBack() ? Phase.RollingBack : Phase.Progressing);
      detail = wait.reason();
    } else if (decision instanceof RolloutDecision.Stall stall) {
      upgrade.setPhase(Phase.Stalled);
      upgrade.setFailedHost(stall.host());
      upgrade.setFailure(stall.message());
      stallReason = stall.reason();
    } else if (decision instanceof RolloutDecision.Complete) {
      upgrade.setPhase(Phase.Complete);
      upgrade.setFinishedAt(in.now().toString());
      profileVersion = upgrade.getTo();
    } else if (decision instanceof RolloutDecision.RolledBack) {
      upgrade.setPhase(Phase.RolledBack);
      upgrade.setFinishedAt(in.now().toString());
    } else {
      throw new IllegalStateException("a rollback cannot turn around: " + decision);
    }
    count(upgrade, hosts);
    batch.ifPresent(b -> {
      // The batch is in flight whatever its hosts' health says: a restart must finish it.
      Set<String> inFlight = new LinkedHashSet<>(upgrade.getInFlight());
      b.hosts().forEach(h -> inFlight.add(h.name()));
      upgrade.setInFlight(new ArrayList<>(inFlight));
      upgrade.setBatch(new RolloutBatch(nextBatchNumber(upgrade), b.hosts().stream().map(RolloutHost::name).toList()));
    });
    RolloutState after = state(upgrade, hosts, in.strategy(), in.now(), state.windowClosedUntil());
    // A host's timeout, or the window's opening, whichever comes first: the round looks again then, no polling.
    Optional<Duration> wake = Stream.concat(RolloutPlanner.nextTimeout(after).stream(), windowOpens.stream())
        .min(Comparator.naturalOrder())
        .map(at -> Duration.between(in.now(), at).plus(WAKE_MARGIN));
    return new RolloutRound(upgrade, profileVersion, new Rolling(stallReason, detail), batch, wake);
  }

  /**
   * Takes a new value of the upgrade-now annotation for a rollout going forward: recorded with the rollout's id,
   * so that this rollout runs outside the windows and no later one takes the same value again.
   */
  private static void takeUpgradeNow(UpgradeStatus upgrade, String value, Instant now) {
    if (value == null || value.isBlank() || rollingBack(upgrade)) {
      return;
    }
    UpgradeNowRecord taken = upgrade.getUpgradeNow();
    if (taken == null || !value.equals(taken.getValue())) {
      upgrade.setUpgradeNow(new UpgradeNowRecord(value, upgrade.getId(), now.toString()));
    }
  }

  /** Whether an upgrade-now value was taken by this very rollout. */
  private static boolean upgradeNowTaken(UpgradeStatus upgrade) {
    return upgrade.getUpgradeNow() != null && upgrade.getId() != null
        && upgrade.getId().equals(upgrade.getUpgradeNow().getRollout());
  }

  /** The number of a batch that moves now: one after the batch recorded (none is recorded once the rollout turned). */
  private static int nextBatchNumber(UpgradeStatus upgrade) {
    RolloutBatch last = upgrade.getBatch();
    return last == null || last.getNumber() == null ? 1 : last.getNumber() + 1;
  }

  /** Whether the rollout is under way (paused and stalled included). */
  public static boolean active(UpgradeStatus upgrade) {
    return upgrade != null && upgrade.getPhase() != null && ACTIVE.contains(upgrade.getPhase());
  }

  /** The version hosts move to right now: the target, or the source while rolling back. */
  public static String destination(UpgradeStatus upgrade) {
    return rollingBack(upgrade) ? upgrade.getFrom() : upgrade.getTo();
  }

  /** The profile of {@link #destination}. */
  public static String destinationProfile(UpgradeStatus upgrade) {
    return rollingBack(upgrade) ? upgrade.getFromProfile() : upgrade.getToProfile();
  }

  private static boolean rollingBack(UpgradeStatus upgrade) {
    return upgrade.getPhase() == Phase.RollingBack;
  }

  /**
   * A rollout that is not under way: a rollout that completed gives the cluster its version, and a
   * rollback stays Stalled while spec.profileRef still names the version that failed.
   */
  private static RolloutRound settled(UpgradeStatus upgrade, Input in) {
    if (upgrade == null) {
      return new RolloutRound(null, in.profileVersion(), new Settled(), Optional.empty(), Optional.empty());
    }
    String runs = upgrade.getPhase() == Phase.Complete ? upgrade.getTo() : in.profileVersion();
    boolean failedVersionWanted = upgrade.getPhase() == Phase.RolledBack
        && in.wantedVersion().map(upgrade.getTo()::equals).orElse(false);
    return new RolloutRound(upgrade, runs, failedVersionWanted ? new Rolling(null, null) : new Settled(),
        Optional.empty(), Optional.empty());
  }

  private static RolloutRound blocked(UpgradeStatus upgrade, Input in, String reason, String message) {
    upgrade.setNextWindow(null);
    return new RolloutRound(upgrade, in.profileVersion(), new Blocked(reason, message), Optional.empty(),
        Optional.empty());
  }

  /**
   * The planner's view of the rollout.
   *
   * @throws IllegalArgumentException when maxUnavailable or hostTimeout cannot be understood
   */
  static RolloutState state(UpgradeStatus upgrade, List<RolloutHost> hosts, RolloutStrategy strategy, Instant now,
      Optional<Instant> windowClosedUntil) {
    int maxUnavailable = MaxUnavailable.resolve(strategy.maxUnavailable(), hosts.size());
    Duration hostTimeout = strategy.hostTimeout() == null ? DEFAULT_HOST_TIMEOUT
        : Durations.parse(strategy.hostTimeout());
    FailurePolicy onFailure = strategy.onFailure() == null ? FailurePolicy.Pause : strategy.onFailure();
    return new RolloutState(upgrade.getFrom(), upgrade.getTo(), rollingBack(upgrade), hosts, maxUnavailable,
        strategy.paused(), onFailure, hostTimeout, now, windowClosedUntil);
  }

  private static RolloutState withHosts(RolloutState state, List<RolloutHost> hosts) {
    return new RolloutState(state.from(), state.to(), state.rollingBack(), hosts, state.maxUnavailable(),
        state.paused(), state.onFailure(), state.hostTimeout(), state.now(), state.windowClosedUntil());
  }

  /** The hosts as the batch's plan writes leave them: moved, and not yet healthy on the new plan. */
  private static List<RolloutHost> moved(List<RolloutHost> hosts, RolloutDecision.Move move, Instant now) {
    int order = (int) hosts.stream().filter(RolloutHost::moved).count();
    Map<String, Integer> orders = new HashMap<>();
    for (String name : move.hosts()) {
      orders.put(name, order++);
    }
    return hosts.stream()
        .map(h -> orders.containsKey(h.name()) ? h.movedTo(move.version(), orders.get(h.name()), now) : h)
        .toList();
  }

  /** Updated and total counts and the hosts in flight, from the hosts as they stand. */
  private static void count(UpgradeStatus upgrade, List<RolloutHost> hosts) {
    upgrade.setTotal(hosts.size());
    upgrade.setUpdated((int) hosts.stream().filter(h -> h.healthyOn(upgrade.getTo())).count());
    upgrade.setInFlight(upgrade.getPhase() == Phase.Complete ? List.of() : hosts.stream()
        .filter(h -> h.inFlightTo(destination(upgrade)))
        .sorted(Comparator.comparing((RolloutHost h) -> h.isControlPlane() ? 0 : 1).thenComparing(RolloutHost::name))
        .map(RolloutHost::name)
        .collect(Collectors.toList()));
  }

  /** A deep copy, field for field as the status is stored, so a field added to the API is copied too. */
  private static UpgradeStatus copy(UpgradeStatus source) {
    return JSON.convertValue(source, UpgradeStatus.class);
  }
}
