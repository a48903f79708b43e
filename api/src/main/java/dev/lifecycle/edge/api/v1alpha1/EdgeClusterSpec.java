package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The cluster a platform engineer asks for: profile, control plane, workers, rollout rules, network. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "!has(self.registries) || !has(self.registryRef)",
    message = "spec.registries and spec.registryRef are exclusive: give mirrors either inline or by an ImageRegistry")
public class EdgeClusterSpec {

  @Required
  @JsonPropertyDescription("The ClusterProfile (in this namespace) the cluster runs. Pointing it at a profile "
      + "of another version upgrades (or downgrades) the cluster host by host.")
  private ProfileReference profileRef;

  @Required
  @JsonPropertyDescription("The control-plane hosts: how many (1 or 3) and which.")
  private ControlPlaneSpec controlPlane;

  @JsonPropertyDescription("The worker hosts: how many and which. Unset means no workers.")
  private WorkersSpec workers;

  @JsonPropertyDescription("How a change of profile version rolls out: a rolling upgrade, host by host, "
      + "control plane first, with at most maxUnavailable hosts out of service at once.")
  private UpgradeStrategy upgradeStrategy;

  @JsonPropertyDescription("Set to true to stop a rollout before its next batch; set back to false to go on "
      + "where it stopped. Hosts already moving finish their step.")
  // Explicit: the @JsonIgnore on the boolean isPaused() convenience would otherwise drop the whole property,
  // from the CRD schema (the API server would prune it) and from (de)serialization.
  @JsonProperty("paused")
  private Boolean paused;

  @JsonPropertyDescription("Replacing dead hosts: a host Failed or Unreachable for unhealthyTimeout is replaced by "
      + "a spare Available host matching its role's selector; the spare joins first, then the dead host is released "
      + "with a Reset plan. At most maxUnavailable replacements at once, maxReplacements an hour, never a "
      + "control-plane replacement while another control-plane host is unhealthy; inside the maintenance windows "
      + "only. Unset: no automatic replacement (the replace annotation still works).")
  private Remediation remediation;

  @JsonPropertyDescription("Cluster networking: control-plane endpoint, pod and service ranges.")
  private ClusterNetwork network;

  @JsonPropertyDescription("Registry mirrors the cluster's nodes pull images through, in the shape of k3s's "
      + "registries.yaml. Every host's plan carries them; unset means images are pulled from their registries.")
  private RegistryMirrors registries;

  @JsonPropertyDescription("An ImageRegistry of this namespace the cluster pulls through: its rules rewrite the "
      + "layers' images and oci:// chart repositories in the hosts' plans and become the nodes' registry mirrors, "
      + "with its CA and credentials. Exclusive with spec.registries.")
  private ObjectNameReference registryRef;

  @Size(max = 64)
  @ValidationRule(value = "self.all(v, self.exists_one(w, w.name == v.name))",
      message = "each variable is given once: a name repeats in spec.variables")
  @JsonPropertyDescription("Values of the variables the profile declares, by name: a literal value, or "
      + "valueFrom.secretKeyRef (required for a sensitive variable). Changing a value, or the Secret's value, "
      + "rolls out to the hosts like a profile change.")
  private List<ClusterVariable> variables = new ArrayList<>();

  public ProfileReference getProfileRef() {
    return profileRef;
  }

  public void setProfileRef(ProfileReference profileRef) {
    this.profileRef = profileRef;
  }

  public ControlPlaneSpec getControlPlane() {
    return controlPlane;
  }

  public void setControlPlane(ControlPlaneSpec controlPlane) {
    this.controlPlane = controlPlane;
  }

  public WorkersSpec getWorkers() {
    return workers;
  }

  public void setWorkers(WorkersSpec workers) {
    this.workers = workers;
  }

  public UpgradeStrategy getUpgradeStrategy() {
    return upgradeStrategy;
  }

  public void setUpgradeStrategy(UpgradeStrategy upgradeStrategy) {
    this.upgradeStrategy = upgradeStrategy;
  }

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }

  @JsonIgnore
  public boolean isPaused() {
    return Boolean.TRUE.equals(paused);
  }

  public Remediation getRemediation() {
    return remediation;
  }

  public void setRemediation(Remediation remediation) {
    this.remediation = remediation;
  }

  public ClusterNetwork getNetwork() {
    return network;
  }

  public void setNetwork(ClusterNetwork network) {
    this.network = network;
  }

  public RegistryMirrors getRegistries() {
    return registries;
  }

  public void setRegistries(RegistryMirrors registries) {
    this.registries = registries;
  }

  public ObjectNameReference getRegistryRef() {
    return registryRef;
  }

  public void setRegistryRef(ObjectNameReference registryRef) {
    this.registryRef = registryRef;
  }

  public List<ClusterVariable> getVariables() {
    return variables;
  }

  public void setVariables(List<ClusterVariable> variables) {
    this.variables = variables == null ? new ArrayList<>() : variables;
  }
}
