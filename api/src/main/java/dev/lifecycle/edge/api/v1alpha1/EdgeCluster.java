package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A cluster formed from registered hosts of its namespace, running one ClusterProfile version.
 * Pointing {@code spec.profileRef} at another version runs a rolling upgrade.
 */
@JsonDeserialize(using = TolerantDeserializer.class)
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("ec")
@Categories(ApiGroup.CATEGORY)
@ValidationRule(value = "self.metadata.name.size() <= 63 && self.metadata.name.matches('"
    + Validation.DNS1123_LABEL_REGEX + "')",
    message = "an EdgeCluster name must be a DNS-1123 label of at most 63 characters (it becomes part of host "
        + "and certificate names)")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.profileVersion")
@AdditionalPrinterColumn(name = "Control-Plane", jsonPath = ".status.controlPlaneReady")
@AdditionalPrinterColumn(name = "Workers", jsonPath = ".status.workersReady")
@AdditionalPrinterColumn(name = "Profile", jsonPath = ".spec.profileRef.name", priority = 1)
@AdditionalPrinterColumn(name = "Upgrade", jsonPath = ".status.upgrade.phase", priority = 1)
@AdditionalPrinterColumn(name = "Next-Window", jsonPath = ".status.upgrade.nextWindow", priority = 1)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message",
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class EdgeCluster extends CustomResource<EdgeClusterSpec, EdgeClusterStatus> implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("The cluster asked for: profile version, control-plane and worker hosts, rollout "
      + "rules and network.")
  public EdgeClusterSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("How the cluster stands: phase, version, hosts, ready counts, conditions and any "
      + "rollout under way.")
  public EdgeClusterStatus getStatus() {
    return super.getStatus();
  }
}
