package dev.lifecycle.edge.operator.support;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.operator.host.AgentStatusWriter;
import dev.lifecycle.edge.operator.host.OperatorSite;
import dev.lifecycle.edge.operator.status.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Agents for the hosts of one namespace, until the gateway and the real agent exist: every tick they
 * heartbeat, and apply any plan they have not reported on (Applied, or Failed for the hosts told to
 * fail), writing only the agent's part of the status, as the gateway will.
 */
public final class SimulatedAgents implements AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;
  private final AgentStatusWriter writer;
  private final Clock clock;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final Map<String, String> stuckOn = new ConcurrentHashMap<>();
  private final Map<String, String> failingOn = new ConcurrentHashMap<>();
  private final Map<String, Instant> firstPlanSeen = new ConcurrentHashMap<>();
  private final Map<String, Instant> appliedAt = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastHeartbeat = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "simulated-agents");
    thread.setDaemon(true);
    return thread;
  });

  public SimulatedAgents(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.writer = new AgentStatusWriter(new StatusWriter(client));
    this.clock = Clock.systemUTC();
  }

  public SimulatedAgents start() {
    ticker.scheduleWithFixedDelay(this::tick, 0, 50, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The named host reports failure on every plan from now on. */
  public SimulatedAgents failing(String host) {
    failing.add(host);
    return this;
  }

  /** The named host reports failure on every plan of {@code version}, and applies any other. */
  public SimulatedAgents failingOn(String host, String version) {
    failingOn.put(host, version);
    return this;
  }

  /** The named host keeps its heartbeat but never finishes a plan of {@code version} (a hung install). */
  public SimulatedAgents stuckOn(String host, String version) {
    stuckOn.put(host, version);
    return this;
  }

  /** When the agent of a host first saw a plan (not a reset). */
  public Instant firstPlanSeen(String host) {
    return firstPlanSeen.get(host);
  }

  /** When the agent of a host last reported a plan applied. */
  public Instant appliedAt(String host) {
    return appliedAt.get(host);
  }

  private void tick() {
    try {
      for (EdgeHost host : client.resources(EdgeHost.class).inNamespace(namespace).list().getItems()) {
        act(host);
      }
    } catch (RuntimeException e) {
      // A tick that races with namespace teardown is simply the last one.
    }
  }

  private void act(EdgeHost host) {
    if (host.getStatus() == null || host.getStatus().getRegistration() == null) {
      return;
    }
    Instant now = clock.instant();
    HostPlan plan = host.getStatus().getPlan();
    AgentReport report = host.getStatus().getReport();
    String name = host.getMetadata().getName();
    boolean newPlan = plan != null && (report == null
        || !Objects.equals(report.getPlanGeneration(), plan.getGeneration()));
    // Simulated failures never apply to a Reset plan (as in the agent's simulator): it carries no version.
    boolean reset = plan != null && plan.getAction() == HostPlan.Action.Reset;
    // A plan with no version (a Configure of a host in no cluster) matches no version set to hang or fail.
    String version = plan == null ? null : plan.getProfileVersion();
    boolean stuck = version != null && !reset && version.equals(stuckOn.get(name));
    if (!newPlan || stuck) {
      Instant last = lastHeartbeat.get(name);
      if (last == null || last.plusSeconds(1).isBefore(now)) {
        writer.heartbeat(host, now);
        lastHeartbeat.put(name, now);
      }
      return;
    }
    if (!reset) {
      firstPlanSeen.putIfAbsent(name, now);
    }
    if (!reset && (failing.contains(name) || version != null && version.equals(failingOn.get(name)))) {
      writer.reported(host, plan.getGeneration(), AgentReport.State.Failed, "install step failed: exit code 3",
          null, now);
      return;
    }
    // An agent with no local site layers applies the plan's site as it is.
    writer.reported(host, plan.getGeneration(), AgentReport.State.Applied, null, plan.getProfileVersion(),
        OperatorSite.wire(plan.getSite()), now);
    appliedAt.put(name, now);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
