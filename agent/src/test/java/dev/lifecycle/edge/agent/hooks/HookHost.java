package dev.lifecycle.edge.agent.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A simulated host for the real hook scripts of {@code agent/hooks}: a folder of its own as the host's
 * root ({@code EDGE_HOOK_ROOT}), the stand-ins of {@code k3s-standins/} (k3s, curl, systemctl,
 * hostnamectl, update-ca-certificates, netplan, ip, umount, pgrep, ip[6]tables-save/-restore) first
 * on {@code PATH}, each recording its arguments, one line a call, in the host's call log.
 *
 * <p>{@link #wrapHooks(Path)} makes a hooks folder for this host whose scripts set that environment
 * and exec the real hooks, so an agent's {@code HookExecutor} (which passes only the plan's
 * variables) drives real hook processes on this host: give it {@code wrapHooks(K3sHooks)} as its
 * hooks directory; {@link #wrapHooks(Path, Path)} also records when each hook starts and ends on a
 * timeline several hosts share. Tests of other modules reach this class through the agent's test-jar.
 */
public final class HookHost {

  /** The stand-ins, as files under {@code k3s-standins/} on the test classpath. */
  public static final List<String> STANDINS = List.of("k3s", "curl", "systemctl", "hostnamectl",
      "update-ca-certificates", "netplan", "ip", "umount", "pgrep", "iptables-save", "iptables-restore",
      "ip6tables-save", "ip6tables-restore");
  public static final List<String> HOOKS = List.of("install", "upgrade", "reset", "configure");
  /** The variable naming a timeline file that wrapped hooks append their start and end to. */
  public static final String TIMELINE = "EDGE_STANDIN_TIMELINE";
  private static final long TIMEOUT_SECONDS = 120;

  private final String name;
  private final Path home;

  private HookHost(String name, Path home) {
    this.name = name;
    this.home = home;
  }

  /** A new host named {@code name} in {@code parent}/{@code name}, with its stand-ins installed. */
  public static HookHost create(Path parent, String name) throws IOException {
    HookHost host = new HookHost(name, parent.resolve(name));
    Files.createDirectories(host.root());
    Files.createDirectories(host.state());
    Files.createDirectories(host.standins());
    Files.writeString(host.log(), "");
    for (String standin : STANDINS) {
      Path target = host.standins().resolve(standin);
      try (InputStream in = HookHost.class.getResourceAsStream("/k3s-standins/" + standin)) {
        Files.copy(Objects.requireNonNull(in, "stand-in " + standin + " is not on the classpath"), target);
      }
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return host;
  }

  /** The folder of the reference k3s hooks, found from the working directory up (any module of the repo). */
  public static Path k3sHooks() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path hooks = dir.resolve("agent/hooks/k3s");
      if (Files.isRegularFile(hooks.resolve("install"))) {
        return hooks;
      }
    }
    throw new IllegalStateException("agent/hooks/k3s not found above " + Path.of("").toAbsolutePath());
  }

  public String name() {
    return name;
  }

  /** The host's root: what the hooks see as {@code /}. */
  public Path root() {
    return home.resolve("root");
  }

  /** Where the stand-ins keep their state (units' enabled/active files, iptables rules, switches). */
  public Path state() {
    return home.resolve("standin-state");
  }

  public Path log() {
    return home.resolve("calls.log");
  }

  private Path standins() {
    return home.resolve("standins");
  }

  /** {@code hostPath} (absolute, as on the host) under this host's root. */
  public Path path(String hostPath) {
    return root().resolve(hostPath.replaceFirst("^/+", ""));
  }

  /** Every call the stand-ins recorded so far, oldest first. */
  public List<String> calls() {
    try {
      return Files.readAllLines(log());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The variables that make a process run on this host: its root, the stand-ins first on PATH. */
  public Map<String, String> hostEnvironment() {
    return Map.of("EDGE_HOOK_ROOT", root().toString(),
        "EDGE_STANDIN_LOG", log().toString(),
        "EDGE_STANDIN_STATE", state().toString(),
        "PATH", standins() + ":" + System.getenv("PATH"));
  }

  /**
   * A hooks folder for this host: one script per hook of {@code hooks} that sets
   * {@link #hostEnvironment()} and execs the real hook.
   */
  public Path wrapHooks(Path hooks) throws IOException {
    return wrapHooks(hooks, "hooks", Map.of());
  }

  /**
   * {@link #wrapHooks(Path)}, each hook also appending {@code start <host> <hook>} before it runs and
   * {@code end <host> <hook> <exit status>} when it has ended to {@code timeline}, a file any number of
   * hosts may share: appends of one line are atomic, so the file's order of lines is the order in which
   * hooks of all hosts started and ended (per-host call logs cannot say that, they have no timestamps).
   * The same happens when {@value #TIMELINE} is in the environment of a hook run by {@link #run}.
   */
  public Path wrapHooks(Path hooks, Path timeline) throws IOException {
    return wrapHooks(hooks, "hooks", Map.of(TIMELINE, timeline.toAbsolutePath().toString()));
  }

  private Path wrapHooks(Path hooks, String folder, Map<String, String> extra) throws IOException {
    Path wrapped = home.resolve(folder);
    Files.createDirectories(wrapped);
    Map<String, String> environment = new TreeMap<>(hostEnvironment());
    environment.putAll(extra);
    StringBuilder exports = new StringBuilder();
    environment.forEach((key, value) -> exports.append("export ").append(key).append('=')
        .append(quoted(value)).append('\n'));
    for (String hook : HOOKS) {
      Path script = wrapped.resolve(hook);
      String real = quoted(hooks.toAbsolutePath().resolve(hook).toString());
      String mark = quoted(name) + " " + hook;
      Files.writeString(script, "#!/usr/bin/env bash\n# Runs " + hook + " on the simulated host " + name + ".\n"
          + exports
          + "if [ -z \"${" + TIMELINE + ":-}\" ]; then\n"
          + "  exec " + real + " \"$@\"\n"
          + "fi\n"
          + "printf 'start %s %s\\n' " + mark + " >>\"$" + TIMELINE + "\"\n"
          + "status=0\n"
          + real + " \"$@\" || status=$?\n"
          + "printf 'end %s %s %s\\n' " + mark + " \"$status\" >>\"$" + TIMELINE + "\"\n"
          + "exit \"$status\"\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return wrapped;
  }

  /**
   * Runs {@code hook} (install, upgrade, reset, configure) of {@code hooks} on this host with the
   * plan's {@code environment}; variables named EDGE_ from the test's own environment are not passed.
   */
  public HookRun run(Path hooks, String hook, Map<String, String> environment) throws IOException,
      InterruptedException {
    // A folder of its own, so that it never rewrites the wrappers an agent of this host runs.
    Path script = wrapHooks(hooks, "run-hooks", Map.of()).resolve(hook);
    int callsBefore = calls().size();
    ProcessBuilder builder = new ProcessBuilder(script.toString()).directory(home.toFile())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().keySet().removeIf(key -> key.startsWith("EDGE_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(hook + " on " + name + " did not end within " + TIMEOUT_SECONDS + " s");
    }
    List<String> all = calls();
    return new HookRun(hook, process.exitValue(), output, List.copyOf(all.subList(callsBefore, all.size())));
  }

  /** Every regular file under the root: host path to permissions and SHA-256 of its bytes. */
  public Map<String, String> files() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root())) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put("/" + root().relativize(file), PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
            + " " + sha256(Files.readAllBytes(file)));
      }
    }
    return files;
  }

  /** Writes to {@code target} a k3s stand-in that reports {@code release} (a plan's local binary). */
  public static Path k3sBinary(Path target, String release) throws IOException {
    try (InputStream in = HookHost.class.getResourceAsStream("/k3s-standins/k3s")) {
      String script = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.writeString(target, script.replaceFirst("(?m)^STANDIN_VERSION=.*$", "STANDIN_VERSION='" + release + "'"));
    }
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    return target;
  }

  private static String quoted(String value) {
    if (value.contains("'")) {
      throw new IllegalArgumentException("a simulated host's paths hold no single quote: " + value);
    }
    return "'" + value + "'";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One hook process: its exit status, its output (stdout and stderr) and the calls it made. */
  public record HookRun(String hook, int exitCode, String output, List<String> calls) {

    public boolean succeeded() {
      return exitCode == 0;
    }

    public String describe() {
      return hook + " exited " + exitCode + "\n--- output\n" + output + "--- calls\n" + String.join("\n", calls);
    }
  }
}
