package dev.lifecycle.edge.operator.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.AgentReport;
import dev.lifecycle.edge.api.v1alpha1.ClusterAssignment;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.NetworkDefaults;
import dev.lifecycle.edge.api.v1alpha1.ProxySettings;
import dev.lifecycle.edge.api.v1alpha1.RegistrationRecord;
import dev.lifecycle.edge.api.v1alpha1.SiteSettings;
import dev.lifecycle.edge.api.v1alpha1.StaticNetwork;
import dev.lifecycle.edge.wire.Site;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SiteConfigureTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Site WANTED = new Site("till-3", null, null, List.of(), List.of("ntp.example.com"));

  @Test
  @DisplayName("When the token sets DNS, NTP and proxy and spec.site sets NTP and addresses, then spec.site wins "
      + "NTP and the rest of both stays")
  void operatorLayers() {
    NetworkDefaults token = new NetworkDefaults();
    token.setDnsServers(List.of("10.0.0.53"));
    token.setNtpServers(List.of("ntp.token"));
    ProxySettings proxy = new ProxySettings();
    proxy.setHttpProxy("http://proxy:3128");
    token.setProxy(proxy);
    SiteSettings spec = new SiteSettings();
    spec.setNtpServers(List.of("ntp.spec"));
    StaticNetwork network = new StaticNetwork();
    network.setAddresses(List.of("192.168.1.2/24"));
    spec.setNetwork(network);

    Site merged = OperatorSite.merge(token, spec);

    assertThat(merged.ntpServers()).containsExactly("ntp.spec");
    assertThat(merged.network().dnsServers()).containsExactly("10.0.0.53");
    assertThat(merged.network().addresses()).containsExactly("192.168.1.2/24");
    assertThat(merged.proxy().httpProxy()).isEqualTo("http://proxy:3128");
    assertThat(OperatorSite.merge(null, null)).isEqualTo(dev.lifecycle.edge.wire.SiteLayers.EMPTY);
  }

  @Test
  @DisplayName("When a Running host's site changes, then its Configure keeps cluster, role, profile and version")
  void runningHost() {
    EdgeHostStatus status = running(plan(4, HostPlan.Action.Join, null), AgentReport.State.Applied);

    HostPlan configure = SiteConfigure.plan(status, WANTED, NOW).orElseThrow();

    assertThat(configure.getGeneration()).isEqualTo(5L);
    assertThat(configure.getAction()).isEqualTo(HostPlan.Action.Configure);
    assertThat(configure.getCluster()).isEqualTo("store-0042");
    assertThat(configure.getRole()).isEqualTo(HostRole.WORKER);
    assertThat(configure.getProfileVersion()).isEqualTo("1.0.0");
    assertThat(configure.getSite().getHostname()).isEqualTo("till-3");
  }

  @Test
  @DisplayName("When the plan already carries the wanted site, or the host still works on its plan, then no "
      + "Configure")
  void onlyOnceAndNotInFlight() {
    HostPlan applied = plan(5, HostPlan.Action.Configure, OperatorSite.api(WANTED));
    assertThat(SiteConfigure.plan(running(applied, AgentReport.State.Applied), WANTED, NOW)).isEmpty();
    assertThat(SiteConfigure.plan(running(plan(4, HostPlan.Action.Upgrade, null), AgentReport.State.Applying),
        WANTED, NOW)).isEmpty();
    assertThat(SiteConfigure.plan(running(plan(4, HostPlan.Action.Upgrade, null), AgentReport.State.Failed),
        WANTED, NOW)).isEmpty();
  }

  @Test
  @DisplayName("When a Configure failed and spec.site is corrected, then a new Configure is issued; unchanged, none")
  void failedConfigureRetriedOnChange() {
    HostPlan failed = plan(5, HostPlan.Action.Configure, OperatorSite.api(WANTED));
    EdgeHostStatus status = running(failed, AgentReport.State.Failed);

    assertThat(SiteConfigure.plan(status, WANTED, NOW)).isEmpty();
    Site corrected = new Site("till-4", null, null, List.of(), List.of());
    assertThat(SiteConfigure.plan(status, corrected, NOW)).get().extracting(HostPlan::getGeneration).isEqualTo(6L);
  }

  @Test
  @DisplayName("When a host in no cluster has settings to apply, then it gets a Configure with no cluster; a host "
      + "just claimed gets none (its formation plan carries them)")
  void hostInNoCluster() {
    EdgeHostStatus available = new EdgeHostStatus();
    available.setRegistration(new RegistrationRecord());

    HostPlan configure = SiteConfigure.plan(available, WANTED, NOW).orElseThrow();
    assertThat(configure.getGeneration()).isEqualTo(1L);
    assertThat(configure.getCluster()).isNull();
    assertThat(configure.getProfileVersion()).isNull();
    assertThat(SiteConfigure.plan(available, null, NOW)).isEmpty();

    available.setCluster(new ClusterAssignment("store-0042", HostRole.WORKER));
    assertThat(SiteConfigure.plan(available, WANTED, NOW)).isEmpty();
  }

  @Test
  @DisplayName("When a Running host applies a Configure, then it stays Running; failed, it is Failed")
  void phaseWhileConfiguring() {
    EdgeHostStatus status = running(plan(5, HostPlan.Action.Configure, OperatorSite.api(WANTED)),
        AgentReport.State.Applying);
    status.setLastSeen(NOW.toString());
    java.time.Duration staleness = java.time.Duration.ofMinutes(5);

    assertThat(HostPhaseJudge.phase(status, NOW, staleness, NOW.minusSeconds(3600)))
        .isEqualTo(EdgeHostStatus.Phase.Running);
    status.setReport(new AgentReport(5L, AgentReport.State.Failed, "boom", NOW.toString()));
    assertThat(HostPhaseJudge.phase(status, NOW, staleness, NOW.minusSeconds(3600)))
        .isEqualTo(EdgeHostStatus.Phase.Failed);
  }

  @Test
  @DisplayName("When fields change, then the Event names them, never their values")
  void changedFields() {
    Site before = new Site("a", null, new Site.Proxy("http://user:secret@proxy:3128", null, List.of()), List.of(),
        List.of());
    Site after = new Site("a", null, new Site.Proxy("http://user:other@proxy:3128", null, List.of()), List.of(),
        List.of("ntp"));

    assertThat(SiteConfigure.changedFields(before, after)).containsExactly("proxy.httpProxy", "ntpServers");
  }

  private static HostPlan plan(long generation, HostPlan.Action action, SiteSettings site) {
    HostPlan plan = new HostPlan();
    plan.setGeneration(generation);
    plan.setAction(action);
    plan.setCluster("store-0042");
    plan.setRole(HostRole.WORKER);
    plan.setProfile("edge");
    plan.setProfileVersion("1.0.0");
    plan.setSite(site);
    return plan;
  }

  private static EdgeHostStatus running(HostPlan plan, AgentReport.State state) {
    EdgeHostStatus status = new EdgeHostStatus();
    status.setRegistration(new RegistrationRecord());
    status.setCluster(new ClusterAssignment("store-0042", HostRole.WORKER));
    status.setPlan(plan);
    status.setReport(new AgentReport(plan.getGeneration(), state, null, NOW.toString()));
    return status;
  }
}
