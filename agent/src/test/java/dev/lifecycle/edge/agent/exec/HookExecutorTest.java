package dev.lifecycle.edge.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.wire.Json;
import dev.lifecycle.edge.wire.Plan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookExecutorTest {

  private static final String PLAN_JSON = "{\"generation\":7,\"action\":\"Upgrade\",\"cluster\":\"store-cluster\","
      + "\"role\":\"worker\",\"profile\":\"edge-k3s\",\"profileVersion\":\"1.1.0\","
      + "\"controlPlaneEndpoint\":\"10.0.0.10:6443\",\"layers\":[{\"name\":\"k3s\"}]}";

  @TempDir
  Path hooks;

  private HookExecutor executor;

  @AfterEach
  void close() {
    if (executor != null) {
      executor.close();
    }
  }

  @Test
  @DisplayName("When the hook exits 0, then the plan is applied and the report carries its last output")
  void success() throws IOException {
    hook("install", "echo installing k3s\necho done");

    ApplyResult result = apply(plan("Init"), Duration.ofSeconds(10));

    assertThat(result.success()).isTrue();
    assertThat(result.message()).startsWith("install succeeded in").endsWith("installing k3s\ndone");
  }

  @Test
  @DisplayName("When the hook runs, then it gets the plan in EDGE_ variables and whole in EDGE_PLAN_FILE")
  void environment() throws IOException {
    Path seen = hooks.resolve("seen.properties");
    Path planCopy = hooks.resolve("plan-copy.json");
    hook("upgrade", "env | grep '^EDGE_' > " + seen + "\ncp \"$EDGE_PLAN_FILE\" " + planCopy);

    ApplyResult result = apply(plan("Upgrade"), Duration.ofSeconds(10));

    assertThat(result.success()).as(result.message()).isTrue();
    Properties env = new Properties();
    env.load(Files.newBufferedReader(seen));
    assertThat(env).containsEntry("EDGE_PLAN_ACTION", "Upgrade")
        .containsEntry("EDGE_PLAN_GENERATION", "7")
        .containsEntry("EDGE_CLUSTER", "store-cluster")
        .containsEntry("EDGE_ROLE", "worker")
        .containsEntry("EDGE_PROFILE", "edge-k3s")
        .containsEntry("EDGE_PROFILE_VERSION", "1.1.0")
        .containsEntry("EDGE_CONTROL_PLANE_ENDPOINT", "10.0.0.10:6443")
        .containsKey("EDGE_PLAN_FILE");
    assertThat(Files.readString(planCopy)).isEqualTo(PLAN_JSON);
    assertThat(Path.of(env.getProperty("EDGE_PLAN_FILE"))).as("the plan file is removed afterwards").doesNotExist();
  }

  @Test
  @DisplayName("When the hook exits non-zero, then the plan failed with its status and its last 20 lines")
  void nonZeroExit() throws IOException {
    hook("install", "for i in $(seq 1 30); do echo line $i; done\necho broken >&2\nexit 3");

    ApplyResult result = apply(plan("Join"), Duration.ofSeconds(10));

    assertThat(result.success()).isFalse();
    assertThat(result.message()).startsWith("install exited with status 3:\n")
        .contains("line 30\nbroken")
        .doesNotContain("line 11\n");
    assertThat(result.message().lines()).hasSize(21);
  }

  @Test
  @DisplayName("When the hook outlives its timeout, then it and its children are killed and the plan failed")
  void timeout() throws IOException {
    Path childPid = hooks.resolve("child.pid");
    hook("install", "sleep 60 &\necho $! > " + childPid + "\necho started\nsleep 60");

    long started = System.nanoTime();
    ApplyResult result = apply(plan("Init"), Duration.ofSeconds(1));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(result.success()).isFalse();
    assertThat(result.message()).startsWith("install timed out after 1s").contains("started");
    long pid = Long.parseLong(Files.readString(childPid).strip());
    await().atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true));
  }

  @Test
  @DisplayName("When the hook for the action does not exist, then the plan failed naming the missing file")
  void missingHook() {
    ApplyResult result = apply(plan("Reset"), Duration.ofSeconds(10));

    assertThat(result.success()).isFalse();
    assertThat(result.message()).isEqualTo("hook " + hooks.resolve("reset") + " does not exist");
  }

  @Test
  @DisplayName("When the hook is not executable, then the plan failed saying so")
  void notExecutable() throws IOException {
    Files.writeString(hooks.resolve("install"), "#!/bin/sh\nexit 0\n");

    ApplyResult result = apply(plan("Init"), Duration.ofSeconds(10));

    assertThat(result.success()).isFalse();
    assertThat(result.message()).isEqualTo("hook " + hooks.resolve("install") + " is not an executable file");
  }

  @Test
  @DisplayName("When the plan's action is unknown, then it failed naming the actions the agent knows")
  void unknownAction() {
    ApplyResult result = apply(plan("Reboot"), Duration.ofSeconds(10));

    assertThat(result.success()).isFalse();
    assertThat(result.message()).contains("unknown plan action 'Reboot'").contains("Init, Join, Upgrade, Reset and Configure");
  }

  @Test
  @DisplayName("When a reset plan (no profile, no version) runs, then the log names the action and no null")
  void resetLogLine() throws IOException {
    hook("reset", "exit 0");
    Plan reset = new Plan(9L, Plan.RESET, null, null, null, null, null, List.of(), null, null);
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      executor = new HookExecutor(hooks, Duration.ofSeconds(10));
      assertThat(executor.apply(reset, "{}").get(30, TimeUnit.SECONDS).success()).isTrue();
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      System.setErr(stderr);
    }

    assertThat(logged.toString(StandardCharsets.UTF_8)).contains("for plan generation 9 (Reset)")
        .doesNotContain("null");
  }

  @Test
  @DisplayName("When actions map to hooks, then Init and Join install, Upgrade upgrades, Reset resets, Configure "
      + "configures")
  void hookNames() {
    assertThat(List.of("Init", "Join", "Upgrade", "Reset", "Configure").stream()
        .map(a -> HookExecutor.hookFor(a).orElseThrow()))
        .containsExactly("install", "install", "upgrade", "reset", "configure");
    assertThat(HookExecutor.hookFor(null)).isEmpty();
  }

  @Test
  @DisplayName("When a hook prints the join secret, then neither the report nor the log shows it, and the hook "
      + "read it from a 0600 file named in EDGE_JOIN_SECRET_FILE, with its host's name in EDGE_NODE_NAME")
  void joinSecret() throws Exception {
    Path seen = hooks.resolve("seen");
    hook("install", "stat -c %a \"$EDGE_JOIN_SECRET_FILE\" \"$EDGE_PLAN_FILE\" > " + seen + "\n"
        + "echo \"$EDGE_NODE_NAME\" >> " + seen + "\n"
        + "echo \"k3s agent --token $(cat \"$EDGE_JOIN_SECRET_FILE\")\"");
    Plan plan = Json.read(PlanEnvironmentTest.PLAN_JSON, Plan.class);
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    ApplyResult result;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      executor = new HookExecutor(hooks, Duration.ofSeconds(10));
      result = executor.apply(plan, PlanEnvironmentTest.PLAN_JSON, "store-w-1").get(30, TimeUnit.SECONDS);
    } finally {
      System.setErr(original);
    }

    assertThat(result.success()).as(result.message()).isTrue();
    assertThat(Files.readAllLines(seen)).containsExactly("600", "600", "store-w-1");
    assertThat(result.message()).endsWith("k3s agent --token (join secret hidden)")
        .doesNotContain(PlanEnvironmentTest.SECRET);
    assertThat(captured.toString(StandardCharsets.UTF_8)).as("the hook's output is logged, redacted")
        .contains("k3s agent --token (join secret hidden)").doesNotContain(PlanEnvironmentTest.SECRET);
  }

  private ApplyResult apply(Plan plan, Duration timeout) {
    executor = new HookExecutor(hooks, timeout);
    String json = PLAN_JSON.replace("\"Upgrade\"", "\"" + plan.action() + "\"");
    try {
      return executor.apply(plan, json).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Plan plan(String action) {
    Plan plan = Json.read(PLAN_JSON, Plan.class);
    return new Plan(plan.generation(), action, plan.cluster(), plan.role(), plan.profile(), plan.profileVersion(),
        plan.controlPlaneEndpoint(), plan.layers(), plan.issuedAt(), plan.rollout());
  }

  private void hook(String name, String body) throws IOException {
    Path hook = hooks.resolve(name);
    Files.writeString(hook, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
  }
}
