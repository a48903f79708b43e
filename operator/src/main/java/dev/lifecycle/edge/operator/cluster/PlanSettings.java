package dev.lifecycle.edge.operator.cluster;

import dev.lifecycle.edge.api.v1alpha1.ClusterNetwork;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.HostPlan;
import dev.lifecycle.edge.api.v1alpha1.HostRole;
import dev.lifecycle.edge.api.v1alpha1.NodeTaint;
import dev.lifecycle.edge.api.v1alpha1.PlanRegistries;
import dev.lifecycle.edge.api.v1alpha1.SecretKeyReference;
import dev.lifecycle.edge.api.v1alpha1.SecretVariable;
import dev.lifecycle.edge.api.v1alpha1.WorkersSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a cluster's spec puts in every plan besides the profile: pod and service ranges (the CRD's
 * defaults applied, for an API server that applies none), node labels and taints by role, and registry
 * mirrors (spec.registries, or those its ImageRegistry makes: {@link #withRegistries}). Formation and rollout
 * plans both carry them, so a plan is self-contained.
 *
 * @param podCidr the pod range
 * @param serviceCidr the service range
 * @param controlPlane labels and taints of control-plane nodes
 * @param workers labels and taints of worker nodes
 * @param registries registry mirrors, or null
 * @param secretVariables the variables whose values the gateway reads from Secrets (references only)
 */
public record PlanSettings(String podCidr, String serviceCidr, Node controlPlane, Node workers,
    PlanRegistries registries, List<SecretVariable> secretVariables) {

  /** The CRD's default of spec.network.podCIDR. */
  public static final String DEFAULT_POD_CIDR = "10.42.0.0/16";
  /** The CRD's default of spec.network.serviceCIDR. */
  public static final String DEFAULT_SERVICE_CIDR = "10.43.0.0/16";
  /** A spec that sets nothing: the defaults. */
  public static final PlanSettings DEFAULTS = of(null);

  /** Labels and taints the nodes of one role get. */
  public record Node(Map<String, String> labels, List<NodeTaint> taints) {
    public Node {
      labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
      taints = taints == null ? List.of() : taints.stream().filter(Objects::nonNull).toList();
    }
  }

  public static PlanSettings of(EdgeClusterSpec spec) {
    ClusterNetwork network = spec == null ? null : spec.getNetwork();
    String pods = network == null || network.getPodCidr() == null ? DEFAULT_POD_CIDR : network.getPodCidr();
    String services = network == null || network.getServiceCidr() == null ? DEFAULT_SERVICE_CIDR
        : network.getServiceCidr();
    ControlPlaneSpec controlPlane = spec == null ? null : spec.getControlPlane();
    WorkersSpec workers = spec == null ? null : spec.getWorkers();
    PlanRegistries registries = null;
    if (spec != null && spec.getRegistries() != null && !spec.getRegistries().getMirrors().isEmpty()) {
      registries = new PlanRegistries();
      Map<String, PlanRegistries.Mirror> mirrors = new LinkedHashMap<>();
      spec.getRegistries().getMirrors().forEach((host, mirror) -> mirrors.put(host,
          new PlanRegistries.Mirror(mirror == null ? List.of() : mirror.getEndpoint(), Map.of())));
      registries.setMirrors(mirrors);
    }
    return new PlanSettings(pods, services,
        controlPlane == null ? new Node(null, null) : new Node(controlPlane.getNodeLabels(), controlPlane.getNodeTaints()),
        workers == null ? new Node(null, null) : new Node(workers.getNodeLabels(), workers.getNodeTaints()),
        registries, secretVariables(spec));
  }

  /** Every value the spec reads from a Secret, as references: such values never enter a status. */
  private static List<SecretVariable> secretVariables(EdgeClusterSpec spec) {
    if (spec == null || spec.getVariables() == null) {
      return List.of();
    }
    return spec.getVariables().stream()
        .filter(v -> v != null && v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null)
        .map(v -> new SecretVariable(v.getName(), v.getValueFrom().getSecretKeyRef()))
        .toList();
  }

  /** These settings with the digest of each Secret value (by variable name) the plans record. */
  public PlanSettings withSecretDigests(Map<String, String> digests) {
    return new PlanSettings(podCidr, serviceCidr, controlPlane, workers, registries, secretVariables.stream()
        .map(v -> {
          SecretVariable copy = new SecretVariable(v.getName(), v.getSecretKeyRef());
          copy.setDigest(digests.get(v.getName()));
          return copy;
        }).toList());
  }

  /** These settings with the registry settings an ImageRegistry makes, instead of spec.registries. */
  public PlanSettings withRegistries(PlanRegistries planRegistries) {
    return new PlanSettings(podCidr, serviceCidr, controlPlane, workers, planRegistries, secretVariables);
  }

  /** Writes the settings for a host of {@code role} into the plan (copies: plans never share lists with the spec). */
  public void applyTo(HostPlan plan, HostRole role) {
    Node node = role == HostRole.WORKER ? workers : controlPlane;
    plan.setPodCidr(podCidr);
    plan.setServiceCidr(serviceCidr);
    plan.setNodeLabels(new LinkedHashMap<>(node.labels()));
    plan.setNodeTaints(new ArrayList<>(node.taints().stream()
        .map(t -> new NodeTaint(t.getKey(), t.getValue(), t.getEffect())).toList()));
    plan.setRegistries(registries == null ? null : copy(registries));
    plan.setSecretVariables(new ArrayList<>(secretVariables.stream().map(v -> {
      SecretVariable copy = new SecretVariable(v.getName(),
          new SecretKeyReference(v.getSecretKeyRef().getName(), v.getSecretKeyRef().getKey()));
      copy.setDigest(v.getDigest());
      return copy;
    }).toList()));
  }

  private static PlanRegistries copy(PlanRegistries registries) {
    PlanRegistries copy = new PlanRegistries();
    Map<String, PlanRegistries.Mirror> mirrors = new LinkedHashMap<>();
    registries.getMirrors().forEach((host, mirror) -> mirrors.put(host, mirror == null ? new PlanRegistries.Mirror()
        : new PlanRegistries.Mirror(new ArrayList<>(mirror.getEndpoint()), new LinkedHashMap<>(mirror.getRewrite()))));
    copy.setMirrors(mirrors);
    Map<String, PlanRegistries.Config> configs = new LinkedHashMap<>();
    registries.getConfigs().forEach((host, config) -> configs.put(host, config == null ? new PlanRegistries.Config()
        : new PlanRegistries.Config(config.getCaPem(), config.getCredentialsSecret())));
    copy.setConfigs(configs);
    return copy;
  }
}
