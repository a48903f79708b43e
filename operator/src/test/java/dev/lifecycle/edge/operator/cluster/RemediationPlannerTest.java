package dev.lifecycle.edge.operator.cluster;

import static dev.lifecycle.edge.operator.cluster.Hosts.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus.Phase;
import dev.lifecycle.edge.api.v1alpha1.HostReplacement;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.HostSelector;
import dev.lifecycle.edge.api.v1alpha1.Remediation;
import dev.lifecycle.edge.operator.cluster.RemediationPlanner.Decision;
import dev.lifecycle.edge.operator.cluster.RemediationPlanner.Mode;
import dev.lifecycle.edge.operator.cluster.RemediationPlanner.Replacement;
import dev.lifecycle.edge.operator.cluster.RemediationPlanner.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RemediationPlannerTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Settings AUTOMATIC = new Settings(Mode.AUTOMATIC, Duration.ofMinutes(10), 2);

  @Test
  @DisplayName("When a worker has been Unreachable for less than unhealthyTimeout, then nothing is claimed and the "
      + "round wakes when the timeout passes")
  void waitsForTheTimeout() {
    Round round = new Round().controlPlane(1).workers(3).spare("spare-a").unhealthy("w-1", Phase.Unreachable,
        T0.minus(Duration.ofMinutes(4)));

    Decision d = round.decide();

    assertThat(d.claims()).isEmpty();
    assertThat(d.wakeAt()).contains(T0.plus(Duration.ofMinutes(6)));
    assertThat(d.unhealthySince()).containsEntry("w-1", T0.minus(Duration.ofMinutes(4)));
  }

  @Test
  @DisplayName("When a worker first seen Failed now has no record yet, then it counts as unhealthy from now")
  void recordsFirstSighting() {
    Round round = new Round().controlPlane(1).workers(2).spare("spare-a");
    round.set("w-1", Phase.Failed);

    Decision d = round.decide();

    assertThat(d.unhealthySince()).containsEntry("w-1", T0);
    assertThat(d.wakeAt()).contains(T0.plus(Duration.ofMinutes(10)));
  }

  @Test
  @DisplayName("When a worker has been Unreachable past the timeout and a spare matches, then the spare is claimed as "
      + "a worker in its place and the dead host stays until the spare runs")
  void claimsASpare() {
    Round round = new Round().controlPlane(1).workers(3).spare("spare-a").spare("spare-b")
        .unhealthy("w-2", Phase.Unreachable, T0.minus(Duration.ofMinutes(11)));

    Decision d = round.decide();

    assertThat(d.claims()).containsExactly(new Replacement("w-2", "spare-a", HostRole.WORKER,
        HostReplacement.Reason.Unhealthy));
    assertThat(d.releases()).isEmpty();
    assertThat(d.verdict()).hasValueSatisfying(v -> {
      assertThat(v.reason()).isEqualTo(RemediationPlanner.REPLACING);
      assertThat(v.message()).contains("w-2 by spare-a");
    });
  }

  @Test
  @DisplayName("When the spare runs, then the replaced host is released; while it joins, it is not")
  void releasesOnceTheSpareRuns() {
    Round joining = new Round().controlPlane(1).workers(3)
        .unhealthy("w-2", Phase.Unreachable, T0.minus(Duration.ofMinutes(30)))
        .replacing("spare-a", "w-2", Phase.Provisioning);
    assertThat(joining.decide().releases()).isEmpty();
    assertThat(joining.decide().claims()).as("no second spare for the same host").isEmpty();

    Round running = new Round().controlPlane(1).workers(3)
        .unhealthy("w-2", Phase.Unreachable, T0.minus(Duration.ofMinutes(30)))
        .replacing("spare-a", "w-2", Phase.Running);
    assertThat(running.decide().releases()).containsExactly("w-2");
  }

  @Test
  @DisplayName("When the spare dies while joining and stays dead for unhealthyTimeout, then it is released and the "
      + "host it was to replace gets another spare")
  void deadSpareIsGivenUp() {
    Round round = new Round().controlPlane(1).workers(3).spare("spare-b")
        .unhealthy("w-2", Phase.Unreachable, T0.minus(Duration.ofMinutes(40)))
        .replacing("spare-a", "w-2", Phase.Unreachable);
    round.unhealthySince.put("spare-a", T0.minus(Duration.ofMinutes(11)));

    Decision d = round.decide();

    assertThat(d.releases()).containsExactly("spare-a");
    assertThat(d.abandoned()).extracting(Replacement::spare).containsExactly("spare-a");
    assertThat(d.claims()).containsExactly(new Replacement("w-2", "spare-b", HostRole.WORKER,
        HostReplacement.Reason.Unhealthy));
  }

  @Test
  @DisplayName("When no Available host matches the worker selector, then the cluster is Degraded with NoSpareHost "
      + "naming the host")
  void noSpare() {
    Round round = new Round().controlPlane(1).workers(2)
        .unhealthy("w-1", Phase.Unreachable, T0.minus(Duration.ofMinutes(20)));
    round.hosts.add(Hosts.available("other", Map.of("tier", "gpu")));
    round.workerSelector = selector("tier", "cpu");

    Decision d = round.decide();

    assertThat(d.claims()).isEmpty();
    assertThat(d.verdict()).hasValueSatisfying(v -> {
      assertThat(v.reason()).isEqualTo(RemediationPlanner.NO_SPARE);
      assertThat(v.message()).contains("w-1").contains("Unreachable").contains("worker selector");
      assertThat(v.phase()).isEqualTo(dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus.Phase.Degraded);
    });
  }

  @Test
  @DisplayName("When mode is Manual, then a dead host is never replaced and the cluster is Stalled with "
      + "RemediationManual naming it and the annotation")
  void manual() {
    Round round = new Round().controlPlane(1).workers(2).spare("spare-a")
        .unhealthy("w-1", Phase.Failed, T0.minus(Duration.ofMinutes(20)));
    round.settings = new Settings(Mode.MANUAL, Duration.ofMinutes(10), 2);

    Decision d = round.decide();

    assertThat(d.claims()).isEmpty();
    assertThat(d.verdict()).hasValueSatisfying(v -> {
      assertThat(v.reason()).isEqualTo(RemediationPlanner.MANUAL);
      assertThat(v.stalled()).isTrue();
      assertThat(v.message()).contains("w-1").contains(Remediation.REPLACE_ANNOTATION);
    });
  }

  @Test
  @DisplayName("When spec.remediation is unset, then nothing is replaced automatically, but a host carrying the "
      + "replace annotation is, even while it runs")
  void requestedWithoutRemediation() {
    Round round = new Round().controlPlane(1).workers(3).spare("spare-a")
        .unhealthy("w-1", Phase.Unreachable, T0.minus(Duration.ofHours(2)));
    round.settings = Settings.NONE;
    round.request("w-2");

    Decision d = round.decide();

    assertThat(d.claims()).containsExactly(new Replacement("w-2", "spare-a", HostRole.WORKER,
        HostReplacement.Reason.Requested));
  }

  @Test
  @DisplayName("When three workers are dead and maxUnavailable is 2, then two are replaced at once and the third "
      + "waits, saying why")
  void boundedByMaxUnavailable() {
    Round round = new Round().controlPlane(1).workers(5).spare("s-1").spare("s-2").spare("s-3")
        .unhealthy("w-1", Phase.Unreachable, T0.minus(Duration.ofMinutes(20)))
        .unhealthy("w-2", Phase.Unreachable, T0.minus(Duration.ofMinutes(20)))
        .unhealthy("w-3", Phase.Unreachable, T0.minus(Duration.ofMinutes(20)));
    round.maxUnavailable = 2;
    round.settings = new Settings(Mode.AUTOMATIC, Duration.ofMinutes(10), 5);

    Decision d = round.decide();

    assertThat(d.claims()).extracting(Replacement::host).containsExactly("w-1", "w-2");
    assertThat(d.verdict()).hasValueSatisfying(v -> assertThat(v.message()).contains("at most 2 replacement(s)"));
  }

  @Test
  @DisplayName("When maxReplacements automatic replacements began in the last hour, then the next waits until the "
      + "oldest is an hour old, and wakes then")
  void rateLimited() {
    Round round = new Round().controlPlane(1).workers(4).spare("s-1")
        .unhealthy("w-3", Phase.Unreachable, T0.minus(Duration.ofMinutes(20)));
    round.maxUnavailable = 3;
    round.history.add(new HostReplacement("old-1", "w-1", HostRole.WORKER, HostReplacement.Reason.Unhealthy,
        T0.minus(Duration.ofMinutes(50)).toString(), T0.minus(Duration.ofMinutes(45)).toString()));
    round.history.add(new HostReplacement("old-2", "w-2", HostRole.WORKER, HostReplacement.Reason.Unhealthy,
        T0.minus(Duration.ofMinutes(30)).toString(), T0.minus(Duration.ofMinutes(25)).toString()));
    round.history.add(new HostReplacement("old-0", "w-0", HostRole.WORKER, HostReplacement.Reason.Unhealthy,
        T0.minus(Duration.ofMinutes(70)).toString(), T0.minus(Duration.ofMinutes(65)).toString()));

    Decision d = round.decide();

    assertThat(d.claims()).isEmpty();
    assertThat(d.verdict()).hasValueSatisfying(v -> assertThat(v.reason()).isEqualTo(RemediationPlanner.RATE_LIMITED));
    assertThat(d.wakeAt()).contains(T0.plus(Duration.ofMinutes(10)));

    round.now = T0.plus(Duration.ofMinutes(10)).plusSeconds(1);
    assertThat(round.decide().claims()).extracting(Replacement::host).containsExactly("w-3");
  }

  @Test
  @DisplayName("When a spare was claimed just before a restart and status.replacements does not list it, then it "
      + "still counts toward maxReplacements")
  void unrecordedSpareCounts() {
    Round round = new Round().controlPlane(1).workers(4).spare("s-2")
        .unhealthy("w-1", Phase.Unreachable, T0.minus(Duration.ofMinutes(40)))
        .unhealthy("w-3", Phase.Unreachable, T0.minus(Duration.ofMinutes(20)))
        .replacing("s-1", "w-1", Phase.Provisioning);
    round.maxUnavailable = 3;
    round.settings = new Settings(Mode.AUTOMATIC, Duration.ofMinutes(10), 1);

    Decision d = round.decide();

    assertThat(d.claims()).isEmpty();
    assertThat(d.verdict()).hasValueSatisfying(v -> assertThat(v.message()).contains("w-1 by s-1")
        .contains("maxReplacements"));
  }

  @Test
  @DisplayName("When a control-plane host of three is dead and the other two run, then it is replaced; when another "
      + "is unhealthy too, then neither is")
  void controlPlaneOnlyWithHealthyPeers() {
    Round one = new Round().controlPlane(3).workers(1).spare("spare-a")
        .unhealthy("cp-2", Phase.Unreachable, T0.minus(Duration.ofMinutes(20)));
    assertThat(one.decide().claims()).containsExactly(new Replacement("cp-2", "spare-a", HostRole.CONTROL_PLANE,
        HostReplacement.Reason.Unhealthy));

    Round two = new Round().controlPlane(3).workers(1).spare("spare-a").spare("spare-b")
        .unhealthy("cp-1", Phase.Unreachable, T0.minus(Duration.ofMinutes(20)))
        .unhealthy("cp-2", Phase.Failed, T0.minus(Duration.ofMinutes(20)));
    two.maxUnavailable = 3;
    Decision d = two.decide();
    assertThat(d.claims()).isEmpty();
    assertThat(d.verdict()).hasValueSatisfying(v -> assertThat(v.message())
        .contains("only while every other one runs"));
  }

  @Test
  @DisplayName("When a control-plane host joins in place of another, then no second control-plane replacement "
      + "begins")
  void oneControlPlaneReplacementAtATime() {
    Round round = new Round().controlPlane(3).workers(1).spare("spare-b")
        .unhealthy("cp-1", Phase.Unreachable, T0.minus(Duration.ofMinutes(40)))
        .replacing("spare-a", "cp-1", Phase.Provisioning, HostRole.CONTROL_PLANE);
    round.set("cp-2", Phase.Unreachable);
    round.unhealthySince.put("cp-2", T0.minus(Duration.ofMinutes(20)));
    round.maxUnavailable = 3;

    assertThat(round.decide().claims()).isEmpty();
  }

  @Test
  @DisplayName("When the only control-plane host is dead, then it is not replaced: Stalled with "
      + "ControlPlaneNotReplaceable")
  void singleControlPlane() {
    Round round = new Round().controlPlane(1).workers(2).spare("spare-a")
        .unhealthy("cp-0", Phase.Unreachable, T0.minus(Duration.ofMinutes(20)));

    Decision d = round.decide();

    assertThat(d.claims()).isEmpty();
    assertThat(d.verdict()).hasValueSatisfying(v -> {
      assertThat(v.reason()).isEqualTo(RemediationPlanner.CONTROL_PLANE_NOT_REPLACEABLE);
      assertThat(v.stalled()).isTrue();
    });
  }

  @Test
  @DisplayName("When a rollout is under way or due, a scale-down is under way, or the window is closed, then no "
      + "replacement begins; a due rollout waits for replacements under way")
  void gates() {
    Round rollout = dead().spare("spare-a");
    rollout.rollout = ScalePlanner.Rollout.UNDER_WAY;
    assertThat(rollout.decide().claims()).isEmpty();
    assertThat(rollout.decide().verdict()).hasValueSatisfying(v -> assertThat(v.message()).contains("rollout"));

    Round scaling = dead().spare("spare-a");
    scaling.scalingDown = true;
    assertThat(scaling.decide().claims()).isEmpty();

    Round closed = dead().spare("spare-a");
    Instant opens = T0.plus(Duration.ofHours(5));
    closed.window = new ScalePlanner.Window(false, Optional.of(opens));
    assertThat(closed.decide().claims()).isEmpty();
    assertThat(closed.decide().wakeAt()).contains(opens);
    assertThat(closed.decide().verdict()).hasValueSatisfying(v -> assertThat(v.message())
        .contains("maintenance window opening at " + opens));

    Round due = dead().replacing("spare-a", "w-1", Phase.Provisioning);
    due.rollout = ScalePlanner.Rollout.DUE;
    assertThat(due.decide().holdsRollout()).isTrue();
  }

  @Test
  @DisplayName("When a replaced host came back, reset and was claimed again after its spare, then the spare's old "
      + "claim does not make it a replacement under way")
  void oldClaimIsNotAReplacement() {
    Round round = new Round().controlPlane(1).workers(2);
    round.hosts.add(new HostView("spare-a", Map.of(), Phase.Running, CLUSTER, HostRole.WORKER, null, "1.0.0", null,
        null, T0.minus(Duration.ofHours(3)), "w-1", false));
    round.hosts.removeIf(h -> h.name().equals("w-1"));
    round.hosts.add(new HostView("w-1", Map.of(), Phase.Running, CLUSTER, HostRole.WORKER, null, "1.0.0", null,
        null, T0.minus(Duration.ofHours(1)), null, false));

    assertThat(RemediationPlanner.beingReplaced(CLUSTER, round.hosts)).isEmpty();
    assertThat(round.decide().releases()).isEmpty();
  }

  @Test
  @DisplayName("When replacements start, end or age, then status.replacements records them: started with the "
      + "claim time, finished when released, dropped after a day")
  void records() {
    Instant claimed = T0.minus(Duration.ofMinutes(2));
    List<HostReplacement> started = RemediationPlanner.records(List.of(),
        List.of(new Replacement("w-1", "spare-a", HostRole.WORKER, HostReplacement.Reason.Unhealthy)),
        Map.of("spare-a", claimed), T0);
    assertThat(started).singleElement().satisfies(r -> {
      assertThat(r.getStartedAt()).isEqualTo(claimed.toString());
      assertThat(r.getFinishedAt()).isNull();
    });

    List<HostReplacement> finished = RemediationPlanner.records(started, List.of(), Map.of(), T0.plusSeconds(60));
    assertThat(finished).singleElement().satisfies(r -> assertThat(r.getFinishedAt())
        .isEqualTo(T0.plusSeconds(60).toString()));

    assertThat(RemediationPlanner.records(finished, List.of(), Map.of(), T0.plus(Duration.ofHours(25)))).isEmpty();
  }

  @Test
  @DisplayName("When spec.remediation is set with defaults only, then it is Automatic, 10m, 2 an hour")
  void defaults() {
    assertThat(Settings.of(new Remediation())).isEqualTo(new Settings(Mode.AUTOMATIC, Duration.ofMinutes(10), 2));
    assertThat(Settings.of(null).mode()).isEqualTo(Mode.NONE);
    Remediation manual = new Remediation();
    manual.setMode(Remediation.Mode.Manual);
    manual.setUnhealthyTimeout("90s");
    manual.setMaxReplacements(5);
    assertThat(Settings.of(manual)).isEqualTo(new Settings(Mode.MANUAL, Duration.ofSeconds(90), 5));
  }

  private static Round dead() {
    return new Round().controlPlane(1).workers(3).unhealthy("w-1", Phase.Unreachable, T0.minus(Duration.ofHours(1)));
  }

  private static HostSelector selector(String key, String value) {
    HostSelector selector = new HostSelector();
    selector.setMatchLabels(Map.of(key, value));
    return selector;
  }

  /** A round's input, built up host by host. */
  private static final class Round {
    final List<HostView> hosts = new ArrayList<>();
    final Map<String, Instant> unhealthySince = new HashMap<>();
    final List<HostReplacement> history = new ArrayList<>();
    Settings settings = AUTOMATIC;
    int maxUnavailable = 1;
    ScalePlanner.Rollout rollout = ScalePlanner.Rollout.NONE;
    boolean scalingDown;
    ScalePlanner.Window window = ScalePlanner.Window.OPEN;
    HostSelector workerSelector;
    Instant now = T0;

    Round controlPlane(int count) {
      for (int i = 0; i < count; i++) {
        hosts.add(host("cp-" + i, HostRole.CONTROL_PLANE, Phase.Running, null));
      }
      return this;
    }

    Round workers(int count) {
      for (int i = 0; i < count; i++) {
        hosts.add(host("w-" + i, HostRole.WORKER, Phase.Running, null));
      }
      return this;
    }

    Round spare(String name) {
      hosts.add(Hosts.available(name, Map.of("tier", "cpu")));
      return this;
    }

    Round unhealthy(String name, Phase phase, Instant since) {
      set(name, phase);
      unhealthySince.put(name, since);
      return this;
    }

    Round replacing(String spare, String host, Phase phase) {
      return replacing(spare, host, phase, HostRole.WORKER);
    }

    Round replacing(String spare, String host, Phase phase, HostRole role) {
      hosts.add(new HostView(spare, Map.of(), phase, CLUSTER, role, null, null, null, null,
          T0.minus(Duration.ofMinutes(1)), host, false));
      return this;
    }

    void request(String name) {
      HostView h = find(name);
      hosts.set(hosts.indexOf(h), new HostView(h.name(), h.labels(), h.phase(), h.cluster(), h.role(), h.plan(),
          h.profileVersion(), h.report(), h.address(), h.claimedAt(), h.replaces(), true));
    }

    void set(String name, Phase phase) {
      HostView h = find(name);
      hosts.set(hosts.indexOf(h), host(h.name(), h.role(), phase, h.claimedAt()));
    }

    HostView find(String name) {
      return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    Decision decide() {
      return RemediationPlanner.decide(new RemediationPlanner.Input(CLUSTER, settings, maxUnavailable, true,
          rollout, scalingDown, window, null, workerSelector, hosts, unhealthySince, history, Set.of(), now));
    }

    private static HostView host(String name, HostRole role, Phase phase, Instant claimedAt) {
      return new HostView(name, Map.of(), phase, CLUSTER, role, null, "1.0.0", null, null,
          claimedAt == null ? T0.minus(Duration.ofDays(30)) : claimedAt, null, false);
    }
  }
}
