package dev.lifecycle.edge.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Leader election among replicas of the operator (java-operator-sdk's, on a coordination.k8s.io Lease):
 * the holder of the Lease reconciles, the others keep their caches warm and wait. The gateway is not
 * part of it: it serves on every replica.
 *
 * @param leaseName the Lease's name
 * @param leaseNamespace the Lease's namespace
 * @param identity this replica's name in the Lease (the pod name, unique among replicas)
 * @param leaseDuration how long a Lease not renewed holds before another replica may take it
 * @param renewDeadline how long the holder keeps trying to renew before it gives up leading
 * @param retryPeriod how often replicas try to acquire or renew
 */
public record LeaderElection(String leaseName, String leaseNamespace, String identity, Duration leaseDuration,
    Duration renewDeadline, Duration retryPeriod) {

  /** The Lease every replica of the operator competes for. */
  public static final String LEASE_NAME = "edge-operator-lock";
  /** The environment variable the chart sets from the pod's namespace (downward API). */
  public static final String POD_NAMESPACE = "POD_NAMESPACE";

  public LeaderElection {
    Objects.requireNonNull(leaseName, "leaseName");
    Objects.requireNonNull(leaseNamespace, "leaseNamespace");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(renewDeadline, "renewDeadline");
    Objects.requireNonNull(retryPeriod, "retryPeriod");
    if (!(leaseDuration.compareTo(renewDeadline) > 0 && renewDeadline.compareTo(retryPeriod) > 0)) {
      throw new IllegalArgumentException("leader election needs leaseDuration > renewDeadline > retryPeriod, got "
          + leaseDuration + ", " + renewDeadline + ", " + retryPeriod);
    }
  }

  /**
   * The Lease {@value #LEASE_NAME} in the namespace, java-operator-sdk's timings (15 s lease, 10 s renew
   * deadline, 2 s retry), and this replica's identity from {@code HOSTNAME} (the pod name) or a random one.
   */
  public static LeaderElection inNamespace(String namespace) {
    String hostname = System.getenv("HOSTNAME");
    String identity = hostname == null || hostname.isBlank() ? "edge-operator-" + UUID.randomUUID() : hostname;
    return new LeaderElection(LEASE_NAME, namespace, identity, LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE, LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE);
  }

  /**
   * The Lease's namespace: the one given on the command line, else the pod's own ({@value #POD_NAMESPACE}).
   *
   * @throws IllegalArgumentException when there is neither
   */
  public static String leaseNamespace(Optional<String> given, Map<String, String> environment) {
    return given.filter(namespace -> !namespace.isBlank())
        .or(() -> Optional.ofNullable(environment.get(POD_NAMESPACE)).filter(namespace -> !namespace.isBlank()))
        .orElseThrow(() -> new IllegalArgumentException("leader election needs the namespace of its Lease: give "
            + "--leader-election-namespace, or set " + POD_NAMESPACE + " (the chart sets it to the pod's namespace)"));
  }

  public LeaderElection withIdentity(String replica) {
    return new LeaderElection(leaseName, leaseNamespace, replica, leaseDuration, renewDeadline, retryPeriod);
  }

  public LeaderElection withTimings(Duration lease, Duration renew, Duration retry) {
    return new LeaderElection(leaseName, leaseNamespace, identity, lease, renew, retry);
  }

  /**
   * java-operator-sdk's configuration. It never exits by itself on losing the Lease: the callbacks decide
   * (java-operator-sdk's own exit would run inside the shutdown hook of an operator that is stopping).
   */
  LeaderElectionConfiguration configuration(LeaderCallbacks callbacks) {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
        .withLeaseNamespace(leaseNamespace)
        .withIdentity(identity)
        .withLeaseDuration(leaseDuration)
        .withRenewDeadline(renewDeadline)
        .withRetryPeriod(retryPeriod)
        .withLeaderCallbacks(callbacks)
        .withExitOnStopLeading(false)
        .build();
  }
}
