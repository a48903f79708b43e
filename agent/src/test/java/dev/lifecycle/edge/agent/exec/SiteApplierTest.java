package dev.lifecycle.edge.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.agent.host.LocalSite;
import dev.lifecycle.edge.agent.state.FileStateStore;
import dev.lifecycle.edge.wire.Json;
import dev.lifecycle.edge.wire.Plan;
import dev.lifecycle.edge.wire.Site;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteApplierTest {

  private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
  private static final Site USER_DATA = new Site(null, new Site.Network(null, List.of(), null, List.of("10.0.0.53")),
      null, List.of(), List.of("ntp.installer"));
  private static final Site PLAN_SITE = new Site("store-0042-a",
      new Site.Network("eth0", List.of("192.168.10.20/24"), "192.168.10.1", List.of()),
      new Site.Proxy("http://proxy:3128", "http://proxy:3128", List.of(".svc", "10.0.0.0/8")), List.of(CA),
      List.of());
  private static final Site SITE_USER_DATA = new Site(null, null, null, List.of(), List.of("ntp1.site", "ntp2.site"));

  @TempDir
  Path hooks;
  @TempDir
  Path state;
  private HookExecutor executor;

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  @Test
  @DisplayName("When a plan's effective site is new, then the configure hook gets every documented variable, the "
      + "site as JSON and the CA bundle, before the action's hook, and the result carries the merged site")
  void configureGetsDocumentedEnvironment() throws Exception {
    hook("configure", "env | grep '^EDGE_' | sort > \"$OUT/configure.env\"\ncp \"$EDGE_SITE_FILE\" \"$OUT/site.json\"\n"
        + "cp \"$EDGE_CA_CERTIFICATES_FILE\" \"$OUT/ca.pem\"\necho configure >> \"$OUT/order\"");
    hook("install", "echo install >> \"$OUT/order\"");

    ApplyResult result = applier().apply(plan(3, "Join", PLAN_SITE), "{}").get(30, TimeUnit.SECONDS);

    assertThat(result.success()).as(result.message()).isTrue();
    Site effective = new Site("store-0042-a", new Site.Network("eth0", List.of("192.168.10.20/24"), "192.168.10.1",
        List.of("10.0.0.53")), PLAN_SITE.proxy(), List.of(CA), List.of("ntp1.site", "ntp2.site"));
    assertThat(result.site()).isEqualTo(effective);
    assertThat(Files.readAllLines(hooks.resolve("order"))).containsExactly("configure", "install");
    assertThat(Json.read(Files.readString(hooks.resolve("site.json")), Site.class)).isEqualTo(effective);
    assertThat(Files.readString(hooks.resolve("ca.pem"))).isEqualTo(CA + "\n");
    assertThat(Files.readAllLines(hooks.resolve("configure.env"))).contains(
        "EDGE_PLAN_ACTION=Join",
        "EDGE_HOSTNAME=store-0042-a",
        "EDGE_NETWORK_INTERFACE=eth0",
        "EDGE_NETWORK_ADDRESSES=192.168.10.20/24",
        "EDGE_NETWORK_GATEWAY=192.168.10.1",
        "EDGE_DNS_SERVERS=10.0.0.53",
        "EDGE_NTP_SERVERS=ntp1.site ntp2.site",
        "EDGE_HTTP_PROXY=http://proxy:3128",
        "EDGE_HTTPS_PROXY=http://proxy:3128",
        "EDGE_NO_PROXY=.svc,10.0.0.0/8");
    assertThat(Files.readAllLines(hooks.resolve("configure.env")))
        .anyMatch(line -> line.startsWith("EDGE_SITE_FILE=/"))
        .anyMatch(line -> line.startsWith("EDGE_CA_CERTIFICATES_FILE=/"));
  }

  @Test
  @DisplayName("When the effective site was applied before, then configure does not run again, not even after a "
      + "restart from the state directory; a changed site runs it once more")
  void runsOnceAcrossRestarts() throws Exception {
    hook("configure", "echo configure >> \"$OUT/order\"");
    hook("upgrade", "echo upgrade >> \"$OUT/order\"");

    applier().apply(plan(3, "Upgrade", PLAN_SITE), "{}").get(30, TimeUnit.SECONDS);
    applier().apply(plan(4, "Upgrade", PLAN_SITE), "{}").get(30, TimeUnit.SECONDS);
    executor.close();
    executor = null;
    ApplyResult restarted = applier().apply(plan(5, "Configure", PLAN_SITE), "{}").get(30, TimeUnit.SECONDS);

    assertThat(restarted.success()).isTrue();
    assertThat(Files.readAllLines(hooks.resolve("order"))).containsExactly("configure", "upgrade", "upgrade");

    Site changed = new Site("store-0042-b", null, null, List.of(), List.of());
    ApplyResult configured = applier().apply(plan(6, "Configure", changed), "{}").get(30, TimeUnit.SECONDS);

    assertThat(configured.success()).isTrue();
    assertThat(configured.site().hostname()).isEqualTo("store-0042-b");
    assertThat(Files.readAllLines(hooks.resolve("order"))).containsExactly("configure", "upgrade", "upgrade",
        "configure");
  }

  @Test
  @DisplayName("When the configure hook fails, then the plan fails with its output, the action's hook does not run, "
      + "and the next plan configures again")
  void failureFailsThePlan() throws Exception {
    hook("configure", "echo 'cannot reach 192.168.10.1' >&2\nexit 3");
    hook("install", "echo install >> \"$OUT/order\"");

    ApplyResult failed = applier().apply(plan(3, "Init", PLAN_SITE), "{}").get(30, TimeUnit.SECONDS);

    assertThat(failed.success()).isFalse();
    assertThat(failed.message()).contains("configure exited with status 3").contains("cannot reach 192.168.10.1");
    assertThat(failed.site()).isNull();
    assertThat(hooks.resolve("order")).doesNotExist();
    assertThat(new FileStateStore(state).loadAppliedSite()).isEmpty();
  }

  private SiteApplier applier() {
    if (executor == null) {
      executor = new HookExecutor(hooks, Duration.ofSeconds(10));
    }
    return new SiteApplier(executor, new LocalSite(USER_DATA, SITE_USER_DATA), new FileStateStore(state));
  }

  private static Plan plan(long generation, String action, Site site) {
    return new Plan(generation, action, "store-0042", "worker", "edge", "1.0.0", "10.0.0.1", List.of(), null, null,
        site, null, null, Map.of(), List.of(), null, null);
  }

  private void hook(String name, String body) throws IOException {
    Path hook = hooks.resolve(name);
    Files.writeString(hook, "#!/bin/sh\nOUT='" + hooks + "'\n" + body + "\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
  }
}
