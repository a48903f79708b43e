package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.ClusterHost;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.LayerChange;
import dev.lifecycle.edge.api.v1alpha1.RolloutBatch;
import dev.lifecycle.edge.api.v1alpha1.UpgradeNowRecord;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.upgrade.RolloutHost;
import dev.lifecycle.edge.operator.upgrade.RolloutStep;
import dev.lifecycle.edge.operator.upgrade.UpgradeImpact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Events a change of a cluster's status deserves, once per transition and not on every round:
 * a rollout started, a batch came up healthy, the rollout turned around, stalled, completed or rolled
 * back, and the cluster's phase changed (unless the rollout's Event tells it). Pure: the reconciler records
 * them once the status is written.
 */
public final class ClusterNotices {

  private ClusterNotices() {
  }

  /**
   * An Event to record.
   *
   * @param warning a Warning Event (else Normal)
   * @param reason CamelCase reason
   * @param message for a person
   */
  public record Notice(boolean warning, String reason, String message) {
  }

  /** The Events for going from {@code previous} (null on the first visit) to {@code desired}. */
  public static List<Notice> between(EdgeClusterStatus previous, EdgeClusterStatus desired) {
    List<Notice> notices = new ArrayList<>();
    if (desired.getUpgrade() != null) {
      notices.addAll(rollout(previous == null ? null : previous.getUpgrade(), desired));
    }
    phase(previous == null ? null : previous.getPhase(), desired)
        .filter(phase -> !toldByRollout(phase, notices))
        .ifPresent(notices::add);
    return notices;
  }

  /**
   * Whether the round's rollout Event already tells the cluster's new phase: Upgrading as a rollout starts,
   * Running as it completes (an Event of each on every rollout said the same twice).
   */
  private static boolean toldByRollout(Notice phase, List<Notice> rollout) {
    String telling = switch (phase.reason()) {
      case "Upgrading" -> "UpgradeStarted";
      case "Running" -> "UpgradeComplete";
      default -> null;
    };
    return telling != null && rollout.stream().anyMatch(n -> n.reason().equals(telling));
  }

  /** The Event of one host's plan moved by a batch of {@code batchSize} hosts. */
  public static Notice hostUpgrading(RolloutHost host, String version, UpgradeStatus upgrade, int batchSize) {
    return new Notice(false, "HostUpgrading", "host " + host.name() + " (" + host.role() + "): "
        + host.planVersion() + " -> " + version + ", " + hostActionText(upgrade)
        + (batchSize > 1 ? " (batch of " + batchSize + ")" : ""));
  }

  /**
   * The hosts of a batch whose plans were written, in one Event: one per host cost an Event write per host
   * of the fleet on every rollout, for what the hosts' own Upgrading Events also tell.
   */
  public static Notice hostsUpgrading(List<RolloutHost> hosts, String version, UpgradeStatus upgrade) {
    if (hosts.size() == 1) {
      return hostUpgrading(hosts.get(0), version, upgrade, 1);
    }
    return new Notice(false, "HostUpgrading", hosts.size() + " hosts -> " + version + ", "
        + hostActionText(upgrade) + ": " + HostListing.of(hosts.stream()
            .map(host -> host.name() + " (" + host.role() + ", " + host.planVersion() + ")").toList()));
  }

  /**
   * The round's Events once its batch's plans are written: the batch told in the Event that began the
   * rollout or ended the batch before it, when the round records one ({@code UpgradeStarted ...; first
   * batch: ...}, {@code BatchUpgraded ...; next batch: ...}), else in a HostUpgrading of its own. One Event
   * per batch instead of two: with one host a batch, a rollout wrote two Events per host of the fleet.
   */
  public static List<Notice> withBatch(List<Notice> round, Notice upgrading) {
    List<Notice> notices = new ArrayList<>(round);
    for (int i = notices.size() - 1; i >= 0; i--) {
      Notice notice = notices.get(i);
      String lead = switch (notice.reason()) {
        case "BatchUpgraded" -> "; next batch: ";
        case "UpgradeStarted" -> "; first batch: ";
        default -> null;
      };
      if (lead != null) {
        notices.set(i, new Notice(notice.warning(), notice.reason(), notice.message() + lead + upgrading.message()));
        return notices;
      }
    }
    notices.add(upgrading);
    return notices;
  }

  private static List<Notice> rollout(UpgradeStatus was, EdgeClusterStatus desired) {
    UpgradeStatus upgrade = desired.getUpgrade();
    boolean sameRollout = was != null && Objects.equals(was.getId(), upgrade.getId());
    List<Notice> notices = new ArrayList<>();
    if (!sameRollout) {
      notices.add(new Notice(false, "UpgradeStarted", "upgrade " + upgrade.getFrom() + " -> " + upgrade.getTo()
          + " of " + desired.getHosts().size() + " host(s): " + UpgradeImpact.describe(upgrade.getLayers())
          + "; each host " + hostActionText(upgrade)));
    }
    if (sameRollout) {
      batchCameUp(was, upgrade, desired.getHosts()).ifPresent(notices::add);
    }
    windowNotices(was, upgrade, sameRollout).forEach(notices::add);
    UpgradeStatus.Phase before = sameRollout ? was.getPhase() : null;
    if (upgrade.getPhase() != before) {
      phaseOf(upgrade).ifPresent(notices::add);
    }
    return notices;
  }

  /** An upgrade-now value taken, and a rollout that starts waiting for a maintenance window. */
  private static List<Notice> windowNotices(UpgradeStatus was, UpgradeStatus upgrade, boolean sameRollout) {
    List<Notice> notices = new ArrayList<>();
    UpgradeNowRecord taken = upgrade.getUpgradeNow();
    UpgradeNowRecord before = was == null ? null : was.getUpgradeNow();
    if (taken != null && taken.getValue() != null
        && (before == null || !taken.getValue().equals(before.getValue()))) {
      notices.add(new Notice(false, "UpgradeNowAccepted", UpgradeNowRecord.ANNOTATION + "=" + taken.getValue()
          + ": upgrade " + upgrade.getFrom() + " -> " + upgrade.getTo() + " runs now, outside the maintenance "
          + "windows; the same value is not taken again"));
    }
    String waitedFor = sameRollout ? was.getNextWindow() : null;
    if (upgrade.getNextWindow() != null && !upgrade.getNextWindow().equals(waitedFor)) {
      notices.add(new Notice(false, RolloutVerdict.WAITING_FOR_WINDOW, "upgrade " + upgrade.getFrom() + " -> "
          + upgrade.getTo() + " waits for the next maintenance window, which opens at " + upgrade.getNextWindow()));
    }
    return notices;
  }

  private static Optional<Notice> phaseOf(UpgradeStatus upgrade) {
    return switch (upgrade.getPhase()) {
      case Progressing, Paused -> Optional.empty();
      case RollingBack -> Optional.of(new Notice(true, RolloutVerdict.ROLLING_BACK, "rolling back to "
          + upgrade.getFrom() + ": " + upgrade.getFailure()));
      case Stalled -> Optional.of(new Notice(true, "UpgradeStalled", upgrade.getFailure()));
      case RolledBack -> Optional.of(new Notice(true, RolloutVerdict.ROLLED_BACK, "every host runs "
          + upgrade.getFrom() + " again after " + upgrade.getFailure()));
      case Complete -> Optional.of(new Notice(false, "UpgradeComplete", ClusterRollout.touchesNoHost(upgrade)
          ? "cluster runs " + upgrade.getTo() + ": no host had anything to do ("
              + UpgradeImpact.describe(upgrade.getLayers()) + ")"
          : "every host runs " + upgrade.getTo() + " (upgraded from " + upgrade.getFrom() + ")"));
    };
  }

  /**
   * The batch recorded before, once its last host left inFlight healthy on where the batch moved it; named
   * from {@code batch}, which keeps every host of the batch while inFlight loses each as it comes up.
   */
  private static Optional<Notice> batchCameUp(UpgradeStatus was, UpgradeStatus upgrade, List<ClusterHost> hosts) {
    RolloutBatch batch = was.getBatch();
    // A status written before batches were recorded: its hosts in flight are what is left of the batch.
    List<String> members = batch == null ? was.getInFlight() : batch.getHosts();
    boolean wasUnderWay = members.stream().anyMatch(was.getInFlight()::contains);
    if (!wasUnderWay || members.stream().anyMatch(upgrade.getInFlight()::contains)) {
      return Optional.empty();
    }
    String destination = RolloutStep.destination(was);
    Map<String, ClusterHost> byName = hosts.stream().collect(Collectors.toMap(ClusterHost::getName,
        Function.identity(), (a, b) -> a));
    boolean allUp = members.stream().map(byName::get).allMatch(h -> h != null
        && h.getState() == EdgeHostStatus.Phase.Running && destination.equals(h.getProfileVersion()));
    if (!allUp) {
      return Optional.empty();
    }
    String which = (was.getPhase() == UpgradeStatus.Phase.RollingBack ? "rollback batch" : "batch")
        + (batch == null || batch.getNumber() == null ? "" : " " + batch.getNumber());
    return Optional.of(new Notice(false, "BatchUpgraded", which + ": " + String.join(", ", members) + " healthy on "
        + destination + "; " + upgrade.getUpdated() + "/" + upgrade.getTotal() + " host(s) on " + upgrade.getTo()));
  }

  private static Optional<Notice> phase(EdgeClusterStatus.Phase before, EdgeClusterStatus desired) {
    EdgeClusterStatus.Phase phase = desired.getPhase();
    if (phase == null || phase == before) {
      return Optional.empty();
    }
    String message = desired.condition(ConditionTypes.READY).map(Condition::getMessage).orElse("");
    return Optional.of(switch (phase) {
      case Failed, Degraded -> new Notice(true, phase.name(), message);
      case Running -> new Notice(false, phase.name(), "cluster running profile version "
          + desired.getProfileVersion() + ": " + message);
      case Pending, Provisioning, Upgrading, Deleting -> new Notice(false, phase.name(), message);
    });
  }

  private static String hostActionText(UpgradeStatus upgrade) {
    return switch (upgrade.getHostAction() == null ? LayerChange.HostAction.None : upgrade.getHostAction()) {
      case Reboot -> "reboots";
      case RestartServices -> "restarts services, no reboot";
      case None -> "has nothing to do";
    };
  }
}
