package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operator wants one host to run: self-contained, so the gateway hands it to the agent
 * without reading anything else.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class HostPlan {

  /** What the agent does to reach the plan. */
  public enum Action {
    /** Initialise a new cluster: the first control-plane host. */
    Init,
    /** Join an existing cluster's control plane or workers. */
    Join,
    /** Move to another profile version in place. */
    Upgrade,
    /** Leave the cluster and wipe what the plan installed. */
    Reset,
    /**
     * Apply changed site settings only (the agent's configure hook), keeping the cluster, role, profile
     * and version of the plan before it.
     */
    Configure
  }

  @JsonPropertyDescription("Increases with every change of the plan. The agent reports the generation it "
      + "applied; a host is up to date when the two are equal.")
  private Long generation;

  @JsonPropertyDescription("What the agent does: Init (first control-plane host), Join, Upgrade, Reset, or "
      + "Configure (apply changed site settings only: the agent runs its configure hook; cluster, role, profile "
      + "and version stay those of the plan before, none for a host in no cluster).")
  private Action action;

  @JsonPropertyDescription("Name of the EdgeCluster the plan belongs to.")
  private String cluster;

  @JsonPropertyDescription("Role of the host in the cluster: control-plane or worker.")
  private HostRole role;

  @JsonPropertyDescription("Name of the ClusterProfile the layers come from.")
  private String profile;

  @JsonPropertyDescription("Version of that profile.")
  private String profileVersion;

  @JsonPropertyDescription("Address of the cluster's control plane that joining hosts connect to: the cluster's "
      + "spec.network.controlPlaneEndpoint, or else the address the initialising host reported (the Init plan "
      + "carries its own address).")
  private String controlPlaneEndpoint;

  @JsonPropertyDescription("The layers to install, copied from the profile.")
  private List<ProfileLayer> layers = new ArrayList<>();

  @JsonPropertyDescription("When the operator issued this plan (RFC 3339); a rollout's hostTimeout counts from here.")
  private String issuedAt;

  @JsonPropertyDescription("The rollout that issued this plan (status.upgrade.id of the cluster), unset for "
      + "formation and reset plans.")
  private String rollout;

  @JsonProperty("podCIDR")
  @JsonPropertyDescription("Range pod addresses come from (the cluster's spec.network.podCIDR, default 10.42.0.0/16).")
  private String podCidr;

  @JsonProperty("serviceCIDR")
  @JsonPropertyDescription("Range service addresses come from (the cluster's spec.network.serviceCIDR, default "
      + "10.43.0.0/16).")
  private String serviceCidr;

  @JsonPropertyDescription("Labels the host's Kubernetes node gets (the cluster's nodeLabels for the host's role).")
  private Map<String, String> nodeLabels = new LinkedHashMap<>();

  @JsonPropertyDescription("Taints the host's Kubernetes node gets (the cluster's nodeTaints for the host's role).")
  private List<NodeTaint> nodeTaints = new ArrayList<>();

  @JsonPropertyDescription("Registry mirrors and settings: the cluster's spec.registries, or what its "
      + "ImageRegistry (spec.registryRef) makes of its rules, CA and credentials (a reference only).")
  private PlanRegistries registries;

  @JsonPropertyDescription("The operator's site settings for the host: the network defaults of the "
      + "RegistrationToken it registered with (status.registration.tokenName), overridden field by field by the "
      + "EdgeHost's spec.site. The agent merges them over its installer user-data's defaults and under its site "
      + "user-data, runs its configure hook when the result differs from what it last applied, and reports that "
      + "result in status.site. A change of either layer is applied with a Configure plan once the current plan "
      + "is applied; every plan after it carries the same settings.")
  private SiteSettings site;

  public SiteSettings getSite() {
    return site;
  }

  public void setSite(SiteSettings site) {
    this.site = site;
  }

  @JsonPropertyDescription("Variables whose values come from Secrets: the layers keep their references "
      + "(${vars.NAME}) here, and the gateway substitutes the Secret's value only in the plan it hands the agent.")
  private List<SecretVariable> secretVariables = new ArrayList<>();

  public List<SecretVariable> getSecretVariables() {
    return secretVariables;
  }

  public void setSecretVariables(List<SecretVariable> secretVariables) {
    this.secretVariables = secretVariables == null ? new ArrayList<>() : secretVariables;
  }

  public String getIssuedAt() {
    return issuedAt;
  }

  public void setIssuedAt(String issuedAt) {
    this.issuedAt = issuedAt;
  }

  public String getRollout() {
    return rollout;
  }

  public void setRollout(String rollout) {
    this.rollout = rollout;
  }

  public Long getGeneration() {
    return generation;
  }

  public void setGeneration(Long generation) {
    this.generation = generation;
  }

  public Action getAction() {
    return action;
  }

  public void setAction(Action action) {
    this.action = action;
  }

  public String getCluster() {
    return cluster;
  }

  public void setCluster(String cluster) {
    this.cluster = cluster;
  }

  public HostRole getRole() {
    return role;
  }

  public void setRole(HostRole role) {
    this.role = role;
  }

  public String getProfile() {
    return profile;
  }

  public void setProfile(String profile) {
    this.profile = profile;
  }

  public String getProfileVersion() {
    return profileVersion;
  }

  public void setProfileVersion(String profileVersion) {
    this.profileVersion = profileVersion;
  }

  public String getControlPlaneEndpoint() {
    return controlPlaneEndpoint;
  }

  public void setControlPlaneEndpoint(String controlPlaneEndpoint) {
    this.controlPlaneEndpoint = controlPlaneEndpoint;
  }

  public List<ProfileLayer> getLayers() {
    return layers;
  }

  public void setLayers(List<ProfileLayer> layers) {
    this.layers = layers == null ? new ArrayList<>() : layers;
  }

  public String getPodCidr() {
    return podCidr;
  }

  public void setPodCidr(String podCidr) {
    this.podCidr = podCidr;
  }

  public String getServiceCidr() {
    return serviceCidr;
  }

  public void setServiceCidr(String serviceCidr) {
    this.serviceCidr = serviceCidr;
  }

  public Map<String, String> getNodeLabels() {
    return nodeLabels;
  }

  public void setNodeLabels(Map<String, String> nodeLabels) {
    this.nodeLabels = nodeLabels == null ? new LinkedHashMap<>() : nodeLabels;
  }

  public List<NodeTaint> getNodeTaints() {
    return nodeTaints;
  }

  public void setNodeTaints(List<NodeTaint> nodeTaints) {
    this.nodeTaints = nodeTaints == null ? new ArrayList<>() : nodeTaints;
  }

  public PlanRegistries getRegistries() {
    return registries;
  }

  public void setRegistries(PlanRegistries registries) {
    this.registries = registries;
  }
}
