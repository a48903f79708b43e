package dev.lifecycle.edge.agent.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.agent.exec.ApplyResult;
import dev.lifecycle.edge.agent.exec.HookExecutor;
import dev.lifecycle.edge.agent.exec.PlanEnvironment;
import dev.lifecycle.edge.agent.hooks.HookHost.HookRun;
import dev.lifecycle.edge.wire.Json;
import dev.lifecycle.edge.wire.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference k3s hooks (agent/hooks/k3s) run as real processes on simulated hosts whose commands
 * are stand-ins that record their calls (see {@link HookHost}).
 */
class K3sHooksTest {

  private static final Path HOOKS = HookHost.k3sHooks();
  private static final String CONFIG = "/etc/rancher/k3s/config.yaml";
  private static final String REGISTRIES = "/etc/rancher/k3s/registries.yaml";
  private static final String BINARY = "/usr/local/bin/k3s";
  private static final String ENDPOINT = "10.0.0.10";
  /** Calls that change nothing: all a second run of a hook may make. */
  private static final Pattern READ_ONLY = Pattern.compile(
      "k3s --version|systemctl is-(enabled|active) --quiet \\S+|pgrep -f .*|ip6?tables-save ");

  @TempDir
  Path temp;

  private final String secret = "K10-join-" + UUID.randomUUID();
  private final List<HookHost> hosts = new ArrayList<>();
  private final List<HookRun> runs = new ArrayList<>();
  private Path secretFile;

  @BeforeEach
  void writeSecret() throws IOException {
    secretFile = temp.resolve("plan/join-secret");
    Files.createDirectories(secretFile.getParent());
    Files.writeString(secretFile, secret + "\n");
    Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterEach
  void secretNeverShown() {
    for (HookRun run : runs) {
      assertThat(run.output()).as("output of " + run.hook()).doesNotContain(secret);
    }
    for (HookHost host : hosts) {
      assertThat(host.calls()).as("calls on " + host.name()).noneMatch(call -> call.contains(secret));
    }
  }

  @Test
  @DisplayName("When 3 servers and 2 agents install, then one server inits, the others join the endpoint "
      + "with the secret, and the agents join in agent mode")
  void formation() throws Exception {
    HookHost server1 = host("server-1");
    succeed(server1, "install", plan("Init", "control-plane", server1));
    for (String name : List.of("server-2", "server-3")) {
      HookHost server = host(name);
      succeed(server, "install", plan("Join", "control-plane", server));
    }
    for (String name : List.of("agent-1", "agent-2")) {
      HookHost agent = host(name);
      succeed(agent, "install", plan("Join", "worker", agent));
    }

    String init = read(server1, CONFIG);
    assertThat(init).contains("cluster-init: true", "node-name: \"server-1\"", "cluster-cidr: \"10.42.0.0/16\"",
        "service-cidr: \"10.43.0.0/16\"", "  - \"edge.lifecycle.dev/cluster=store-42\"",
        "  - \"dedicated=edge:NoSchedule\"").doesNotContain("server:");
    assertThat(read(server1, "/etc/systemd/system/k3s.service")).contains("ExecStart=/usr/local/bin/k3s server\n");
    for (HookHost host : hosts) {
      String config = read(host, CONFIG);
      assertThat(config).doesNotContain(secret);
      assertThat(read(host, tokenFile(config))).as("the token file named by " + host.name()).isEqualTo(secret + "\n");
      assertThat(mode(host, tokenFile(config))).isEqualTo("rw-------");
      assertThat(host.calls()).as(host.name()).anyMatch(call -> call.startsWith("curl ")
          && call.endsWith("/v1.30.2%2Bk3s1/k3s"));
      if (host != server1) {
        assertThat(config).as(host.name()).contains("server: \"https://10.0.0.10:6443\"").doesNotContain("cluster-init");
      }
    }
    for (String name : List.of("server-2", "server-3")) {
      HookHost server = hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
      assertThat(server.calls()).contains("systemctl enable k3s.service", "systemctl restart k3s.service");
      assertThat(read(server, CONFIG)).contains("cluster-cidr: \"10.42.0.0/16\"");
    }
    for (String name : List.of("agent-1", "agent-2")) {
      HookHost agent = hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
      assertThat(read(agent, "/etc/systemd/system/k3s-agent.service")).contains("ExecStart=/usr/local/bin/k3s agent\n");
      assertThat(agent.path("/etc/systemd/system/k3s.service")).doesNotExist();
      assertThat(agent.calls()).contains("systemctl enable k3s-agent.service", "systemctl restart k3s-agent.service")
          .anyMatch(call -> call.startsWith("k3s kubectl ") && call.contains("get node " + name + " "));
      assertThat(read(agent, CONFIG)).doesNotContain("cluster-cidr", "cluster-init");
    }
  }

  @Test
  @DisplayName("When any hook runs twice in a row, then the second run installs and restarts nothing and "
      + "leaves every file byte-identical")
  void secondRunChangesNothing() throws Exception {
    HookHost server = host("server-1");
    Map<String, String> init = plan("Init", "control-plane", server);
    init.put("EDGE_REGISTRIES_FILE", registriesFile().toString());
    Map<String, String> upgradeLocal = plan("Upgrade", "control-plane", server);
    upgradeLocal.put("EDGE_KUBERNETES_VERSION", "1.31.0");
    upgradeLocal.put("EDGE_KUBERNETES_BINARY", HookHost.k3sBinary(temp.resolve("media/k3s"), "v1.31.0+k3s1").toString());
    upgradeLocal.put("EDGE_KUBERNETES_AIRGAP_IMAGES", airgapImages().toString());
    Map<String, String> upgradeDownload = plan("Upgrade", "control-plane", server);
    upgradeDownload.put("EDGE_KUBERNETES_VERSION", "1.32.1");

    twice(server, "configure", site(plan("Configure", "control-plane", server)));
    twice(server, "install", init);
    twice(server, "upgrade", upgradeLocal);
    twice(server, "upgrade", upgradeDownload);
    twice(server, "reset", plan("Reset", "control-plane", server));

    HookHost serverJoin = host("server-2");
    twice(serverJoin, "install", plan("Join", "control-plane", serverJoin));
    HookHost agent = host("agent-1");
    twice(agent, "install", plan("Join", "worker", agent));
    twice(agent, "reset", plan("Reset", "worker", agent));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"1.30.2, v1.30.2+k3s1", "v1.29.5, v1.29.5+k3s1", "1.30.2+k3s2, v1.30.2+k3s2"})
  @DisplayName("When the kubernetes layer names a version, then the matching k3s release is downloaded and installed")
  void versionMapping(String version, String release) throws Exception {
    HookHost server = host("server-1");
    Map<String, String> plan = plan("Init", "control-plane", server);
    plan.put("EDGE_KUBERNETES_VERSION", version);

    HookRun run = succeed(server, "install", plan);

    String url = "https://github.com/k3s-io/k3s/releases/download/" + release.replace("+", "%2B") + "/";
    assertThat(run.calls()).anyMatch(call -> call.startsWith("curl ") && call.contains(url + "sha256sum-"))
        .anyMatch(call -> call.startsWith("curl ") && call.matches(".* " + Pattern.quote(url) + "k3s(-arm64|-armhf)?"));
    assertThat(read(server, BINARY)).contains("STANDIN_VERSION='" + release + "'");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"10.0.0.10, https://10.0.0.10:6443", "10.0.0.10:7443, https://10.0.0.10:7443",
      "fd00::10, https://[fd00::10]:6443", "[fd00::10]:7443, https://[fd00::10]:7443",
      "cp.store-42.example, https://cp.store-42.example:6443"})
  @DisplayName("When a host joins, then the server URL is the control-plane endpoint on k3s's port unless it names one")
  void serverUrl(String endpoint, String url) throws Exception {
    HookHost agent = host("agent-1");
    Map<String, String> plan = plan("Join", "worker", agent);
    plan.put("EDGE_CONTROL_PLANE_ENDPOINT", endpoint);

    succeed(agent, "install", plan);

    assertThat(read(agent, CONFIG)).contains("server: \"" + url + "\"\n");
  }

  @Test
  @DisplayName("When the plan names a local binary and airgap images, then the upgrade copies them into place, "
      + "downloads nothing, restarts k3s and waits for the node on the new version")
  void upgradeFromLocalFiles() throws Exception {
    HookHost server = host("server-1");
    succeed(server, "install", plan("Init", "control-plane", server));
    Path binary = HookHost.k3sBinary(temp.resolve("media/k3s"), "v1.31.0+k3s1");
    Path images = airgapImages();
    Map<String, String> upgrade = plan("Upgrade", "control-plane", server);
    upgrade.put("EDGE_KUBERNETES_VERSION", "1.31.0");
    upgrade.put("EDGE_KUBERNETES_BINARY", binary.toString());
    upgrade.put("EDGE_KUBERNETES_AIRGAP_IMAGES", images.toString());

    HookRun run = succeed(server, "upgrade", upgrade);

    assertThat(run.calls()).noneMatch(call -> call.startsWith("curl "))
        .contains("systemctl restart k3s.service")
        .anyMatch(call -> call.startsWith("k3s kubectl ") && call.contains("get node server-1 "));
    assertThat(Files.readAllBytes(server.path(BINARY))).isEqualTo(Files.readAllBytes(binary));
    assertThat(Files.readAllBytes(server.path("/var/lib/rancher/k3s/agent/images/" + images.getFileName())))
        .isEqualTo(Files.readAllBytes(images));
    assertThat(run.output()).contains("node server-1 is Ready on v1.31.0+k3s1");
  }

  @Test
  @DisplayName("When no local binary is named, then the upgrade downloads the mapped release, checks its sha256 "
      + "and restarts k3s")
  void upgradeByDownload() throws Exception {
    HookHost agent = host("agent-1");
    succeed(agent, "install", plan("Join", "worker", agent));
    Map<String, String> upgrade = plan("Upgrade", "worker", agent);
    upgrade.put("EDGE_KUBERNETES_VERSION", "1.31.0");

    HookRun run = succeed(agent, "upgrade", upgrade);

    assertThat(run.calls()).anyMatch(call -> call.startsWith("curl ") && call.contains("/v1.31.0%2Bk3s1/sha256sum-"))
        .anyMatch(call -> call.startsWith("curl ") && call.contains("/v1.31.0%2Bk3s1/k3s"))
        .contains("systemctl restart k3s-agent.service");
    assertThat(read(agent, BINARY)).contains("STANDIN_VERSION='v1.31.0+k3s1'");
  }

  @Test
  @DisplayName("When the download does not match the release's sha256, then the upgrade fails and the old binary stays")
  void corruptDownload() throws Exception {
    HookHost server = host("server-1");
    succeed(server, "install", plan("Init", "control-plane", server));
    Map<String, String> before = server.files();
    Files.writeString(server.state().resolve("corrupt-download"), "");
    Map<String, String> upgrade = plan("Upgrade", "control-plane", server);
    upgrade.put("EDGE_KUBERNETES_VERSION", "1.31.0");

    HookRun run = fail(server, "upgrade", upgrade);

    assertThat(run.output()).contains("has sha256", "the release lists", "not installed");
    assertThat(run.calls()).noneMatch(call -> call.startsWith("systemctl restart"));
    assertThat(server.files()).isEqualTo(before);
  }

  @Test
  @DisplayName("When the local binary reports another version than the plan's, then the upgrade fails and changes nothing")
  void localBinaryOfAnotherVersion() throws Exception {
    HookHost server = host("server-1");
    succeed(server, "install", plan("Init", "control-plane", server));
    Map<String, String> before = server.files();
    Map<String, String> upgrade = plan("Upgrade", "control-plane", server);
    upgrade.put("EDGE_KUBERNETES_VERSION", "1.31.0");
    upgrade.put("EDGE_KUBERNETES_BINARY", HookHost.k3sBinary(temp.resolve("media/k3s"), "v1.30.9+k3s1").toString());

    HookRun run = fail(server, "upgrade", upgrade);

    assertThat(run.output()).contains("reports 'v1.30.9+k3s1', the plan wants v1.31.0+k3s1");
    assertThat(server.files()).isEqualTo(before);
    assertThat(run.calls()).noneMatch(call -> call.startsWith("systemctl restart") || call.startsWith("curl "));
  }

  @Test
  @DisplayName("When the node does not become Ready in time, then install fails naming what it last saw")
  void nodeNeverReady() throws Exception {
    HookHost server = host("server-1");
    Map<String, String> plan = plan("Init", "control-plane", server);
    plan.put("EDGE_STANDIN_NODE_READY", "False");
    plan.put("EDGE_K3S_READY_TIMEOUT", "1");
    plan.put("EDGE_K3S_READY_INTERVAL", "1");

    HookRun run = fail(server, "install", plan);

    assertThat(run.output()).contains("node server-1 was not Ready on v1.30.2+k3s1 within 1s "
        + "(last seen: 'v1.30.2+k3s1 False')");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "EDGE_KUBERNETES_VERSION=1.30 | EDGE_KUBERNETES_VERSION '1.30' is not a Kubernetes version",
      "EDGE_KUBERNETES_VERSION= | EDGE_KUBERNETES_VERSION is empty",
      "EDGE_KUBERNETES_DISTRIBUTION=rke2 | the plan's kubernetes layer is 'rke2', and these hooks install k3s",
      "EDGE_CONTROL_PLANE_ENDPOINT= | EDGE_CONTROL_PLANE_ENDPOINT is empty: Join needs the cluster's address",
      "EDGE_JOIN_SECRET_FILE= | EDGE_JOIN_SECRET_FILE is empty",
      "EDGE_ROLE=gateway | EDGE_ROLE 'gateway' is neither control-plane nor worker",
      "EDGE_NODE_TAINTS=dedicated=edge:Sometimes | EDGE_NODE_TAINTS line 'dedicated=edge:Sometimes' is not a taint",
      "EDGE_POD_CIDR=10.42.0.0 | EDGE_POD_CIDR '10.42.0.0' is not a CIDR"})
  @DisplayName("When the plan holds a bad value, then install fails with a clear error and touches nothing")
  void badInput(String assignment, String error) throws Exception {
    HookHost server = host("server-2");
    Map<String, String> plan = plan("Join", "control-plane", server);
    String[] pair = assignment.split("=", 2);
    plan.put(pair[0], pair[1]);

    HookRun run = fail(server, "install", plan);

    assertThat(run.output()).contains("install: error: " + error);
    assertThat(run.calls()).isEmpty();
    assertThat(server.files()).isEmpty();
  }

  @Test
  @DisplayName("When upgrade runs on a host where install never ran, then it fails and names the missing unit")
  void upgradeWithoutInstall() throws Exception {
    HookHost agent = host("agent-1");

    HookRun run = fail(agent, "upgrade", plan("Upgrade", "worker", agent));

    assertThat(run.output()).contains("/etc/systemd/system/k3s-agent.service is missing");
    assertThat(agent.files()).isEmpty();
  }

  @Test
  @DisplayName("When the plan names registries, then registries.yaml is their copy; when it stops, the file goes "
      + "and k3s restarts")
  void registries() throws Exception {
    HookHost server = host("server-1");
    Map<String, String> plan = plan("Init", "control-plane", server);
    Path registries = registriesFile();
    plan.put("EDGE_REGISTRIES_FILE", registries.toString());
    succeed(server, "install", plan);
    assertThat(Files.readAllBytes(server.path(REGISTRIES))).isEqualTo(Files.readAllBytes(registries));

    HookRun without = succeed(server, "install", plan("Init", "control-plane", server));

    assertThat(server.path(REGISTRIES)).doesNotExist();
    assertThat(without.calls()).contains("systemctl restart k3s.service");
  }

  @Test
  @DisplayName("When the plan names a registry with credentials and a CA, then registries.yaml carries the mirrors, "
      + "rewrites and auth and names the CA kept under /etc/rancher/k3s/registry-ca; a second run changes nothing, "
      + "and the password is never in the hook's output")
  void registryWithCredentialsAndCa() throws Exception {
    HookHost server = host("server-1");
    String password = "s3cr3t-registry-password";
    String ca = "-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n";
    Plan wire = new Plan(3L, "Init", "store-0042", "control-plane", "edge", "1.0.0", "10.0.0.10", List.of(), null,
        null, null, null, null, Map.of(), List.of(), new Plan.Registries(
            Map.of("docker.io", new Plan.Registries.Mirror(List.of("https://registry.site.local:5000"),
                Map.of("^(.*)$", "mirror/$1"))),
            Map.of("registry.site.local:5000", new Plan.Registries.Config(
                new Plan.Registries.Auth("puller", password), ca))), "join");
    try (PlanEnvironment environment = PlanEnvironment.prepare(wire, "{}", "server-1")) {
      Map<String, String> plan = plan("Init", "control-plane", server);
      plan.put("EDGE_REGISTRIES_FILE", environment.variables().get("EDGE_REGISTRIES_FILE"));
      plan.put("EDGE_REGISTRY_CA_DIR", environment.variables().get("EDGE_REGISTRY_CA_DIR"));
      HookRun first = succeed(server, "install", plan);
      HookRun second = succeed(server, "install", plan);

      String written = Files.readString(server.path(REGISTRIES));
      assertThat(written).contains("\"rewrite\":{\"^(.*)$\":\"mirror/$1\"}", "\"username\":\"puller\"", password,
          "\"ca_file\":\"/etc/rancher/k3s/registry-ca/registry.site.local-5000.crt\"");
      assertThat(written).doesNotContain(environment.variables().get("EDGE_REGISTRY_CA_DIR"));
      assertThat(Files.readString(server.path("/etc/rancher/k3s/registry-ca/registry.site.local-5000.crt")))
          .isEqualTo(ca);
      assertThat(first.output() + second.output()).doesNotContain(password);
      assertThat(second.calls()).noneMatch(call -> call.startsWith("systemctl restart"));
    }
    HookRun without = succeed(server, "install", plan("Init", "control-plane", server));
    assertThat(server.path("/etc/rancher/k3s/registry-ca")).doesNotExist();
    assertThat(server.path(REGISTRIES)).doesNotExist();
    assertThat(without.calls()).contains("systemctl restart k3s.service");
  }

  @Test
  @DisplayName("When reset runs after configure and install, then everything install and k3s wrote is gone, the "
      + "service is stopped and disabled, and the site settings stay")
  void resetLeavesTheHostClean() throws Exception {
    HookHost server = host("server-1");
    succeed(server, "configure", site(plan("Configure", "control-plane", server)));
    Map<String, String> site = server.files();
    Map<String, String> init = plan("Init", "control-plane", server);
    init.put("EDGE_REGISTRIES_FILE", registriesFile().toString());
    init.put("EDGE_KUBERNETES_AIRGAP_IMAGES", airgapImages().toString());
    succeed(server, "install", init);
    // What a running k3s leaves behind.
    Files.createDirectories(server.path("/var/lib/rancher/k3s/server/db/etcd"));
    Files.writeString(server.path("/var/lib/rancher/k3s/server/db/etcd/member"), "data");
    Files.createDirectories(server.path("/etc/rancher/node"));
    Files.writeString(server.path("/etc/rancher/node/password"), "node-password");
    Files.createDirectories(server.path("/sys/class/net/flannel.1"));
    Files.writeString(server.state().resolve("iptables"),
        "*filter\n:INPUT ACCEPT [0:0]\n:KUBE-FIREWALL - [0:0]\n-A INPUT -j KUBE-FIREWALL\n-A INPUT -p tcp -j ACCEPT\nCOMMIT\n");

    HookRun run = succeed(server, "reset", plan("Reset", "control-plane", server));

    assertThat(server.files()).isEqualTo(site);
    assertThat(run.calls()).contains("systemctl disable --now k3s.service", "systemctl daemon-reload",
        "ip link delete flannel.1", "iptables-restore ");
    assertThat(Files.readString(server.state().resolve("iptables")))
        .isEqualTo("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -j ACCEPT\nCOMMIT\n");
    assertThat(server.state().resolve("systemd/k3s.service.active")).doesNotExist();
    assertThat(server.state().resolve("systemd/k3s.service.enabled")).doesNotExist();
    assertThat(server.path("/etc/rancher")).doesNotExist();
    assertThat(server.path("/var/lib/rancher")).doesNotExist();
  }

  @Test
  @DisplayName("When configure runs with site settings, then it sets the hostname and writes DNS, netplan, NTP, "
      + "proxy and CA files; without them, it removes its files again")
  void configure() throws Exception {
    HookHost server = host("server-1");
    succeed(server, "install", plan("Init", "control-plane", server));

    HookRun run = succeed(server, "configure", site(plan("Configure", "control-plane", server)));

    assertThat(run.calls()).containsExactly("hostnamectl set-hostname store-42-a",
        "systemctl restart systemd-resolved.service", "netplan apply", "systemctl restart systemd-timesyncd.service",
        "update-ca-certificates ", "systemctl try-restart k3s.service");
    assertThat(read(server, "/etc/hostname")).isEqualTo("store-42-a\n");
    assertThat(read(server, "/etc/systemd/resolved.conf.d/edge-site.conf")).endsWith("[Resolve]\nDNS=10.0.0.2 10.0.0.3\n");
    assertThat(read(server, "/etc/systemd/timesyncd.conf.d/edge-site.conf")).endsWith("[Time]\nNTP=ntp.store-42.example 10.0.0.4\n");
    assertThat(read(server, "/etc/netplan/90-edge-site.yaml")).endsWith("""
        network:
          version: 2
          ethernets:
            "eth0":
              dhcp4: false
              dhcp6: false
              addresses:
                - "10.0.0.5/24"
                - "fd00::5/64"
              routes:
                - to: default
                  via: "10.0.0.1"
        """);
    assertThat(mode(server, "/etc/netplan/90-edge-site.yaml")).isEqualTo("rw-------");
    assertThat(read(server, "/etc/default/k3s")).contains("HTTP_PROXY=\"http://edge:proxy-pass@proxy.store-42:3128\"\n",
        "NO_PROXY=\".corp,10.0.0.0/8,127.0.0.0/8,localhost,.svc,.cluster.local,10.42.0.0/16,10.43.0.0/16\"\n");
    assertThat(read(server, "/usr/local/share/ca-certificates/edge-site/site-1.crt")).isEqualTo(CA_1);
    assertThat(read(server, "/usr/local/share/ca-certificates/edge-site/site-2.crt")).isEqualTo(CA_2);
    assertThat(run.output()).doesNotContain("proxy-pass");

    Map<String, String> none = plan("Configure", "control-plane", server);
    Path emptyBundle = temp.resolve("plan/no-ca.pem");
    Files.writeString(emptyBundle, "");
    none.put("EDGE_CA_CERTIFICATES_FILE", emptyBundle.toString());
    HookRun cleared = succeed(server, "configure", none);

    assertThat(cleared.calls()).containsExactly("systemctl restart systemd-resolved.service", "netplan apply",
        "systemctl restart systemd-timesyncd.service", "update-ca-certificates ", "systemctl try-restart k3s.service");
    assertThat(server.files().keySet()).containsExactlyInAnyOrder("/etc/hostname", BINARY, CONFIG,
        "/etc/rancher/k3s/edge-join-token", "/etc/systemd/system/k3s.service");
  }

  @Test
  @DisplayName("When the agent's HookExecutor runs a Reset plan from a simulated host's wrapped hooks, then the real "
      + "reset hook runs on that host")
  void agentDrivesWrappedHooks() throws Exception {
    HookHost agent = host("agent-1");
    succeed(agent, "install", plan("Join", "worker", agent));
    Plan reset = new Plan(9L, Plan.RESET, "store-42", "worker", null, null, null, List.of(), null, null);

    ApplyResult result;
    try (HookExecutor executor = new HookExecutor(agent.wrapHooks(HOOKS), Duration.ofSeconds(60))) {
      result = executor.apply(reset, Json.write(reset)).get(90, TimeUnit.SECONDS);
    }

    assertThat(result.success()).as(result.message()).isTrue();
    assertThat(result.message()).contains("reset: k3s is gone from this host");
    assertThat(agent.calls()).contains("systemctl disable --now k3s-agent.service");
    assertThat(agent.files()).isEmpty();
  }

  @Test
  @DisplayName("When the site names addresses but no interface, then they go to the first wired interface")
  void firstWiredInterface() throws Exception {
    HookHost server = host("server-1");
    for (String device : List.of("lo", "wlan0/device", "wlan0/wireless", "eth1/device", "eth2/device")) {
      Files.createDirectories(server.path("/sys/class/net/" + device));
    }
    Map<String, String> plan = site(plan("Configure", "control-plane", server));
    plan.put("EDGE_NETWORK_INTERFACE", "");

    succeed(server, "configure", plan);

    assertThat(read(server, "/etc/netplan/90-edge-site.yaml")).contains("  ethernets:\n    \"eth1\":\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "EDGE_NETWORK_INTERFACE= | EDGE_NETWORK_INTERFACE is empty and this host has no wired interface",
      "EDGE_NETWORK_ADDRESSES=10.0.0.5 | EDGE_NETWORK_ADDRESSES entry '10.0.0.5' is not an address with its prefix length",
      "EDGE_HOSTNAME=store_42 | EDGE_HOSTNAME 'store_42' is not a host name",
      "EDGE_HTTP_PROXY=http://proxy:3128 X=1 | EDGE_HTTP_PROXY holds whitespace"})
  @DisplayName("When the site holds a bad value, then configure fails with a clear error and touches nothing")
  void configureBadInput(String assignment, String error) throws Exception {
    HookHost server = host("server-1");
    Map<String, String> plan = site(plan("Configure", "control-plane", server));
    String[] pair = assignment.split("=", 2);
    plan.put(pair[0], pair[1]);

    HookRun run = fail(server, "configure", plan);

    assertThat(run.output()).contains("configure: error: " + error);
    assertThat(run.calls()).isEmpty();
    assertThat(server.files()).isEmpty();
  }

  private static final String CA_1 = "-----BEGIN CERTIFICATE-----\nMIIBsite1\n-----END CERTIFICATE-----\n";
  private static final String CA_2 = "-----BEGIN CERTIFICATE-----\nMIIBsite2\n-----END CERTIFICATE-----\n";

  private HookHost host(String name) throws IOException {
    HookHost host = HookHost.create(temp.resolve("hosts"), name);
    hosts.add(host);
    return host;
  }

  private Map<String, String> plan(String action, String role, HookHost host) {
    Map<String, String> env = new HashMap<>();
    env.put("EDGE_PLAN_ACTION", action);
    env.put("EDGE_PLAN_GENERATION", "3");
    env.put("EDGE_CLUSTER", "store-42");
    env.put("EDGE_ROLE", role);
    env.put("EDGE_PROFILE", "store-edge");
    env.put("EDGE_PROFILE_VERSION", "1.0.0");
    env.put("EDGE_CONTROL_PLANE_ENDPOINT", ENDPOINT);
    env.put("EDGE_PLAN_FILE", temp.resolve("plan/plan.json").toString());
    env.put("EDGE_POD_CIDR", "10.42.0.0/16");
    env.put("EDGE_SERVICE_CIDR", "10.43.0.0/16");
    env.put("EDGE_KUBERNETES_DISTRIBUTION", "k3s");
    env.put("EDGE_KUBERNETES_VERSION", "1.30.2");
    env.put("EDGE_KUBERNETES_IMAGE", "");
    env.put("EDGE_KUBERNETES_BINARY", "");
    env.put("EDGE_KUBERNETES_AIRGAP_IMAGES", "");
    env.put("EDGE_JOIN_SECRET_FILE", secretFile.toString());
    env.put("EDGE_NODE_NAME", host.name());
    env.put("EDGE_NODE_LABELS", "edge.lifecycle.dev/cluster=store-42\nedge.lifecycle.dev/role=" + role + "\n");
    env.put("EDGE_NODE_TAINTS", role.equals("worker") ? "" : "dedicated=edge:NoSchedule\n");
    env.put("EDGE_REGISTRIES_FILE", "");
    return env;
  }

  private Map<String, String> site(Map<String, String> env) throws IOException {
    Path ca = temp.resolve("plan/ca.pem");
    Files.writeString(ca, CA_1 + CA_2);
    env.put("EDGE_SITE_FILE", temp.resolve("plan/site.json").toString());
    env.put("EDGE_HOSTNAME", "store-42-a");
    env.put("EDGE_NETWORK_INTERFACE", "eth0");
    env.put("EDGE_NETWORK_ADDRESSES", "10.0.0.5/24 fd00::5/64");
    env.put("EDGE_NETWORK_GATEWAY", "10.0.0.1");
    env.put("EDGE_DNS_SERVERS", "10.0.0.2 10.0.0.3");
    env.put("EDGE_NTP_SERVERS", "ntp.store-42.example 10.0.0.4");
    env.put("EDGE_HTTP_PROXY", "http://edge:proxy-pass@proxy.store-42:3128");
    env.put("EDGE_HTTPS_PROXY", "http://edge:proxy-pass@proxy.store-42:3128");
    env.put("EDGE_NO_PROXY", ".corp,10.0.0.0/8");
    env.put("EDGE_CA_CERTIFICATES_FILE", ca.toString());
    return env;
  }

  private Path registriesFile() throws IOException {
    Path file = temp.resolve("plan/registries.json");
    Files.writeString(file, "{\"mirrors\":{\"docker.io\":{\"endpoint\":[\"https://registry.store-42.example:5000\"]}}}");
    return file;
  }

  private Path airgapImages() throws IOException {
    Path file = temp.resolve("media/k3s-airgap-images-amd64.tar.zst");
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {40, (byte) 0xb5, 0x2f, (byte) 0xfd, 1, 2, 3});
    return file;
  }

  private void twice(HookHost host, String hook, Map<String, String> env) throws Exception {
    succeed(host, hook, env);
    Map<String, String> files = host.files();

    HookRun again = succeed(host, hook, env);

    assertThat(again.calls()).as("calls of the second " + hook + " on " + host.name())
        .allMatch(call -> READ_ONLY.matcher(call).matches());
    assertThat(host.files()).as("files after the second " + hook + " on " + host.name()).isEqualTo(files);
    assertThat(again.output()).contains("nothing changed").as(hook);
  }

  private HookRun succeed(HookHost host, String hook, Map<String, String> env) throws Exception {
    HookRun run = host.run(HOOKS, hook, env);
    runs.add(run);
    assertThat(run.succeeded()).as(run.describe()).isTrue();
    return run;
  }

  private HookRun fail(HookHost host, String hook, Map<String, String> env) throws Exception {
    HookRun run = host.run(HOOKS, hook, env);
    runs.add(run);
    assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
    return run;
  }

  private static String read(HookHost host, String hostPath) throws IOException {
    return Files.readString(host.path(hostPath));
  }

  private static String mode(HookHost host, String hostPath) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(host.path(hostPath)));
  }

  private static String tokenFile(String config) {
    Matcher matcher = Pattern.compile("(?m)^token-file: \"([^\"]+)\"$").matcher(config);
    assertThat(matcher.find()).as("token-file in\n" + config).isTrue();
    return matcher.group(1);
  }
}
