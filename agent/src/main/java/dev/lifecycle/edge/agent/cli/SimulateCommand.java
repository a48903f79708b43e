package dev.lifecycle.edge.agent.cli;

import dev.lifecycle.edge.agent.sim.FleetCounters;
import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.cli.DurationConverter;
import dev.lifecycle.edge.wire.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code edge-agent.jar simulate}: N simulated hosts in this process, until interrupted or for a duration. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Runs N simulated hosts against the gateway, printing a progress line every few seconds.")
final class SimulateCommand implements Callable<Integer> {

  /** The logger of the per-host agent loops: warnings only unless --verbose. */
  static final String HOST_LOGGER = "dev.lifecycle.edge.agent.loop";

  @Spec
  private CommandSpec spec;

  @Mixin
  private GatewayOptions gateway;

  @Option(names = "--hosts", paramLabel = "N", required = true, description = "How many hosts to simulate.")
  private int hosts;

  @Option(names = "--machine-id-prefix", paramLabel = "P", defaultValue = "sim",
      description = "Host i gets machine id and hostname P-i (default: ${DEFAULT-VALUE}).")
  private String machineIdPrefix;

  @Option(names = "--apply-seconds", paramLabel = "S", defaultValue = "2",
      description = "How long applying a plan takes, in seconds (default: ${DEFAULT-VALUE}).")
  private double applySeconds;

  @Option(names = "--fail-version", paramLabel = "V",
      description = "Every host reports Failed for plans of profile version V (with --fail-host: only those "
          + "hosts).")
  private String failVersion;

  @Option(names = "--fail-host", paramLabel = "I",
      description = "Host index I reports Failed for every plan but a Reset (with --fail-version: only for "
          + "plans of that version; repeatable).")
  private List<Integer> failHosts = new ArrayList<>();

  @Option(names = "--label", paramLabel = "KEY=VALUE",
      description = "A label every host asks for at registration (repeatable).")
  private Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after this long (default: run until interrupted).")
  private Duration duration;

  @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "5s",
      converter = DurationConverter.class, description = "How often to print progress (default: ${DEFAULT-VALUE}).")
  private Duration progressInterval;

  @Option(names = "--verbose", description = "Log every host's registrations and plans, not only warnings.")
  private boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    FleetSimulator.Builder builder = settings();
    if (!verbose && System.getProperty("org.slf4j.simpleLogger.log." + HOST_LOGGER) == null) {
      System.setProperty("org.slf4j.simpleLogger.log." + HOST_LOGGER, "warn");
    }
    Logger log = LoggerFactory.getLogger(SimulateCommand.class);
    FleetSimulator fleet = builder.build();
    try {
      Thread interrupted = new Thread(() -> {
        log.info("Stopping: {}", fleet.counters().summary());
        fleet.close();
      }, "simulator-shutdown");
      Runtime.getRuntime().addShutdownHook(interrupted);
      log.info("Simulating {} hosts ({}-0 to {}-{}) against {}{}", hosts, machineIdPrefix, machineIdPrefix,
          hosts - 1, gateway.gateway(), duration == null ? "" : " for " + Durations.format(duration));
      fleet.start();
      boolean allRefused = waitForEnd(fleet, log);
      Runtime.getRuntime().removeShutdownHook(interrupted);
      FleetCounters counters = fleet.counters();
      log.info("Done: {}", counters.summary());
      if (allRefused) {
        log.error("The gateway refused the registration of every host: see the warnings above for why");
        return ExitCodes.REFUSED;
      }
      return 0;
    } finally {
      fleet.close();
    }
  }

  /** Waits until every host was refused (true), or the duration passes or the process is interrupted. */
  private boolean waitForEnd(FleetSimulator fleet, Logger log) throws InterruptedException {
    CompletableFuture<Void> refused = fleet.allRefused();
    long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    while (System.nanoTime() - deadline < 0) {
      long wait = Math.min(progressInterval.toNanos(), deadline - System.nanoTime());
      try {
        refused.get(Math.max(wait, 0), TimeUnit.NANOSECONDS);
        return true;
      } catch (TimeoutException progress) {
        if (System.nanoTime() - deadline < 0) {
          log.info("{}", fleet.counters().summary());
        }
      } catch (ExecutionException impossible) {
        throw new IllegalStateException(impossible.getCause());
      }
    }
    return refused.isDone();
  }

  private FleetSimulator.Builder settings() {
    if (hosts < 1) {
      throw new ParameterException(spec.commandLine(), "--hosts must be at least 1, got " + hosts);
    }
    if (applySeconds < 0 || Double.isNaN(applySeconds) || Double.isInfinite(applySeconds)) {
      throw new ParameterException(spec.commandLine(), "--apply-seconds must be 0 or more, got " + applySeconds);
    }
    if (progressInterval.isZero()) {
      throw new ParameterException(spec.commandLine(), "--progress-interval must be more than 0s");
    }
    for (int index : failHosts) {
      if (index < 0 || index >= hosts) {
        throw new ParameterException(spec.commandLine(),
            "--fail-host " + index + " is not a host index: hosts are 0 to " + (hosts - 1));
      }
    }
    FleetSimulator.Builder builder = FleetSimulator.builder(gateway.gateway(), gateway.token())
        .hosts(hosts)
        .machineIdPrefix(machineIdPrefix)
        .applyTime(Duration.ofMillis(Math.round(applySeconds * 1000)))
        .pollInterval(gateway.pollInterval())
        .longPoll(gateway.longPoll())
        .failVersion(failVersion);
    gateway.caCert().ifPresent(builder::caCert);
    failHosts.forEach(builder::failHost);
    labels.forEach(builder::label);
    return builder;
  }
}
