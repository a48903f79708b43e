package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.agent.sim.FleetCounters;
import dev.lifecycle.edge.agent.sim.FleetSimulator;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationRecord;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.operator.token.TokenSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Phase 4, on-site deployment: N simulated hosts, the real agent's fleet simulator, register through the
 * gateway with the token read from the token's Secret; host 0 presents the pre-provisioned host's machine
 * id and claims it; with --fail-upgrade, the last host is set to fail the new profile version. Done when
 * N EdgeHosts carry a registration.
 */
final class RegistrationStage implements Stage {

  private final DemoEnvironment environment;
  private final DemoSamples samples;
  private final DemoOptions options;
  private FleetSimulator fleet;

  RegistrationStage(DemoEnvironment environment, DemoSamples samples, DemoOptions options) {
    this.environment = environment;
    this.samples = samples;
    this.options = options;
  }

  @Override
  public StageName name() {
    return StageName.REGISTRATION;
  }

  @Override
  public String goal() {
    return options.hosts() + " simulated hosts register through the gateway with the token from Secret "
        + samples.token().getMetadata().getName();
  }

  @Override
  public void begin() {
    String name = samples.token().getMetadata().getName();
    Secret secret = environment.client().secrets().inNamespace(environment.namespace()).withName(name).get();
    String token = Optional.ofNullable(secret).flatMap(TokenSecrets::tokenOf)
        .orElseThrow(() -> new IllegalStateException("Secret " + name + " holds no token"));
    String newVersion = samples.toProfile().getSpec().getVersion();
    fleet = environment.startFleet(token, builder -> {
      builder.hosts(options.hosts()).machineIdPrefix(samples.machineIdPrefix()).applyTime(options.applyTime());
      // The failing host applies the first version and fails only the new one: the upgrade, not the formation.
      options.failingHost().ifPresent(index -> builder.failVersion(newVersion).failHost(index));
      return builder;
    });
  }

  @Override
  public StageStatus check() {
    List<EdgeHost> hosts = environment.client().resources(EdgeHost.class).inNamespace(environment.namespace())
        .list().getItems();
    return judge(hosts, options.hosts(), fleet.counters().refused(),
        samples.preProvisioned().map(h -> h.getMetadata().getName()));
  }

  /**
   * Done when {@code expected} hosts are registered; failed as soon as the gateway refused one (a refused
   * agent stops). Notes the claim of the pre-provisioned host.
   */
  static StageStatus judge(List<EdgeHost> hosts, int expected, int refused, Optional<String> preProvisioned) {
    List<String> notes = new ArrayList<>();
    long registered = 0;
    for (EdgeHost host : hosts) {
      RegistrationRecord registration = host.getStatus() == null ? null : host.getStatus().getRegistration();
      if (registration == null) {
        continue;
      }
      registered++;
      if (preProvisioned.filter(host.getMetadata().getName()::equals).isPresent()) {
        notes.add("EdgeHost " + host.getMetadata().getName() + " (pre-provisioned) claimed by machine "
            + registration.getMachineId());
      }
    }
    if (refused > 0) {
      return StageStatus.failed("the gateway refused " + refused + " of " + expected + " hosts").withNotes(notes);
    }
    if (registered >= expected) {
      return StageStatus.done(registered + "/" + expected + " hosts registered through the gateway").withNotes(notes);
    }
    return new StageStatus(StageStatus.State.WAITING, "hosts registered", (int) registered, expected, notes);
  }

  @Override
  public List<String> diagnose() {
    List<String> lines = new ArrayList<>();
    if (fleet != null) {
      FleetCounters counters = fleet.counters();
      lines.add("simulated " + counters.summary());
    }
    String name = samples.token().getMetadata().getName();
    RegistrationToken token = environment.client().resources(RegistrationToken.class)
        .inNamespace(environment.namespace()).withName(name).get();
    if (token != null && token.getStatus() != null) {
      lines.add("RegistrationToken " + name + ": phase " + token.getStatus().getPhase() + ", registrations "
          + token.getStatus().getRegistrations() + (token.getSpec().getMaxRegistrations() == null ? ""
          : " of at most " + token.getSpec().getMaxRegistrations()));
    }
    return lines;
  }
}
