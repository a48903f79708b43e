package dev.lifecycle.edge.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.bundle.SiteInventory;
import dev.lifecycle.edge.site.server.ListenAddress;
import dev.lifecycle.edge.site.SiteController;
import dev.lifecycle.edge.site.SiteMounts;
import dev.lifecycle.edge.site.SiteOptions;
import dev.lifecycle.edge.site.SiteStore;
import dev.lifecycle.edge.site.demo.SiteApiClient;
import dev.lifecycle.edge.site.demo.SiteDemoContent;
import dev.lifecycle.edge.site.server.CertificateFiles;
import dev.lifecycle.edge.wire.LinkToken;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code site-demo}: a disconnected site in this process. It makes a signed definition of {@code demo-store} 1.0.0
 * and 1.1.0 and the bundle of 1.0.0, starts a site controller on a data directory (the durable store, the site API
 * and registry on one HTTPS port), links three simulated hosts with link tokens, uploads both files through the site
 * API, creates a 1+2 cluster, stops the controller while the cluster forms and starts it again on the same
 * directory, uploads a delta bundle of 1.1.0 built against the site's inventory and updates the cluster to it.
 * At the end it prints what to open in a browser.
 */
final class SiteDemo {

  static final String CLUSTER = "store-0042";
  private static final int HOSTS = 3;

  private final SiteDemoOptions options;
  private final Terminal terminal;
  private String step = "content";

  SiteDemo(SiteDemoOptions options, PrintStream out, boolean standardOutput) {
    this.options = options;
    this.terminal = Terminal.detect(out, standardOutput, false);
  }

  /** Runs the demo; answers the exit code: 0 when every step finished, 1 when one failed (the reason printed). */
  int run() throws IOException, InterruptedException {
    // a StepFailed or a refusal of the site ends the demo with its reason; the controller is closed either way
    Path work = options.workDir().isPresent() ? Files.createDirectories(options.workDir().get())
        : Files.createTempDirectory("edge-site-demo-");
    Path data = work.resolve("data");
    int port = options.port() == 0 ? freePort() : options.port();
    terminal.heading("Site demo: a disconnected site forms and upgrades a cluster from uploaded files");
    terminal.line("  work directory: " + work.toAbsolutePath());
    SiteDemoContent content = new SiteDemoContent(new SecureRandom().nextLong());
    List<FleetSimulator> hosts = new ArrayList<>();
    SiteController controller = null;
    try {
      long started = System.nanoTime();
      Path trust = content.writePublicKey(work.resolve("forge.pub"));
      Path definition = content.writeDefinition(work.resolve("demo-store.definition.tar.zst"));
      Path bundleV1 = content.writeBundle(SiteDemoContent.V1, SiteInventory.empty(),
          work.resolve("demo-store-1.0.0.tar.zst")).archive();
      done("content", started, "signed definition of " + SiteDemoContent.PROFILE + " " + SiteDemoContent.V1 + " and "
          + SiteDemoContent.V2 + ", bundle of " + SiteDemoContent.V1 + " (" + Files.size(bundleV1) + " bytes)");

      started = begin("site controller");
      SiteOptions siteOptions = SiteOptions.defaults(data, "demo-site")
          .withListen(new ListenAddress("127.0.0.1", port)).withTrustKeys(List.of(trust));
      controller = SiteController.start(siteOptions, SiteStore.DEFAULT, SiteMounts.DEFAULT);
      SiteApiClient site = client(controller, data);
      awaitStep("controller ready", site::ready);
      done("site controller", started, controller.identity().url() + ", certificate "
          + controller.identity().fingerprint());

      started = begin("login");
      Path initialFile = data.resolve("auth/initial-admin-password");
      String initial = Files.readString(initialFile).strip();
      site.login("admin", initial);
      String password = "Demo-" + HexFormat.of().formatHex(SecureRandom.getSeed(9)) + "-Pw";
      site.changePassword(initial, password);
      Path passwordFile = data.resolve("demo-admin-password");
      Files.writeString(passwordFile, password + "\n");
      Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
      done("login", started, "admin's initial password changed; the new one is in " + passwordFile);

      started = begin("link hosts");
      for (int i = 0; i < HOSTS; i++) {
        LinkToken token = LinkToken.parse(site.createLink().path("text").asText());
        SiteController linkingController = controller;
        // the gateway learns a new token from its watch; a host that came sooner would be refused
        awaitStep("the gateway to know link token " + token.name(),
            () -> linkingController.gatewayKnowsToken(token.token()));
        FleetSimulator host = FleetSimulator.builder(token.controller(), token.token()).hosts(1)
            .machineIdPrefix("demo-host-" + i).applyTime(options.applyTime()).pollInterval(Duration.ofMillis(200))
            .maxBackoff(Duration.ofSeconds(1)).caCert(data.resolve("tls/" + CertificateFiles.CERTIFICATE)).build();
        hosts.add(host);
        host.start();
      }
      SiteApiClient linking = site;
      awaitStep("hosts linked", () -> available(linking).size() == HOSTS);
      List<String> names = available(site);
      done("link hosts", started, HOSTS + " simulated hosts linked with link tokens, pinning the certificate");

      started = begin("upload");
      String digest = site.uploadDefinition(definition).path("digest").asText();
      String bundle = site.uploadBundle(bundleV1, "demo-store-1.0.0").path("id").asText();
      done("upload", started, "definition " + abbreviated(digest) + ", bundle " + abbreviated(bundle));

      started = begin("form");
      ObjectNode create = SiteApiClient.object().put("name", CLUSTER).put("definition", digest)
          .put("version", SiteDemoContent.V1);
      create.putObject("variables").put("storeId", "0042");
      ArrayNode chosen = create.putArray("hosts");
      for (int i = 0; i < names.size(); i++) {
        chosen.addObject().put("host", names.get(i)).put("role", i == 0 ? "control-plane" : "worker");
      }
      site.createCluster(create);
      awaitStep("a host at work", () -> hosts.stream().anyMatch(host -> host.lastPlan(0).isPresent()));
      progress(site);
      controller.close();
      terminal.line("    controller stopped mid-formation; starting it again on the same directory");
      controller = SiteController.start(siteOptions, SiteStore.DEFAULT, SiteMounts.DEFAULT);
      site = client(controller, data);
      site.login("admin", password);
      awaitCluster(site, SiteDemoContent.V1);
      done("form", started, "1 control plane + 2 workers running " + SiteDemoContent.V1
          + " (the controller was restarted mid-formation)");

      started = begin("upgrade");
      SiteInventory inventory = SiteInventory.parse(site.inventory());
      Path bundleV2 = content.writeBundle(SiteDemoContent.V2, inventory, work.resolve("demo-store-1.1.0.tar.zst"))
          .archive();
      site.uploadBundle(bundleV2, "demo-store-1.1.0");
      ObjectNode update = SiteApiClient.object().put("definition", digest).put("version", SiteDemoContent.V2);
      JsonNode preview = site.updatePreview(CLUSTER, update);
      terminal.line("    preview: hosts must " + preview.path("hostAction").asText("?") + "; delta bundle "
          + Files.size(bundleV2) + " bytes");
      site.update(CLUSTER, update);
      awaitCluster(site, SiteDemoContent.V2);
      done("upgrade", started, "every host runs " + SiteDemoContent.V2);

      summary(controller, passwordFile, work);
      if (options.keepRunning()) {
        terminal.line("");
        terminal.heading("Everything keeps running until Ctrl-C");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
      }
      return 0;
    } catch (StepFailed | IOException | RuntimeException e) {
      terminal.line("FAIL " + Terminal.padded(step) + "  " + (e instanceof java.nio.file.NoSuchFileException
          ? "no file " + e.getMessage() : e.getMessage()));
      return 1;
    } finally {
      hosts.forEach(FleetSimulator::close);
      if (controller != null) {
        controller.close();
      }
    }
  }

  private void summary(SiteController controller, Path passwordFile, Path work) {
    terminal.line("");
    terminal.heading("Open the site in a browser");
    terminal.line("  URL:            " + controller.identity().url() + "/api/site/v1/openapi.json");
    terminal.line("  fingerprint:    " + controller.identity().fingerprint()
        + " (the browser shows the certificate's SHA-256: compare before accepting it)");
    terminal.line("  user:           admin");
    terminal.line("  password file:  " + passwordFile.toAbsolutePath() + " (owner-only)");
    terminal.line("  data directory: " + work.resolve("data").toAbsolutePath());
    terminal.line("Try:");
    String url = controller.identity().url().toString();
    terminal.line("  curl -k -H 'Content-Type: application/json' -d '{\"user\":\"admin\",\"password\":\"'$(cat "
        + passwordFile.toAbsolutePath() + ")'\"}' " + url + "/api/site/v1/session");
    terminal.line("  curl -k -H \"Authorization: Bearer $TOKEN\" " + url + "/api/site/v1/clusters/" + CLUSTER);
    terminal.line("  curl -k " + url + "/v2/_catalog");
  }

  private SiteApiClient client(SiteController controller, Path data) throws IOException {
    return SiteApiClient.pinned(controller.identity().url(), data.resolve("tls/" + CertificateFiles.CERTIFICATE),
        controller.identity().fingerprint());
  }

  private List<String> available(SiteApiClient site) throws IOException {
    List<String> names = new ArrayList<>();
    site.hosts().path("hosts").forEach(host -> {
      if ("Available".equals(host.path("phase").asText())) {
        names.add(host.path("name").asText());
      }
    });
    names.sort(String::compareTo);
    return names;
  }

  private void progress(SiteApiClient site) throws IOException {
    JsonNode cluster = site.cluster(CLUSTER);
    terminal.line("    " + ProgressBar.of(cluster.path("hostsDone").asInt(), Math.max(1,
        cluster.path("hostsTotal").asInt())) + "  " + cluster.path("summary").asText());
  }

  /** Waits for the cluster to run {@code version} on every host, printing its progress as it changes. */
  private void awaitCluster(SiteApiClient site, String version) throws InterruptedException, StepFailed {
    String[] last = {""};
    awaitStep("cluster running " + version, () -> {
      try {
        JsonNode cluster = site.cluster(CLUSTER);
        String line = ProgressBar.of(cluster.path("hostsDone").asInt(), Math.max(1, cluster.path("hostsTotal")
            .asInt())) + "  " + cluster.path("summary").asText();
        if (!line.equals(last[0])) {
          terminal.line("    " + line);
          last[0] = line;
        }
        // the operator tells 1.0.0+vars.<hash> when values apply
        String running = cluster.path("version").asText().split("\\+", 2)[0];
        return "Running".equals(cluster.path("phase").asText()) && version.equals(running)
            && cluster.path("hostsDone").asInt() == HOSTS;
      } catch (IOException e) {
        return false;
      }
    });
  }

  private void awaitStep(String what, IoCondition condition) throws InterruptedException, StepFailed {
    long deadline = System.nanoTime() + options.stepTimeout().toNanos();
    IOException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (IOException e) {
        lastError = e;
      }
      Thread.sleep(200);
    }
    throw new StepFailed("timed out after " + Terminal.seconds(options.stepTimeout()).strip() + " waiting for "
        + what + (lastError != null ? " (last error: " + lastError.getMessage() + ")" : ""));
  }

  @FunctionalInterface
  private interface IoCondition {
    boolean holds() throws IOException;
  }

  private static final class StepFailed extends Exception {
    StepFailed(String message) {
      super(message);
    }
  }

  private long begin(String next) {
    step = next;
    return System.nanoTime();
  }

  private void done(String step, long startedNanos, String detail) {
    terminal.line(" OK  " + Terminal.padded(step) + Terminal.seconds(Duration.ofNanos(System.nanoTime()
        - startedNanos)) + "  " + detail);
  }

  private static String abbreviated(String digest) {
    return digest.length() > 19 ? digest.substring(0, 19) + "…" : digest;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
