package dev.lifecycle.edge.demo;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStrategy;
import dev.lifecycle.edge.api.v1alpha1.WorkersSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code samples/} a user applies first, as the demo applies them: read from the classpath (they
 * travel inside the jar, so the demo works from any directory), sized to the demo's fleet, and what the
 * demo needs to know about them (the token, the cluster, the profile versions, the pre-provisioned
 * machine).
 *
 * @param items every object, in file order (the order a user applies them)
 */
record DemoSamples(List<HasMetadata> items) {

  /** Classpath folder of the samples. */
  static final String CLASSPATH_FOLDER = "samples/";

  /**
   * The sample files, in the order they are applied; with {@link #NOT_APPLIED}, a test keeps this list equal to the
   * samples directory.
   */
  static final List<String> FILES = List.of(
      "01-clusterprofile-1.0.0.yaml",
      "02-clusterprofile-1.1.0.yaml",
      "03-registrationtoken.yaml",
      "04-edgehost-preprovisioned.yaml",
      "05-edgecluster.yaml");

  /**
   * Samples the demo does not apply: the ImageRegistry names a credentials Secret and a CA of the user's own, and
   * no sample cluster pulls through it.
   */
  static final List<String> NOT_APPLIED = List.of("06-imageregistry.yaml");

  /** The label that ties a profile's versions together. */
  static final String PROFILE_LABEL = "edge.lifecycle.dev/profile";

  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "ClusterProfile", ClusterProfile.class,
      "RegistrationToken", RegistrationToken.class,
      "EdgeHost", EdgeHost.class,
      "EdgeCluster", EdgeCluster.class);

  DemoSamples {
    items = List.copyOf(items);
  }

  /** The samples, read from the classpath and typed. */
  static DemoSamples load(KubernetesSerialization serialization) {
    List<HasMetadata> items = new ArrayList<>();
    for (String file : FILES) {
      String resource = CLASSPATH_FOLDER + file;
      try (InputStream in = DemoSamples.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("sample " + resource + " is not on the classpath");
        }
        GenericKubernetesResource generic = serialization.unmarshal(in, GenericKubernetesResource.class);
        Class<? extends HasMetadata> kind = KINDS.get(generic.getKind());
        if (kind == null) {
          throw new IllegalStateException("sample " + resource + " is a " + generic.getKind()
              + ", which the demo does not know");
        }
        items.add(serialization.convertValue(generic, kind));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read sample " + resource, e);
      }
    }
    return new DemoSamples(items);
  }

  /**
   * The samples sized to a fleet of {@code hosts}: one control-plane host, every other one a worker, and
   * a token that registers at least that many. Changes these objects and returns them.
   */
  DemoSamples fittedTo(int hosts) {
    EdgeCluster cluster = cluster();
    cluster.getSpec().setControlPlane(withCount(cluster.getSpec().getControlPlane(), 1));
    WorkersSpec workers = cluster.getSpec().getWorkers() == null ? new WorkersSpec() : cluster.getSpec().getWorkers();
    workers.setCount(hosts - 1);
    cluster.getSpec().setWorkers(workers);
    RegistrationToken token = token();
    Integer limit = token.getSpec().getMaxRegistrations();
    if (limit != null && limit < hosts) {
      token.getSpec().setMaxRegistrations(hosts);
    }
    return this;
  }

  /**
   * The cluster's {@code upgradeStrategy.onFailure} set to the policy, when one is given (otherwise the
   * sample's stays). Changes the cluster object and returns these samples.
   */
  DemoSamples withOnFailure(Optional<UpgradeStrategy.FailurePolicy> policy) {
    policy.ifPresent(chosen -> {
      EdgeClusterSpec spec = cluster().getSpec();
      UpgradeStrategy strategy = spec.getUpgradeStrategy() == null ? new UpgradeStrategy() : spec.getUpgradeStrategy();
      strategy.setOnFailure(chosen);
      spec.setUpgradeStrategy(strategy);
    });
    return this;
  }

  /** The rollout's failure policy as the cluster will be applied: Pause unless the cluster says otherwise. */
  UpgradeStrategy.FailurePolicy onFailure() {
    UpgradeStrategy strategy = cluster().getSpec().getUpgradeStrategy();
    return strategy == null || strategy.getOnFailure() == null ? UpgradeStrategy.FailurePolicy.Pause
        : strategy.getOnFailure();
  }

  /** Creates every object in the namespace, in file order. */
  void apply(KubernetesClient client, String namespace) {
    for (HasMetadata item : items) {
      item.getMetadata().setNamespace(namespace);
      client.resource(item).create();
    }
  }

  RegistrationToken token() {
    return only(RegistrationToken.class);
  }

  EdgeCluster cluster() {
    return only(EdgeCluster.class);
  }

  /** The profile the cluster is created with. */
  ClusterProfile fromProfile() {
    String name = cluster().getSpec().getProfileRef().getName();
    return all(ClusterProfile.class).stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the samples hold no ClusterProfile " + name));
  }

  /** The newest other version of the same profile: the one the demo upgrades to. */
  ClusterProfile toProfile() {
    ClusterProfile from = fromProfile();
    String profile = from.getMetadata().getLabels().get(PROFILE_LABEL);
    return all(ClusterProfile.class).stream()
        .filter(p -> p != from && Objects.equals(profile, p.getMetadata().getLabels().get(PROFILE_LABEL)))
        .max(Comparator.comparing(p -> SemanticVersion.of(p.getSpec().getVersion())))
        .orElseThrow(() -> new IllegalStateException("the samples hold no other version of profile " + profile));
  }

  /** The pre-provisioned host, whose machine id {@code P-0} the simulated host 0 presents. */
  Optional<EdgeHost> preProvisioned() {
    return all(EdgeHost.class).stream()
        .filter(h -> h.getSpec() != null && h.getSpec().getMachineId() != null
            && h.getSpec().getMachineId().endsWith("-0"))
        .findFirst();
  }

  /** The simulator's machine-id prefix: host 0 presents the pre-provisioned host's machine id. */
  String machineIdPrefix() {
    return preProvisioned().map(h -> h.getSpec().getMachineId())
        .map(id -> id.substring(0, id.length() - 2))
        .orElse(cluster().getMetadata().getName());
  }

  private <T extends HasMetadata> T only(Class<T> kind) {
    List<T> found = all(kind);
    if (found.size() != 1) {
      throw new IllegalStateException("the samples hold " + found.size() + " " + kind.getSimpleName()
          + "s; the demo needs exactly one");
    }
    return found.get(0);
  }

  private <T extends HasMetadata> List<T> all(Class<T> kind) {
    return items.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private static ControlPlaneSpec withCount(ControlPlaneSpec spec, int count) {
    ControlPlaneSpec result = spec == null ? new ControlPlaneSpec() : spec;
    result.setCount(count);
    return result;
  }
}
