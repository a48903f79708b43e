package dev.lifecycle.edge.agent.exec;

import dev.lifecycle.edge.wire.Durations;
import dev.lifecycle.edge.wire.Json;
import dev.lifecycle.edge.wire.Plan;
import dev.lifecycle.edge.wire.Site;
import dev.lifecycle.edge.wire.SiteLayers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a plan on a real host by running a script of the hooks directory: {@code install} for
 * Init and Join, {@code upgrade} for Upgrade, {@code reset} for Reset, and {@code configure} for the
 * site settings ({@link #configure}, run by {@link SiteApplier} before the action's hook when they
 * changed, and alone for a Configure plan). The hook gets the plan in the environment
 * {@link PlanEnvironment} prepares (action, generation, cluster, role, profile, endpoint, ranges,
 * Kubernetes layer, node name, labels and taints; the plan, the join secret and registry mirrors as
 * 0600 files, deleted when the hook is over).
 * Exit status 0 is Applied; anything else, a missing hook or a timeout is
 * Failed, with the last lines of output. One hook runs at a time.
 */
public final class HookExecutor implements PlanExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(HookExecutor.class);
  /** The hook that applies site settings. */
  public static final String CONFIGURE_HOOK = "configure";

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final Path hooksDirectory;
  private final Duration timeout;
  private final ProcessRunner runner = new ProcessRunner();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "hook-runner");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * @param hooksDirectory where the install, upgrade and reset scripts are
   * @param timeout how long one hook may run before it is killed
   */
  public HookExecutor(Path hooksDirectory, Duration timeout) {
    this.hooksDirectory = hooksDirectory;
    this.timeout = timeout;
  }

  /** The hook that applies {@code action}, if the action is one the agent knows. */
  public static Optional<String> hookFor(String action) {
    return Optional.ofNullable(switch (Objects.requireNonNullElse(action, "")) {
      case "Init", "Join" -> "install";
      case "Upgrade" -> "upgrade";
      case Plan.RESET -> "reset";
      case Plan.CONFIGURE -> CONFIGURE_HOOK;
      default -> null;
    });
  }

  @Override
  public CompletableFuture<ApplyResult> apply(Plan plan, String planJson) {
    return apply(plan, planJson, "");
  }

  @Override
  public CompletableFuture<ApplyResult> apply(Plan plan, String planJson, String hostName) {
    if (plan.isConfigure()) {
      // The configure hook needs the effective settings: SiteApplier runs it through configure().
      return CompletableFuture.completedFuture(ApplyResult.applied(null));
    }
    return CompletableFuture.supplyAsync(() -> run(plan, planJson, hostName), worker);
  }

  /**
   * Runs the {@code configure} hook with the plan's environment, plus the effective site settings
   * ({@link SiteEnvironment}): {@code EDGE_SITE_FILE} (JSON) and {@code EDGE_CA_CERTIFICATES_FILE} (PEM),
   * both readable by the agent's user only and deleted afterwards.
   */
  @Override
  public CompletableFuture<ApplyResult> configure(Plan plan, String planJson, Site site) {
    return CompletableFuture.supplyAsync(() -> runConfigure(plan, planJson, site), worker);
  }

  private ApplyResult runConfigure(Plan plan, String planJson, Site site) {
    Path siteFile = null;
    Path caFile = null;
    try {
      siteFile = Files.createTempFile("edge-site-", ".json", OWNER_ONLY);
      Files.writeString(siteFile, Json.write(SiteLayers.merge(site)));
      caFile = Files.createTempFile("edge-ca-", ".pem", OWNER_ONLY);
      Files.writeString(caFile, SiteEnvironment.caBundle(site));
      return runHook(CONFIGURE_HOOK, plan, planJson, "", SiteEnvironment.of(site, siteFile, caFile));
    } catch (IOException e) {
      return ApplyResult.failed("hook " + hooksDirectory.resolve(CONFIGURE_HOOK) + " could not run: "
          + e.getMessage());
    } finally {
      deleteQuietly(siteFile);
      deleteQuietly(caFile);
    }
  }

  @Override
  public void close() {
    runner.kill();
    worker.shutdownNow();
  }

  private ApplyResult run(Plan plan, String planJson, String hostName) {
    Optional<String> hookName = hookFor(plan.action());
    if (hookName.isEmpty()) {
      return ApplyResult.failed("unknown plan action '" + plan.action() + "': the agent knows Init, Join, "
          + "Upgrade, Reset and Configure");
    }
    return runHook(hookName.get(), plan, planJson, hostName, Map.of());
  }

  private ApplyResult runHook(String hookName, Plan plan, String planJson, String hostName,
      Map<String, String> extra) {
    Path hook = hooksDirectory.resolve(hookName);
    if (!Files.exists(hook)) {
      return ApplyResult.failed("hook " + hook + " does not exist");
    }
    if (!Files.isRegularFile(hook) || !Files.isExecutable(hook)) {
      return ApplyResult.failed("hook " + hook + " is not an executable file");
    }
    LOG.info("Running {} for plan generation {} ({})", hook, plan.generation(), plan.describe());
    long started = System.nanoTime();
    try (PlanEnvironment planEnvironment = PlanEnvironment.prepare(plan, planJson, hostName)) {
      Map<String, String> environment = new LinkedHashMap<>(planEnvironment.variables());
      environment.putAll(extra);
      ProcessOutcome outcome = runner.run(List.of(hook.toString()), environment, hooksDirectory, timeout,
          hookName, planEnvironment::redact);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      return result(hookName, outcome, took);
    } catch (IOException e) {
      return ApplyResult.failed("hook " + hook + " could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ApplyResult.failed("hook " + hook + " was stopped: the agent is shutting down");
    }
  }

  private ApplyResult result(String hookName, ProcessOutcome outcome, Duration took) {
    if (outcome.timedOut()) {
      return ApplyResult.failed(withTail(hookName + " timed out after " + Durations.format(timeout), outcome));
    }
    if (outcome.exitCode() != 0) {
      return ApplyResult.failed(withTail(hookName + " exited with status " + outcome.exitCode(), outcome));
    }
    return ApplyResult.applied(withTail(hookName + " succeeded in " + Durations.format(
        Duration.ofMillis(took.toMillis())), outcome));
  }

  private static String withTail(String summary, ProcessOutcome outcome) {
    return outcome.tail().isEmpty() ? summary : summary + ":\n" + outcome.tail();
  }


  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("Could not delete {}: {}", file, e.getMessage());
      }
    }
  }
}
