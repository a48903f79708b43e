package dev.lifecycle.edge.agent.cli;

import dev.lifecycle.edge.agent.client.GatewayClient;
import dev.lifecycle.edge.agent.exec.HookExecutor;
import dev.lifecycle.edge.agent.host.InventoryProbe;
import dev.lifecycle.edge.agent.host.LocalHost;
import dev.lifecycle.edge.agent.loop.AgentLoop;
import dev.lifecycle.edge.agent.loop.AgentPhase;
import dev.lifecycle.edge.agent.loop.HostIdentity;
import dev.lifecycle.edge.agent.state.FileStateStore;
import dev.lifecycle.edge.cli.DurationConverter;
import dev.lifecycle.edge.wire.Durations;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code edge-agent.jar run}: the agent of one real host, until stopped or refused. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Registers this host through the gateway, applies its plan with the hooks, reports.")
final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Spec
  private CommandSpec spec;

  @Mixin
  private GatewayOptions gateway;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/edge-agent",
      description = "Where the credential is kept, readable by the owner only (default: ${DEFAULT-VALUE}).")
  private Path stateDir;

  @Option(names = "--hooks-dir", paramLabel = "DIR", defaultValue = "/etc/edge-agent/hooks",
      description = "Where the install, upgrade and reset hooks are (default: ${DEFAULT-VALUE}).")
  private Path hooksDir;

  @Option(names = "--machine-id", paramLabel = "ID", description = "The machine id (default: /etc/machine-id).")
  private String machineId;

  @Option(names = "--hostname", paramLabel = "NAME", description = "The host name (default: the local host name).")
  private String hostname;

  @Option(names = "--hook-timeout", paramLabel = "DURATION", defaultValue = "30m",
      converter = DurationConverter.class,
      description = "How long a hook may run before it is killed (default: ${DEFAULT-VALUE}).")
  private Duration hookTimeout;

  @Override
  public Integer call() {
    String token = gateway.token();
    HostIdentity identity = new HostIdentity(machineId(), hostname(), InventoryProbe.probe(), null, Map.of());
    FileStateStore store = stateStore();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("agent-scheduler"));
    ExecutorService http = Executors.newFixedThreadPool(2, daemon("agent-http"));
    GatewayClient client = gateway.client(http);
    HookExecutor hooks = new HookExecutor(hooksDir, hookTimeout);
    AgentLoop loop = AgentLoop.builder(client, token, identity)
        .executor(hooks).scheduler(scheduler).store(store).pollInterval(gateway.pollInterval())
        .longPoll(gateway.longPoll()).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      loop.close();
      hooks.close();
    }, "agent-shutdown"));
    LOG.info("Edge agent for machine {} ({}): gateway {}, hooks in {}, state in {}, polling every {}",
        identity.machineId(), identity.hostname(), client.gateway(), hooksDir, stateDir,
        Durations.format(gateway.pollInterval()));
    loop.start();
    AgentPhase end = loop.stopped().join();
    hooks.close();
    scheduler.shutdownNow();
    http.shutdownNow();
    return end == AgentPhase.REFUSED ? ExitCodes.REFUSED : 0;
  }

  private String machineId() {
    if (machineId != null) {
      return machineId;
    }
    return LocalHost.machineId(LocalHost.MACHINE_ID_FILE).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "no --machine-id given and " + LocalHost.MACHINE_ID_FILE + " holds none"));
  }

  private String hostname() {
    return hostname != null ? hostname : LocalHost.hostname().orElse(null);
  }

  private FileStateStore stateStore() {
    try {
      return new FileStateStore(stateDir);
    } catch (UncheckedIOException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
