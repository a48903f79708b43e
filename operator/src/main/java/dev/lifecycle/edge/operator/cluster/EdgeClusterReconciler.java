package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.ClusterAssignment;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostReplacement;
import dev.lifecycle.edge.api.v1alpha1.Remediation;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.cluster.ClaimPlanner.Claims;
import dev.lifecycle.edge.operator.cluster.FormationPlanner.PlanAssignment;
import dev.lifecycle.edge.operator.host.HostPhaseJudge;
import dev.lifecycle.edge.operator.host.HostRules;
import dev.lifecycle.edge.operator.host.JudgedHostWrites;
import dev.lifecycle.edge.operator.profile.ProfileUsers;
import dev.lifecycle.edge.operator.status.ErrorStatus;
import dev.lifecycle.edge.operator.status.PrimaryStatus;
import dev.lifecycle.edge.operator.token.TokenGenerator;
import dev.lifecycle.edge.operator.upgrade.RolloutRound;
import dev.lifecycle.edge.operator.upgrade.RolloutStep;
import dev.lifecycle.edge.operator.variables.VariableResolver;
import dev.lifecycle.edge.operator.variables.VariableSecrets;
import dev.lifecycle.edge.operator.registry.RegistryReasons;
import dev.lifecycle.edge.operator.registry.RegistryResolver;
import dev.lifecycle.edge.operator.registry.RegistrySecrets;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistry;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Forms an EdgeCluster from the Available hosts of its namespace: resolves its profile, claims hosts
 * (a claim is an optimistic-locking write that only succeeds while the host is unclaimed, so two
 * clusters racing for a host end with one owner), plans the control plane first and the workers
 * once it runs, and reports the cluster's state. Deleting the cluster releases its hosts.
 *
 * <p>It reconciles when one of its hosts, an unclaimed host of its namespace, or its profile
 * changes (informers with mappers), never on a timer.
 */
// Not generation-aware: the upgrade-now annotation changes no generation; the filter keeps status writes quiet.
@ControllerConfiguration(name = "edgecluster", generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = ClusterUpdateFilter.class))
public class EdgeClusterReconciler implements Reconciler<EdgeCluster>, Cleaner<EdgeCluster> {

  private static final Duration RETRY_AFTER_LOST_CLAIM = Duration.ofMillis(500);
  /** The host's Provisioning on a claim: the cluster's HostClaimed names the host and its role. */
  private static final Set<EdgeHostStatus.Phase> CLAIM_ANNOUNCED = Set.of(EdgeHostStatus.Phase.Provisioning);
  /** How often a cluster whose join secret is lost looks again: a Secret put back without the label wakes nothing. */
  static final Duration JOIN_SECRET_RECHECK = Duration.ofMinutes(1);

  private final OperatorServices services;
  private final ErrorStatus errors;
  /**
   * Every host write of the cluster (claim, plan, release) carries the host reconciler's verdict on it, so
   * the host reconciler finds the host judged and writes nothing: one status write per change, not two.
   */
  private final JudgedHostWrites judged;
  /** Host writes the host cache may not show yet: counted from, so that a lagging cache never makes a claim twice. */
  private final RecentWrites<EdgeHost> hostWrites = new RecentWrites<>(Duration.ofMinutes(5));
  /**
   * The hosts a round of this process is writing a claim on, with the claiming cluster: clusters woken together
   * (every one that wants hosts, when hosts register) plan the same hosts from the same cache, and each loser's
   * claim cost a refused write and a read (most of the host writes of a fleet's formation). The API's optimistic
   * lock still decides between processes.
   */
  private final java.util.concurrent.ConcurrentMap<String, String> claiming =
      new java.util.concurrent.ConcurrentHashMap<>();
  private ClaimIndexedHosts hosts;
  private InformerEventSource<ClusterProfile, EdgeCluster> profiles;
  private RolloutApplier rollouts;
  private JoinSecretStore joinSecrets;
  private InformerEventSource<Secret, EdgeCluster> variableSecrets;
  private InformerEventSource<ImageRegistry, EdgeCluster> registries;

  public EdgeClusterReconciler(OperatorServices services) {
    this.services = services;
    this.errors = new ErrorStatus(services.events(), services.clock());
    this.judged = JudgedHostWrites.of(services);
  }

  @Override
  public List<EventSource<?, EdgeCluster>> prepareEventSources(EventSourceContext<EdgeCluster> context) {
    hosts = ClaimIndexedHosts.create(host -> clustersInterestedIn(host, context), context,
        new HostViewCache(services.settings().staleness(), services.liveness()));
    profiles = new InformerEventSource<>(InformerEventSourceConfiguration.from(ClusterProfile.class,
            EdgeCluster.class)
        .withSecondaryToPrimaryMapper(profile -> clustersPinning(profile, context))
        // A cluster reads a profile's spec only. Its status (usedBy) changes whenever a cluster is pointed
        // at it or away: waking every cluster of the profile for that made a fleet-wide retarget a storm.
        .withOnUpdateFilter((updated, previous) -> !Objects.equals(updated.getMetadata().getGeneration(),
            previous.getMetadata().getGeneration()))
        .build(), context);
    rollouts = new RolloutApplier(services, hosts, profiles);
    // Only the join secrets (label-selected), each waking the cluster it names: a deleted one is noticed.
    InformerEventSource<Secret, EdgeCluster> secrets = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Secret.class, EdgeCluster.class)
            .withLabelSelector(JoinSecrets.CLUSTER_LABEL)
            .withSecondaryToPrimaryMapper(secret -> Optional.ofNullable(secret.getMetadata().getLabels())
                .map(labels -> labels.get(JoinSecrets.CLUSTER_LABEL))
                .map(cluster -> Set.of(new ResourceID(cluster, secret.getMetadata().getNamespace())))
                .orElse(Set.of()))
            .build(), context);
    joinSecrets = new JoinSecretStore(services.client(), secrets, new TokenGenerator());
    // The Secrets variables' values are read from (label-selected), each waking the clusters that name it:
    // a changed value is a new target, and rolls out.
    variableSecrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, EdgeCluster.class)
        .withName("variable-secrets")
        .withLabelSelector(VariableSecrets.LABEL)
        .withSecondaryToPrimaryMapper(secret -> clustersReading(secret, context))
        .build(), context);
    // The ImageRegistries clusters name, each waking the clusters that name it.
    registries = new InformerEventSource<>(InformerEventSourceConfiguration.from(ImageRegistry.class,
            EdgeCluster.class)
        .withSecondaryToPrimaryMapper(registry -> clustersNaming(registry.getMetadata().getNamespace(),
            Set.of(registry.getMetadata().getName()), context))
        .build(), context);
    return List.of(hosts, profiles, secrets, variableSecrets, registries);
  }

  /**
   * A claimed host concerns its cluster; an unclaimed one the clusters of its namespace whose selectors
   * match it and that may claim a host ({@link ClaimWants}): with a fleet of clusters, a host registering
   * must not wake every one of them, and formed clusters claim nothing.
   */
  private static Set<ResourceID> clustersInterestedIn(EdgeHost host, EventSourceContext<EdgeCluster> context) {
    String namespace = host.getMetadata().getNamespace();
    String owner = HostRules.clusterOf(host.getStatus());
    if (owner != null) {
      return Set.of(new ResourceID(owner, namespace));
    }
    Map<String, String> labels = host.getMetadata().getLabels() == null ? Map.of() : host.getMetadata().getLabels();
    Set<ResourceID> interested = context.getPrimaryCache().list(namespace)
        .filter(c -> HostSelectors.matches(ClusterSpecs.controlPlaneSelector(c.getSpec()), labels)
            || HostSelectors.matches(ClusterSpecs.workerSelector(c.getSpec()), labels))
        .filter(ClaimWants::mayClaim)
        .map(ResourceID::fromResource)
        .collect(Collectors.toCollection(HashSet::new));
    if (HostPhaseJudge.isReleased(host.getStatus()) && host.getStatus().getPlan().getCluster() != null) {
      // The cluster that released it too, whatever its selectors say now: a scale-down's next batch waits for it.
      interested.add(new ResourceID(host.getStatus().getPlan().getCluster(), namespace));
    }
    return interested;
  }

  /** The clusters whose variables read a value from the Secret, or whose ImageRegistry reads it. */
  private Set<ResourceID> clustersReading(Secret secret, EventSourceContext<EdgeCluster> context) {
    String name = secret.getMetadata().getName();
    String namespace = secret.getMetadata().getNamespace();
    Set<ResourceID> reading = context.getPrimaryCache().list(namespace)
        .filter(c -> c.getSpec() != null && c.getSpec().getVariables().stream()
            .anyMatch(v -> v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null
                && name.equals(v.getValueFrom().getSecretKeyRef().getName())))
        .map(ResourceID::fromResource)
        .collect(Collectors.toCollection(HashSet::new));
    if (registries != null) {
      Set<String> registriesReading = registries.list(namespace, r -> RegistrySecrets.names(r).contains(name))
          .map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
      reading.addAll(clustersNaming(namespace, registriesReading, context));
    }
    return reading;
  }

  /** The clusters of the namespace whose spec.registryRef names one of the registries. */
  private static Set<ResourceID> clustersNaming(String namespace, Set<String> registryNames,
      EventSourceContext<EdgeCluster> context) {
    if (registryNames.isEmpty()) {
      return Set.of();
    }
    return context.getPrimaryCache().list(namespace)
        .filter(c -> c.getSpec() != null && c.getSpec().getRegistryRef() != null
            && registryNames.contains(c.getSpec().getRegistryRef().getName()))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /** The clusters that name the profile, or whose rollout started from it (a rollback returns to it). */
  private static Set<ResourceID> clustersPinning(ClusterProfile profile, EventSourceContext<EdgeCluster> context) {
    String name = profile.getMetadata().getName();
    return context.getPrimaryCache().list(profile.getMetadata().getNamespace())
        .filter(c -> ProfileUsers.uses(c, name))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  @Override
  public UpdateControl<EdgeCluster> reconcile(EdgeCluster cluster, Context<EdgeCluster> context) {
    if (services.unreadable().skip(cluster)) {
      return UpdateControl.noUpdate();
    }
    Instant now = services.clock().instant();
    String name = cluster.getMetadata().getName();
    // Kept before anything is written: the round's Events are judged from the status it started with.
    EdgeClusterStatus before = cluster.getStatus();
    EdgeClusterSpec spec = cluster.getSpec();
    int wantedControlPlane = ClusterSpecs.controlPlaneCount(spec);
    int wantedWorkers = ClusterSpecs.workerCount(spec);

    List<HostView> views = hostViews(cluster, now);
    boolean lostClaim = false;
    Map<String, HostView> owned = new TreeMap<>();
    views.stream().filter(h -> h.ownedBy(name)).forEach(h -> owned.put(h.name(), h));
    // Before any host is planned: every Init and Join plan the gateway hands out carries this secret.
    Optional<ClusterVerdict> secretProblem = joinSecrets.ensure(cluster,
        owned.values().stream().anyMatch(h -> FormationPlanner.hasPlanFor(name, h)));
    ProfileResolution profile = ProfileResolution.resolve(spec, profiles, cluster.getMetadata().getNamespace(),
        new ProfileResolution.VariableInputs(ref -> variableSecret(cluster, ref),
            () -> secretProblem.isPresent() ? Optional.empty() : joinSecrets.digestKey(cluster)), registry(cluster));
    // Variables that do not resolve, a registry that cannot be used (both in profile.variables()), or windows that
    // cannot be read, hold the cluster like a lost join secret.
    Optional<ClusterVerdict> hold = secretProblem.or(profile::variables).or(() -> WindowCheck.problem(spec));

    // Hosts with a spare joining in their place count as gone for claims and scaling: their spares stand in.
    Set<String> replaced = RemediationPlanner.beingReplaced(name, views);
    List<HostView> counted = views.stream().filter(h -> !replaced.contains(h.name())).toList();
    Claims claims = ClaimPlanner.plan(name, wantedControlPlane, ClusterSpecs.controlPlaneSelector(spec),
        wantedWorkers, ClusterSpecs.workerSelector(spec), ScalePlanner.withRecordedClaims(name, counted,
            recordedRoles(before)));
    ScalePlanner.Window scalingWindow = WindowCheck.forScaling(spec, now);
    boolean formed = before != null && before.getProfileVersion() != null;
    ScalePlanner.Rollout rolloutStanding = rolloutStanding(before, profile);
    String maxUnavailable = ClusterRollout.strategy(spec).maxUnavailable();
    Claims claimsPlanned = claims;
    ScalePlanner.Scale scale = ScalePlanner.decide(new ScalePlanner.Input(name, wantedControlPlane, wantedWorkers,
        maxUnavailable, formed, rolloutStanding, claims, counted, scalingWindow, !replaced.isEmpty()));
    RemediationPlanner.Decision remediation = RemediationPlanner.decide(new RemediationPlanner.Input(name,
        RemediationPlanner.Settings.of(spec.getRemediation()),
        ScalePlanner.maxUnavailable(maxUnavailable, (int) ownedBefore(counted, name)), formed, rolloutStanding,
        scalingDown(name, counted, wantedWorkers), scalingWindow, ClusterSpecs.controlPlaneSelector(spec),
        ClusterSpecs.workerSelector(spec), views, unhealthySince(before),
        before == null ? List.of() : before.getReplacements(), claimedThisRound(scale), now));
    Optional<ClusterVerdict> formationWaits = Optional.empty();
    if (profile.target().isPresent()) {
      List<HostView> wonControlPlane = claim(cluster, scale.controlPlaneClaims(), HostRole.CONTROL_PLANE, null, now);
      wonControlPlane.forEach(h -> owned.put(h.name(), h));
      if (wonControlPlane.size() == scale.controlPlaneClaims().size()) {
        // Workers without the control plane would hold hosts another cluster could form with.
        claim(cluster, scale.workerClaims(), HostRole.WORKER, null, now).forEach(h -> owned.put(h.name(), h));
      }
      boolean triedToClaim = !scale.controlPlaneClaims().isEmpty() || !scale.workerClaims().isEmpty();
      if (triedToClaim && owned.size() == ownedBefore(views, name)) {
        // Lost the first host it tried, so it won nothing: its next round judges again with what the winner holds.
        // No status for this round: the clusters that lose a race are many (every cluster short of hosts wakes
        // for each host that registers), and each would write a status only to write another 500 ms later.
        return UpdateControl.<EdgeCluster>noUpdate().rescheduleAfter(RETRY_AFTER_LOST_CLAIM);
      }
      if (owned.size() < ownedBefore(views, name) + scale.controlPlaneClaims().size() + scale.workerClaims().size()) {
        // A claim was lost to another cluster: judge the shortfall from what the cluster really owns now.
        lostClaim = true;
        claims = ClaimPlanner.plan(name, wantedControlPlane, ClusterSpecs.controlPlaneSelector(spec), wantedWorkers,
            ClusterSpecs.workerSelector(spec), afterClaims(counted, owned, scale));
      }
      claimSpares(cluster, remediation.claims(), owned, now);
      if (secretProblem.isEmpty()) {
        Set<String> standingIn = RemediationPlanner.beingReplaced(name, new ArrayList<>(owned.values()));
        FormationPlanner.Formation formation = FormationPlanner.decide(name, wantedControlPlane,
            owned.values().stream().filter(h -> !standingIn.contains(h.name())).toList(), profile.target().get());
        formationWaits = formation.waiting();
        List<PlanAssignment> planned = new ArrayList<>();
        for (PlanAssignment assignment : formation.plans()) {
          assign(cluster, assignment, now).ifPresent(h -> {
            owned.put(h.name(), h);
            planned.add(assignment);
          });
        }
        announcePlanned(cluster, planned);
      }
    }

    releaseSurplus(cluster, scale.releases(), owned, ScalePlanner.abandonsClaim(formed, claimsPlanned,
        !replaced.isEmpty()));
    releaseReplaced(cluster, remediation, owned);

    RolloutApplier.Decided rollout = rollouts.decide(cluster, profile.target(), owned,
        !scale.holdsRollout() && !remediation.holdsRollout(), now, profile.variables().isPresent());
    EdgeClusterStatus desired = ClusterStatusBuilder.build(observation(cluster, profile, claims, rollout,
        formationWaits, hold, scale, remediationReport(name, before, remediation, owned, now)), before, now);
    rollouts.apply(cluster, before, desired, rollout, context, now);
    FormationHolds.between(before, desired)
        .ifPresent(n -> services.events().record(cluster, n.warning(), n.reason(), n.message()));
    if (lostClaim) {
      // Hosts the cluster did not try may still be Available, and nothing else would wake it for them: the claim
      // it lost wakes only the cluster that won, and an unclaimed host wakes clusters only when it is written (once
      // every few minutes while it sends heartbeats). Whether or not they suffice, the next round judges again.
      return UpdateControl.<EdgeCluster>noUpdate().rescheduleAfter(RETRY_AFTER_LOST_CLAIM);
    }
    Optional<Duration> wake = rollout.round().wakeAfter();
    Optional<Duration> remediationWake = remediation.wakeAt().map(t -> Duration.between(now, t));
    if (remediationWake.isPresent() && (wake.isEmpty() || remediationWake.get().compareTo(wake.get()) < 0)) {
      wake = remediationWake;
    }
    if (!scalingWindow.open() && ClusterSpecs.workerCount(spec) < ownedWorkers(owned)) {
      // A scale-down waits for its window: nothing else would wake the cluster when it opens.
      Optional<Duration> untilWindow = scalingWindow.nextOpening().map(t -> Duration.between(now, t));
      if (untilWindow.isPresent() && (wake.isEmpty() || untilWindow.get().compareTo(wake.get()) < 0)) {
        wake = untilWindow;
      }
    }
    if (secretProblem.isPresent()) {
      wake = Optional.of(wake.filter(w -> w.compareTo(JOIN_SECRET_RECHECK) < 0).orElse(JOIN_SECRET_RECHECK));
    }
    UpgradeStatus upgradeBefore = before == null ? null : before.getUpgrade();
    boolean rolloutEnded = RolloutStep.active(upgradeBefore) && !RolloutStep.active(desired.getUpgrade());
    // Replacements waited for the rollout too, decided from the status the round began with: go on at once.
    if (ScalePlanner.goesOnAfterRollout(scale, upgradeBefore, desired.getUpgrade())
        || (rolloutEnded && remediation.verdict().isPresent())) {
      wake = Optional.of(Duration.ZERO);
    }
    return wake.map(after -> UpdateControl.<EdgeCluster>noUpdate().rescheduleAfter(after))
        .orElseGet(UpdateControl::noUpdate);
  }

  private static ClusterStatusBuilder.Observation observation(EdgeCluster cluster, ProfileResolution profile,
      Claims claims, RolloutApplier.Decided rollout, Optional<ClusterVerdict> formationWaits,
      Optional<ClusterVerdict> hold, ScalePlanner.Scale scale, ClusterStatusBuilder.RemediationReport remediation) {
    EdgeClusterSpec spec = cluster.getSpec();
    RolloutRound round = rollout.round();
    return new ClusterStatusBuilder.Observation(cluster.getMetadata().getGeneration(),
        ClusterSpecs.controlPlaneCount(spec), ClusterSpecs.workerCount(spec),
        profile.target().map(FormationPlanner.Target::profileVersion).orElse(null),
        profile.blocker().or(() -> formationWaits), claims,
        rollout.hosts(), new ClusterStatusBuilder.RolloutReport(round.upgrade(), round.profileVersion(),
            RolloutVerdict.of(round)), hold, scale, remediation);
  }

  /** Remediation's share of the status, from the hosts as this round's writes left them. */
  private static ClusterStatusBuilder.RemediationReport remediationReport(String cluster, EdgeClusterStatus before,
      RemediationPlanner.Decision decision, Map<String, HostView> owned, Instant now) {
    List<HostView> after = new ArrayList<>(owned.values());
    List<RemediationPlanner.Replacement> underWay = RemediationPlanner.underWay(cluster, after);
    Map<String, Instant> claimedAt = new TreeMap<>();
    after.stream().filter(h -> h.claimedAt() != null).forEach(h -> claimedAt.put(h.name(), h.claimedAt()));
    Map<String, String> replaces = new TreeMap<>();
    underWay.forEach(r -> replaces.put(r.spare(), r.host()));
    return new ClusterStatusBuilder.RemediationReport(decision.verdict(), decision.unhealthySince(), replaces,
        RemediationPlanner.records(before == null ? List.of() : before.getReplacements(), underWay, claimedAt, now));
  }

  /** Whether surplus workers wait to be released, or hosts released by a scale-down still reset. */
  private static boolean scalingDown(String cluster, List<HostView> counted, int wantedWorkers) {
    long workers = counted.stream().filter(h -> h.ownedBy(cluster) && h.role() == HostRole.WORKER).count();
    return workers > wantedWorkers || !ScalePlanner.releasedByScaleDown(cluster, counted).isEmpty();
  }

  private static Set<String> claimedThisRound(ScalePlanner.Scale scale) {
    Set<String> taken = new HashSet<>(scale.controlPlaneClaims());
    taken.addAll(scale.workerClaims());
    return taken;
  }

  /** Since when status.hosts recorded each host unhealthy. */
  private static Map<String, Instant> unhealthySince(EdgeClusterStatus status) {
    Map<String, Instant> since = new TreeMap<>();
    if (status != null) {
      for (var host : status.getHosts()) {
        if (host.getName() != null && host.getUnhealthySince() != null) {
          try {
            since.put(host.getName(), Instant.parse(host.getUnhealthySince()));
          } catch (java.time.format.DateTimeParseException e) {
            // Not ours to trust: the host counts as unhealthy from now.
          }
        }
      }
    }
    return since;
  }

  /** Where the cluster's rollout stands for scaling: recorded and unfinished, due (not begun yet), or neither. */
  private static ScalePlanner.Rollout rolloutStanding(EdgeClusterStatus status, ProfileResolution profile) {
    if (status != null && RolloutStep.active(status.getUpgrade())) {
      return ScalePlanner.Rollout.UNDER_WAY;
    }
    boolean due = profile.target().filter(t -> ClusterRollout.begins(status,
        new ClusterRollout.Version(t.profileName(), t.profileVersion(), t.layers()))).isPresent();
    return due ? ScalePlanner.Rollout.DUE : ScalePlanner.Rollout.NONE;
  }

  /** The roles status.hosts recorded last round, by host name. */
  private static Map<String, HostRole> recordedRoles(EdgeClusterStatus status) {
    Map<String, HostRole> roles = new TreeMap<>();
    if (status != null && status.getHosts() != null) {
      status.getHosts().stream().filter(h -> h.getName() != null && h.getRole() != null)
          .forEach(h -> roles.put(h.getName(), h.getRole()));
    }
    return roles;
  }

  /**
   * Releases a scale-down's batch, or the hosts of a cluster not formed that cannot get the rest it needs: each
   * host gets a Reset plan and leaves the cluster.
   */
  private void releaseSurplus(EdgeCluster cluster, List<String> batch, Map<String, HostView> owned,
      boolean abandoning) {
    if (abandoning) {
      releaseUnformed(cluster, batch, owned);
      return;
    }
    List<String> released = new ArrayList<>();
    for (String hostName : batch) {
      HostView view = owned.get(hostName);
      if (view != null && release(cluster, view).isPresent()) {
        owned.remove(hostName);
        released.add(hostName);
        services.events().normal(cluster, "HostReleased", "host " + hostName + " released by the scale-down with "
            + "a Reset plan; it returns to Available once it reports the reset applied");
      }
    }
    if (!released.isEmpty()) {
      services.events().normal(cluster, "ScalingDown", "scaling down to " + ClusterSpecs.workerCount(cluster.getSpec())
          + " worker(s): released " + String.join(", ", released));
    }
  }

  private void releaseUnformed(EdgeCluster cluster, List<String> hosts, Map<String, HostView> owned) {
    for (String hostName : hosts) {
      HostView view = owned.get(hostName);
      if (view != null && release(cluster, view).isPresent()) {
        owned.remove(hostName);
        services.events().normal(cluster, "HostReleased", "host " + hostName + " released with a Reset plan: the "
            + "cluster has not formed and cannot claim all the hosts it needs (another cluster got some first), so "
            + "it holds none and claims them all at once when enough are Available");
      }
    }
  }

  /** Claims the spares remediation chose, each naming the host it replaces in the same write. */
  private void claimSpares(EdgeCluster cluster, List<RemediationPlanner.Replacement> spares,
      Map<String, HostView> owned, Instant now) {
    for (RemediationPlanner.Replacement r : spares) {
      claim(cluster, List.of(r.spare()), r.role(), r.host(), now).forEach(h -> {
        owned.put(h.name(), h);
        services.events().normal(cluster, "ReplacingHost", "host " + r.host() + (r.reason()
            == HostReplacement.Reason.Requested ? " is to be replaced (" + Remediation.REPLACE_ANNOTATION + ")"
            : " has been unhealthy for spec.remediation.unhealthyTimeout") + ": claimed " + r.spare() + " as "
            + r.role() + " in its place; it is released once " + r.spare() + " runs");
      });
    }
  }

  /**
   * Releases the hosts whose spares run, and the spares that died while joining, each with a Reset plan it applies
   * if it comes back.
   */
  private void releaseReplaced(EdgeCluster cluster, RemediationPlanner.Decision remediation,
      Map<String, HostView> owned) {
    for (String hostName : remediation.releases()) {
      HostView view = owned.get(hostName);
      if (view == null || release(cluster, view).isEmpty()) {
        continue;
      }
      owned.remove(hostName);
      remediation.abandoned().stream().filter(r -> r.spare().equals(hostName)).findFirst().ifPresentOrElse(
          r -> services.events().warning(cluster, "ReplacementAbandoned", "spare " + r.spare() + " became "
              + view.phase() + " while joining in place of " + r.host() + " and stayed so for "
              + "spec.remediation.unhealthyTimeout: released with a Reset plan; " + r.host() + " will be replaced "
              + "by another spare"),
          () -> remediation.underWay().stream().filter(r -> r.host().equals(hostName)).findFirst().ifPresent(
              r -> services.events().normal(cluster, "HostReplaced", "host " + r.spare() + " runs in place of "
                  + hostName + ", which is released with a Reset plan: it returns to Available once it reports "
                  + "the reset applied")));
    }
  }

  /** A failed reconcile (JOSDK retries it) shows in the status and as a Warning Event. */
  @Override
  public ErrorStatusUpdateControl<EdgeCluster> updateErrorStatus(EdgeCluster cluster, Context<EdgeCluster> context,
      Exception e) {
    return errors.report(cluster, context, e, EdgeClusterStatus::new);
  }

  @Override
  public DeleteControl cleanup(EdgeCluster cluster, Context<EdgeCluster> context) {
    Instant now = services.clock().instant();
    String name = cluster.getMetadata().getName();
    List<HostView> views = hostViews(cluster, now);
    int released = 0;
    for (HostView view : views) {
      if (view.ownedBy(name) && release(cluster, view).isPresent()) {
        released++;
      }
    }
    services.events().normal(cluster, "HostsReleased",
        "cluster deleted: " + released + " host(s) released with a reset plan");
    return DeleteControl.defaultDelete();
  }

  private static long ownedBefore(List<HostView> views, String cluster) {
    return views.stream().filter(h -> h.ownedBy(cluster)).count();
  }

  /** The hosts as they stand after this round's claims: won claims owned, lost ones owned elsewhere. */
  private static List<HostView> afterClaims(List<HostView> views, Map<String, HostView> owned,
      ScalePlanner.Scale attempted) {
    List<String> tried = new ArrayList<>(attempted.controlPlaneClaims());
    tried.addAll(attempted.workerClaims());
    return views.stream()
        .map(h -> owned.containsKey(h.name()) ? owned.get(h.name())
            : tried.contains(h.name()) ? h.claimedElsewhere() : h)
        .toList();
  }

  /**
   * The hosts this cluster owns and the unclaimed hosts of its namespace: all a round can use. The candidates
   * come from the claim index (this cluster's hosts and the unclaimed ones, not every host of the namespace),
   * the hosts status.hosts recorded, and this process's recent host writes, which may all lag the cache by an
   * event not yet delivered; each candidate is then read from the cache by name (never from a fabric8 index,
   * which can miss an object while it is refiled: see {@code gateway.ConsistentIndex}), as this process last
   * wrote it, and kept if it is this cluster's or unclaimed. A round that missed an owned host could claim a
   * replacement or judge a rollout complete: an owned host is always in the index (as owned, or as unclaimed
   * while its claim's event is on its way), in status.hosts, or among the recent writes of its claim.
   */
  private List<HostView> hostViews(EdgeCluster cluster, Instant now) {
    String name = cluster.getMetadata().getName();
    String namespace = cluster.getMetadata().getNamespace();
    Set<String> candidates = hosts.index().ownedOrUnclaimed(namespace, name);
    recordedRoles(cluster.getStatus()).keySet().forEach(candidates::add);
    for (EdgeHost written : hostWrites.values()) {
      if (namespace.equals(written.getMetadata().getNamespace())) {
        candidates.add(written.getMetadata().getName());
      }
    }
    List<HostView> views = new ArrayList<>(candidates.size());
    for (String hostName : candidates) {
      hosts.get(new ResourceID(hostName, namespace))
          .map(h -> withOwnWrites(h, now))
          .filter(h -> {
            String owner = HostRules.clusterOf(h.getStatus());
            return owner == null || owner.equals(name);
          })
          .map(h -> hosts.view(h, now))
          .ifPresent(views::add);
    }
    return views;
  }

  /** The host as this process last wrote it, while the cache shows an older version. */
  private EdgeHost withOwnWrites(EdgeHost cached, Instant now) {
    if (hostWrites.isEmpty()) {
      return cached;
    }
    return hostWrites.current(ResourceID.fromResource(cached).toString(), cached.getMetadata().getResourceVersion(),
        cached, now);
  }

  private Optional<EdgeHost> remembered(Optional<EdgeHost> written, Instant now) {
    written.ifPresent(h -> hostWrites.wrote(ResourceID.fromResource(h).toString(),
        h.getMetadata().getResourceVersion(), h, now));
    return written;
  }

  /**
   * Claims each host only while it is still unclaimed, in the planner's order, and stops at the first host another
   * cluster got first: clusters racing try the same hosts in the same order, so the one that loses the first host
   * they both want holds none of the rest.
   */
  private List<HostView> claim(EdgeCluster cluster, List<String> names, HostRole role, String replaces,
      Instant now) {
    List<HostView> claimed = new ArrayList<>();
    String clusterName = cluster.getMetadata().getName();
    for (String hostName : names) {
      String key = new ResourceID(hostName, cluster.getMetadata().getNamespace()).toString();
      // Another round of this process is claiming the host right now: a lost race, settled without asking the API.
      if (claiming.putIfAbsent(key, clusterName) != null) {
        break;
      }
      Optional<EdgeHost> host;
      try {
        host = remembered(cachedHost(cluster, hostName).flatMap(h -> judged.write(
            h,
            fresh -> fresh.getStatus() != null && fresh.getStatus().getCluster() == null,
            fresh -> {
              ClusterAssignment assignment = new ClusterAssignment(clusterName, role, now.toString());
              assignment.setReplaces(replaces);
              fresh.getStatus().setCluster(assignment);
            }, now, CLAIM_ANNOUNCED)), now);
      } finally {
        // Remembered by now: later rounds read the claim from this process's recent writes.
        claiming.remove(key, clusterName);
      }
      if (host.isEmpty()) {
        break;
      }
      claimed.add(hosts.view(host.get(), now));
    }
    // One Event for the round's claims: the hosts' own Provisioning Events tell each host's side.
    if (!claimed.isEmpty()) {
      services.events().normal(cluster, "HostClaimed", (claimed.size() == 1 ? "claimed host " : "claimed "
          + claimed.size() + " hosts ") + HostListing.of(claimed.stream().map(HostView::name).toList()) + " as " + role);
    }
    return claimed;
  }

  private Optional<HostView> assign(EdgeCluster cluster, PlanAssignment assignment, Instant now) {
    String clusterName = cluster.getMetadata().getName();
    Optional<EdgeHost> written = remembered(cachedHost(cluster, assignment.host()).flatMap(h -> judged.write(h,
        fresh -> HostRules.ownedBy(fresh, clusterName),
        fresh -> {
          HostPlan plan = assignment.plan();
          HostPlan previous = fresh.getStatus().getPlan();
          plan.setGeneration(Math.max(plan.getGeneration(), HostRules.nextPlanGeneration(previous)));
          // The site of the plan it replaces, as written now: a Configure may have landed since the cache.
          plan.setSite(previous == null ? null : previous.getSite());
          fresh.getStatus().setPlan(plan);
        }, now)), now);
    return written.map(h -> hosts.view(h, now));
  }

  /** One HostPlanned Event per kind of plan written in the round (Init, Join as worker, ...), naming the hosts. */
  private void announcePlanned(EdgeCluster cluster, List<PlanAssignment> planned) {
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    for (PlanAssignment assignment : planned) {
      HostPlan plan = assignment.plan();
      byKind.computeIfAbsent(plan.getAction() + " as " + plan.getRole() + " on profile version "
          + plan.getProfileVersion(), kind -> new ArrayList<>()).add(assignment.host());
    }
    byKind.forEach((kind, hosts) -> services.events().normal(cluster, "HostPlanned",
        (hosts.size() == 1 ? "host " : hosts.size() + " hosts ") + HostListing.of(hosts) + ": " + kind));
  }

  private Optional<EdgeHost> release(EdgeCluster cluster, HostView view) {
    String clusterName = cluster.getMetadata().getName();
    Instant now = services.clock().instant();
    return remembered(cachedHost(cluster, view.name()).flatMap(h -> judged.write(h,
        fresh -> HostRules.ownedBy(fresh, clusterName),
        fresh -> {
          HostPlan reset = new HostPlan();
          reset.setGeneration(HostRules.nextPlanGeneration(fresh.getStatus().getPlan()));
          reset.setAction(HostPlan.Action.Reset);
          reset.setCluster(clusterName);
          HostPlan previous = fresh.getStatus().getPlan();
          reset.setSite(previous == null ? null : previous.getSite());
          fresh.getStatus().setPlan(reset);
          fresh.getStatus().setCluster(null);
        }, now)), now);
  }

  /** The cluster's ImageRegistry judged with the Secrets it names, when the cluster names one. */
  private Optional<RegistryResolver.Outcome> registry(EdgeCluster cluster) {
    EdgeClusterSpec spec = cluster.getSpec();
    if (spec == null || spec.getRegistryRef() == null || spec.getRegistryRef().getName() == null) {
      return Optional.empty();
    }
    String namespace = cluster.getMetadata().getNamespace();
    String name = spec.getRegistryRef().getName();
    return Optional.of(registries.get(new ResourceID(name, namespace))
        .map(registry -> RegistryResolver.resolve(registry,
            secret -> variableSecrets.get(new ResourceID(secret, namespace)),
            secret -> Optional.ofNullable(services.client().secrets().inNamespace(namespace).withName(secret).get())))
        .orElseGet(() -> new RegistryResolver.Refused(RegistryReasons.NOT_FOUND, "ImageRegistry " + name
            + " (spec.registryRef) does not exist in namespace " + namespace)));
  }

  private VariableResolver.SecretValue variableSecret(EdgeCluster cluster, SecretKeyReference ref) {
    String namespace = cluster.getMetadata().getNamespace();
    return VariableSecrets.read(ref, variableSecrets.get(new ResourceID(ref.getName(), namespace)),
        () -> Optional.ofNullable(services.client().secrets().inNamespace(namespace).withName(ref.getName()).get()));
  }

  private Optional<EdgeHost> cachedHost(EdgeCluster cluster, String hostName) {
    Instant now = services.clock().instant();
    return hosts.get(new ResourceID(hostName, cluster.getMetadata().getNamespace())).map(h -> withOwnWrites(h, now));
  }


  private static long ownedWorkers(Map<String, HostView> owned) {
    return owned.values().stream().filter(h -> h.role() == HostRole.WORKER).count();
  }
}
