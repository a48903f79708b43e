package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostInventory;
import dev.lifecycle.edge.api.v1alpha1.RegistrationRecord;
import dev.lifecycle.edge.operator.status.StatusWriter;
import dev.lifecycle.edge.wire.Site;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Writes what an agent says into an EdgeHost's status: registration, heartbeats, reports. Only the
 * agent's fields ({@code registration}, {@code inventory}, {@code site} (with an Applied report), {@code lastSeen},
 * {@code report}, {@code profileVersion}) are touched, with optimistic locking, so the reconcilers'
 * fields ({@code phase}, {@code cluster}, {@code plan}, conditions) are never overwritten; the
 * exceptions, {@link #registeredAndJudged} and {@link #reportedAndJudged}, write the host reconciler's
 * verdict through {@link JudgedHostWrites}. The gateway writes through this class, and so do tests.
 */
public final class AgentStatusWriter {

  private final StatusWriter writer;

  public AgentStatusWriter(StatusWriter writer) {
    this.writer = writer;
  }

  /**
   * Records a registration (first contact, or a re-registration of the same machine). The site settings
   * the agent holds are not recorded: {@code status.site} is what the agent reports applied with a plan.
   */
  public Optional<EdgeHost> registered(EdgeHost host, String tokenName, String machineId, HostInventory inventory,
      Instant now) {
    return registered(host, tokenName, machineId, null, inventory, now);
  }

  /**
   * Records a registration with the hash of the credential just issued to the agent, which replaces
   * any earlier credential of the host.
   */
  public Optional<EdgeHost> registered(EdgeHost host, String tokenName, String machineId, String credentialHash,
      HostInventory inventory, Instant now) {
    return writer.update(host, h -> {
      recordRegistration(h, tokenName, machineId, credentialHash, inventory, now);
      return h;
    });
  }

  /**
   * Records a registration as {@link #registered} does, and in the same write the phase and
   * conditions the host reconciler judges from it, with the Event of the transition
   * ({@link JudgedHostWrites}). The reconciler then finds the host judged and writes nothing: a
   * registration costs one status write instead of two.
   */
  public static Optional<EdgeHost> registeredAndJudged(JudgedHostWrites judged, EdgeHost host, String tokenName,
      String machineId, String credentialHash, HostInventory inventory, Instant now) {
    return judged.write(host, h -> true,
        h -> recordRegistration(h, tokenName, machineId, credentialHash, inventory, now), now);
  }

  /**
   * Records the agent's report as {@link #reported} does, and in the same write the host reconciler's
   * verdict on it, as {@link #registeredAndJudged} does: a report that moves the host to Upgrading,
   * Running or Failed costs one status write instead of two.
   *
   * @param believed whether the report is still believed on the fresh object; nothing is written when not
   */
  public static Optional<EdgeHost> reportedAndJudged(JudgedHostWrites judged, EdgeHost host,
      Predicate<EdgeHost> believed, long planGeneration, AgentReport.State state, String message,
      String appliedProfileVersion, Instant now) {
    return reportedAndJudged(judged, host, believed, planGeneration, state, message, appliedProfileVersion, null,
        now);
  }

  /**
   * As {@link #reportedAndJudged(JudgedHostWrites, EdgeHost, Predicate, long, AgentReport.State, String,
   * String, Instant)}, with the site settings the agent applied: an Applied report records them in
   * {@code status.site} (none clears it), and the Event of a site change or a failed Configure is recorded
   * ({@link SiteNotices}).
   */
  public static Optional<EdgeHost> reportedAndJudged(JudgedHostWrites judged, EdgeHost host,
      Predicate<EdgeHost> believed, long planGeneration, AgentReport.State state, String message,
      String appliedProfileVersion, Site appliedSite, Instant now) {
    AtomicReference<Optional<HostNotices.Notice>> notice = new AtomicReference<>(Optional.empty());
    Optional<EdgeHost> written = judged.write(host, believed, h -> {
      EdgeHostStatus status = statusOf(h);
      notice.set(status.getPlan() == null ? Optional.empty() : SiteNotices.onReport(status.getPlan(), state, message,
          OperatorSite.wire(status.getSite()), appliedSite));
      recordReport(h, planGeneration, state, message, appliedProfileVersion, now);
      if (state == AgentReport.State.Applied) {
        status.setSite(OperatorSite.api(appliedSite));
      }
    }, now);
    written.ifPresent(h -> notice.get().ifPresent(n -> judged.announce(h, n)));
    return written;
  }

  private static void recordRegistration(EdgeHost h, String tokenName, String machineId, String credentialHash,
      HostInventory inventory, Instant now) {
    EdgeHostStatus status = statusOf(h);
    RegistrationRecord record = status.getRegistration() == null ? new RegistrationRecord()
        : status.getRegistration();
    if (record.getRegisteredAt() == null) {
      record.setRegisteredAt(timestamp(now));
    }
    record.setTokenName(tokenName);
    record.setMachineId(machineId);
    record.setCredentialHash(credentialHash);
    status.setRegistration(record);
    status.setInventory(inventory);
    status.setLastSeen(timestamp(now));
  }

  /** Records that the agent is alive. */
  public Optional<EdgeHost> heartbeat(EdgeHost host, Instant now) {
    return writer.update(host, h -> {
      statusOf(h).setLastSeen(timestamp(now));
      return h;
    });
  }

  /**
   * Records the agent's report on a plan; an Applied report also records the profile version the
   * host now runs (none after a reset).
   */
  public Optional<EdgeHost> reported(EdgeHost host, long planGeneration, AgentReport.State state, String message,
      String appliedProfileVersion, Instant now) {
    return writer.update(host, h -> {
      recordReport(h, planGeneration, state, message, appliedProfileVersion, now);
      return h;
    });
  }

  /** Records the agent's report as {@link #reported} does; an Applied one also records the site it applied. */
  public Optional<EdgeHost> reported(EdgeHost host, long planGeneration, AgentReport.State state, String message,
      String appliedProfileVersion, Site appliedSite, Instant now) {
    return writer.update(host, h -> {
      recordReport(h, planGeneration, state, message, appliedProfileVersion, now);
      if (state == AgentReport.State.Applied) {
        statusOf(h).setSite(OperatorSite.api(appliedSite));
      }
      return h;
    });
  }

  private static void recordReport(EdgeHost h, long planGeneration, AgentReport.State state, String message,
      String appliedProfileVersion, Instant now) {
    EdgeHostStatus status = statusOf(h);
    status.setReport(new AgentReport(planGeneration, state, message, timestamp(now)));
    if (state == AgentReport.State.Applied) {
      // A reset plan carries no version: once applied, the host runs none.
      status.setProfileVersion(appliedProfileVersion);
    }
    status.setLastSeen(timestamp(now));
  }

  private static EdgeHostStatus statusOf(EdgeHost host) {
    if (host.getStatus() == null) {
      host.setStatus(new EdgeHostStatus());
    }
    return host.getStatus();
  }

  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
