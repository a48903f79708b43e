package dev.lifecycle.edge.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.bundle.SiteInventory;
import dev.lifecycle.edge.site.demo.SiteApiClient;
import dev.lifecycle.edge.site.demo.SiteDemoContent;
import dev.lifecycle.edge.site.registry.SiteName;
import dev.lifecycle.edge.site.server.Fingerprint;
import dev.lifecycle.edge.wire.LinkToken;
import dev.lifecycle.edge.wire.Plan;
import dev.lifecycle.edge.wire.Report;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's end-to-end proof: a site controller process ({@code java -jar edge-operator.jar site}) on a data
 * directory, three simulated hosts linked with link tokens (pinning the certificate the tokens name), definition and
 * bundle uploaded through the site API, a 1+2 cluster created, then formed and upgraded to a delta bundle's version
 * while the controller is SIGKILLed at seeded random moments and restarted on the same directory and port.
 *
 * <p>The seed ({@code -Dsite.e2e.seed=N} replays it) fixes the content and the moments of the kills, counted in
 * time since the controller was last ready; the child process's own timing still varies from run to run.
 */
class SiteEndToEndJarIT {

  private static final Pattern FINGERPRINT = Pattern.compile("(?m)^certificate fingerprint: (sha256:[0-9a-f]{64})$");
  private static final String CLUSTER = "store-0042";
  private static final int HOSTS = 3;
  private static final int KILLS_IN_FORMATION = 5;
  private static final int KILLS = 12;
  private static final Duration APPLY = Duration.ofSeconds(3);

  @TempDir
  Path dir;

  private final List<String> timeline = new CopyOnWriteArrayList<>();
  private Process controller;
  private int starts;
  private Path data;
  private int port;
  private Path trustKey;
  private String fingerprint;

  @Test
  @DisplayName("When a site controller is SIGKILLed at random moments of a cluster's formation and upgrade and "
      + "restarted on its directory, then it converges every time, loses no acknowledged write, redoes no host, "
      + "keeps the control plane first and one host at a time, and every host ends on v2 served by its registry")
  void survivesKillsDuringFormationAndUpgrade() throws Exception {
    long seed = Long.getLong("site.e2e.seed", new SecureRandom().nextLong());
    System.out.println("SiteEndToEndJarIT seed " + seed + " (replay with -Dsite.e2e.seed=" + seed + ")");
    Random random = new Random(seed);
    long began = System.nanoTime();
    data = dir.resolve("data");
    port = freePort();
    SiteDemoContent content = new SiteDemoContent(seed);
    trustKey = content.writePublicKey(dir.resolve("forge.pub"));
    Path definition = content.writeDefinition(dir.resolve("definition.tar.zst"));
    Path bundleV1 = content.writeBundle(SiteDemoContent.V1, SiteInventory.empty(), dir.resolve("v1.tar.zst"))
        .archive();

    startController();
    SiteApiClient site = SiteApiClient.pinned(url(), data.resolve("tls/site.crt"), fingerprint);
    String initial = Files.readString(data.resolve("auth/initial-admin-password")).strip();
    assertThat(site.login("admin", initial)).as("the first login must change the password").isTrue();
    String password = "E2e-" + Long.toHexString(random.nextLong()) + "-Site";
    site.changePassword(initial, password);
    Acknowledged acknowledged = new Acknowledged();
    acknowledged.audit(site);

    List<FleetSimulator> hosts = new ArrayList<>();
    HostRecorder recorder = new HostRecorder(hosts);
    try {
      for (int i = 0; i < HOSTS; i++) {
        JsonNode link = site.createLink();
        LinkToken token = LinkToken.parse(link.path("text").asText());
        assertThat(token.fingerprint()).as("the link token pins the served certificate").isEqualTo(fingerprint);
        assertThat(certificateFingerprint(data.resolve("tls/site.crt"))).isEqualTo(token.fingerprint());
        hosts.add(link(token, i));
      }
      acknowledged.audit(site);
      SiteApiClient linking = site;
      await().atMost(Duration.ofSeconds(60)).until(() -> availableHosts(linking).size() == HOSTS);
      List<String> names = availableHosts(site);
      recorder.start();

      JsonNode kept = site.uploadDefinition(definition);
      String digest = kept.path("digest").asText();
      acknowledged.definitions.add(digest);
      JsonNode bundle1 = site.uploadBundle(bundleV1, "demo-store-1.0.0");
      acknowledged.bundles.add(bundle1.path("id").asText());
      ObjectNode create = SiteApiClient.object().put("name", CLUSTER).put("definition", digest)
          .put("version", SiteDemoContent.V1);
      create.putObject("variables").put("storeId", "0042");
      var chosen = create.putArray("hosts");
      for (int i = 0; i < names.size(); i++) {
        chosen.addObject().put("host", names.get(i)).put("role", i == 0 ? "control-plane" : "worker");
      }
      site.createCluster(create);
      acknowledged.audit(site);
      timeline.add("cluster created with control plane " + names.get(0));

      int kills = 0;
      List<Duration> convergence = new ArrayList<>();
      long formationStart = System.nanoTime();
      while (kills < KILLS_IN_FORMATION) {
        Thread.sleep(300 + random.nextInt(2200));
        kill();
        kills++;
        site = restartAndCheck(acknowledged, password);
      }
      convergence.add(awaitPhase(site, "Running", SiteDemoContent.V1));
      timeline.add("formed " + seconds(System.nanoTime() - formationStart) + " after creation, " + kills + " kills");
      recorder.formationDone();

      SiteInventory inventory = SiteInventory.parse(site.inventory());
      Path bundleV2 = content.writeBundle(SiteDemoContent.V2, inventory, dir.resolve("v2.tar.zst")).archive();
      JsonNode bundle2 = site.uploadBundle(bundleV2, "demo-store-1.1.0");
      assertThat(bundle2.path("delta").asBoolean()).as("v2 is a delta bundle: " + bundle2).isTrue();
      acknowledged.bundles.add(bundle2.path("id").asText());
      ObjectNode update = SiteApiClient.object().put("definition", digest).put("version", SiteDemoContent.V2);
      JsonNode preview = site.updatePreview(CLUSTER, update);
      timeline.add("update preview: " + preview);
      site.update(CLUSTER, update);
      acknowledged.audit(site);
      long upgradeStart = System.nanoTime();
      while (kills < KILLS) {
        Thread.sleep(300 + random.nextInt(1700));
        kill();
        kills++;
        site = restartAndCheck(acknowledged, password);
      }
      convergence.add(awaitPhase(site, "Running", SiteDemoContent.V2));
      timeline.add("upgraded " + seconds(System.nanoTime() - upgradeStart) + " after the update, "
          + (kills - KILLS_IN_FORMATION) + " kills");
      recorder.stop();

      // every host ends on v2, having applied each of its plans once
      for (int i = 0; i < HOSTS; i++) {
        Report last = hosts.get(i).host(0).lastReport();
        assertThat(release(last.profileVersion())).as("host %d's last report", i).isEqualTo(SiteDemoContent.V2);
        assertThat(hosts.get(i).counters().applied()).as("host %d applied its formation and upgrade plans once "
            + "each; plans seen %s", i, recorder.generations(i)).isEqualTo(2);
        assertThat(recorder.generations(i)).as("host %d's plan generations", i).hasSize(2);
      }
      recorder.assertRollout(0);

      // every image the plans name is served by the site registry, under the digest the bundles hold
      for (int i = 0; i < HOSTS; i++) {
        Plan plan = hosts.get(i).lastPlan(0).orElseThrow();
        assertThat(release(plan.profileVersion())).isEqualTo(SiteDemoContent.V2);
        List<String> images = new ArrayList<>();
        plan.layers().forEach(layer -> {
          if (layer.hasNonNull("image")) {
            images.add(layer.get("image").asText());
          }
        });
        assertThat(images).as("host %d's plan", i).hasSize(SiteDemoContent.images(SiteDemoContent.V2).size());
        for (String image : images) {
          SiteName name = SiteName.of(image).orElseThrow();
          HttpResponse<byte[]> manifest = site.manifest(name.repository(), name.tag());
          assertThat(manifest.statusCode()).as("GET /v2/%s/manifests/%s", name.repository(), name.tag())
              .isEqualTo(200);
          String original = SiteDemoContent.images(SiteDemoContent.V2).stream()
              .filter(reference -> SiteName.of(reference).orElseThrow().equals(name)).findFirst().orElseThrow();
          assertThat(manifest.headers().firstValue("Docker-Content-Digest")).as(image)
              .contains(content.manifestDigest(original));
        }
      }
      acknowledged.check(site);
      System.out.println("SiteEndToEndJarIT seed " + seed + ": " + kills + " kills, " + starts + " starts, "
          + "converged after the last kill of formation in " + seconds(convergence.get(0).toNanos())
          + ", of the upgrade in " + seconds(convergence.get(1).toNanos()) + "; whole run "
          + seconds(System.nanoTime() - began));
      timeline.forEach(line -> System.out.println("  " + line));
    } finally {
      recorder.stop();
      hosts.forEach(FleetSimulator::close);
      if (controller != null) {
        controller.destroy();
        if (!controller.waitFor(30, TimeUnit.SECONDS)) {
          controller.toHandle().destroyForcibly();
        }
      }
    }
  }

  /** What the site acknowledged: each must still be there after every restart. */
  private static final class Acknowledged {
    final Set<String> definitions = new LinkedHashSet<>();
    final Set<String> bundles = new LinkedHashSet<>();
    final Map<Long, String> auditEntries = new LinkedHashMap<>();

    void audit(SiteApiClient site) throws IOException {
      for (JsonNode entry : site.audit(1000).path("entries")) {
        auditEntries.putIfAbsent(entry.path("seq").asLong(), entryText(entry));
      }
    }

    void check(SiteApiClient site) throws IOException {
      Map<Long, String> now = new LinkedHashMap<>();
      for (JsonNode entry : site.audit(1000).path("entries")) {
        now.put(entry.path("seq").asLong(), entryText(entry));
      }
      assertThat(now).as("every audit entry read before").containsAllEntriesOf(auditEntries);
      JsonNode cluster = site.cluster(CLUSTER);
      assertThat(cluster.path("name").asText()).isEqualTo(CLUSTER);
      for (String digest : definitions) {
        assertThat(site.definition(digest).path("digest").asText()).isEqualTo(digest);
      }
      List<String> kept = new ArrayList<>();
      site.bundles().path("bundles").forEach(bundle -> kept.add(bundle.path("id").asText()));
      assertThat(kept).as("bundles kept").containsAll(bundles);
      assertThat(site.hosts().path("hosts")).as("linked hosts").hasSize(HOSTS);
    }

    private static String entryText(JsonNode entry) {
      return entry.path("action").asText() + " " + entry.path("target").asText() + " " + entry.path("result").asText()
          + " " + entry.path("time").asText();
    }
  }

  /**
   * Samples each simulated host every 20 ms: the plan generations it was given, when it was out of service (given a
   * plan it has not reported applied), and when it first worked on v2.
   */
  private final class HostRecorder {
    private final List<FleetSimulator> hosts;
    private final Map<Integer, Set<Long>> generations = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<Integer, Long> firstV2 = new ConcurrentHashMap<>();
    private final Map<Integer, Long> doneV2 = new ConcurrentHashMap<>();
    private volatile boolean upgrading;
    private volatile int mostOutOfService;
    private Thread thread;

    HostRecorder(List<FleetSimulator> hosts) {
      this.hosts = hosts;
    }

    void start() {
      thread = new Thread(this::run, "host-recorder");
      thread.setDaemon(true);
      thread.start();
    }

    void formationDone() {
      upgrading = true;
    }

    void stop() throws InterruptedException {
      if (thread != null) {
        thread.interrupt();
        thread.join(5_000);
      }
    }

    Set<Long> generations(int host) {
      return generations.getOrDefault(host, Set.of());
    }

    private void run() {
      while (!Thread.currentThread().isInterrupted()) {
        int out = 0;
        long now = System.nanoTime();
        for (int i = 0; i < hosts.size(); i++) {
          var plan = hosts.get(i).lastPlan(0);
          if (plan.isEmpty()) {
            continue;
          }
          Plan given = plan.get();
          generations.computeIfAbsent(i, any -> ConcurrentHashMap.newKeySet()).add(given.generation());
          Report last = hosts.get(i).host(0).lastReport();
          boolean applied = last != null && given.generation().equals(last.planGeneration())
              && Report.State.Applied.name().equals(last.state());
          if (!applied) {
            out++;
          }
          if (SiteDemoContent.V2.equals(release(given.profileVersion()))) {
            firstV2.putIfAbsent(i, now);
            if (applied) {
              doneV2.putIfAbsent(i, now);
            }
          }
        }
        if (upgrading) {
          mostOutOfService = Math.max(mostOutOfService, out);
          if (out > 1) {
            violations.add(out + " hosts out of service at once during the upgrade");
          }
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** At most one host out of service during the upgrade; no worker began v2 before the control plane had it. */
    void assertRollout(int controlPlane) {
      assertThat(violations).as("maxUnavailable 1").isEmpty();
      Long controlPlaneDone = doneV2.get(controlPlane);
      assertThat(controlPlaneDone).as("the control plane applied v2").isNotNull();
      for (int i = 0; i < hosts.size(); i++) {
        if (i != controlPlane) {
          assertThat(firstV2.get(i)).as("worker %d began v2 after the control plane finished it", i)
              .isNotNull().isGreaterThanOrEqualTo(controlPlaneDone);
        }
      }
      timeline.add("most hosts out of service at once during the upgrade: " + mostOutOfService);
    }
  }

  /**
   * A simulated host linked with the token. The gateway learns a new token from its watch, so a host that comes
   * sooner is refused (401, the token unused): it is started again, as a technician would, until it registers.
   */
  private FleetSimulator link(LinkToken token, int index) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      FleetSimulator host = FleetSimulator.builder(token.controller(), token.token()).hosts(1)
          .machineIdPrefix("e2e-host-" + index).applyTime(APPLY).pollInterval(Duration.ofMillis(200))
          .maxBackoff(Duration.ofSeconds(1)).caCert(data.resolve("tls/site.crt")).build();
      host.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> host.counters().registered() == 1
          || host.counters().refused() > 0);
      if (host.counters().registered() == 1) {
        timeline.add("host " + index + " linked at attempt " + attempt);
        return host;
      }
      host.close();
      assertThat(attempt).as("attempts to link host %d", index).isLessThan(30);
      Thread.sleep(1000);
    }
  }

  private List<String> availableHosts(SiteApiClient site) throws IOException {
    List<String> names = new ArrayList<>();
    site.hosts().path("hosts").forEach(host -> {
      if ("Available".equals(host.path("phase").asText())) {
        names.add(host.path("name").asText());
      }
    });
    names.sort(String::compareTo);
    return names;
  }

  /** Waits for the cluster to run {@code version} with every host done; answers how long it took. */
  private Duration awaitPhase(SiteApiClient site, String phase, String version) {
    long start = System.nanoTime();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .untilAsserted(() -> {
          JsonNode cluster = site.cluster(CLUSTER);
          assertThat(cluster.path("phase").asText()).as(cluster.toString()).isEqualTo(phase);
          assertThat(release(cluster.path("version").asText())).as(cluster.toString()).isEqualTo(version);
          assertThat(cluster.path("hostsDone").asInt()).as(cluster.toString()).isEqualTo(HOSTS);
        });
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** SIGKILL: through the child's handle, so that the Process keeps what the child wrote last. */
  private void kill() throws InterruptedException {
    long pid = controller.pid();
    controller.toHandle().destroyForcibly();
    assertThat(controller.waitFor(30, TimeUnit.SECONDS)).isTrue();
    timeline.add("killed controller " + pid + " (start " + starts + ")");
  }

  private SiteApiClient restartAndCheck(Acknowledged acknowledged, String password) throws Exception {
    long start = System.nanoTime();
    startController();
    SiteApiClient site = SiteApiClient.pinned(url(), data.resolve("tls/site.crt"), fingerprint);
    site.login("admin", password);
    acknowledged.check(site);
    timeline.add("restart " + starts + " serving and checked in " + seconds(System.nanoTime() - start));
    return site;
  }

  private void startController() throws Exception {
    starts++;
    Path log = dir.resolve("site-" + starts + ".log");
    List<String> command = new ArrayList<>(List.of(LauncherJar.java(), "-Xmx256m", "-jar",
        LauncherJar.path().toString(), "site", "--data-dir", data.toString(), "--listen", "127.0.0.1:" + port,
        "--site-name", "e2e", "--trust-key", trustKey.toString()));
    controller = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    controller.getOutputStream().close();
    await().atMost(Duration.ofMinutes(2)).until(() -> FINGERPRINT.matcher(Files.readString(log)).find()
        || !controller.isAlive());
    Matcher printed = FINGERPRINT.matcher(Files.readString(log));
    assertThat(printed.find()).as(Files.readString(log)).isTrue();
    if (fingerprint == null) {
      fingerprint = printed.group(1);
    }
    assertThat(printed.group(1)).as("the same certificate after a restart").isEqualTo(fingerprint);
    SiteApiClient site = SiteApiClient.pinned(url(), data.resolve("tls/site.crt"), fingerprint);
    await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(site::ready);
  }

  private URI url() {
    return URI.create("https://127.0.0.1:" + port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String certificateFingerprint(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return Fingerprint.of((java.security.cert.X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(in));
    }
  }

  /** A version without its build metadata: the operator tells {@code 1.0.0+vars.<hash>} when values apply. */
  private static String release(String version) {
    return version == null ? null : version.split("\\+", 2)[0];
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
