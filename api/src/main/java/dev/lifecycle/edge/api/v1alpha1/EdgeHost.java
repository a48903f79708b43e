package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A physical host at an edge site. Created by the gateway when a host registers, or by a user
 * beforehand with {@code spec.machineId} set, in which case the machine claims it on first contact.
 */
@JsonDeserialize(using = TolerantDeserializer.class)
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("eh")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Cluster", jsonPath = ".status.cluster.name")
@AdditionalPrinterColumn(name = "Role", jsonPath = ".status.cluster.role")
@AdditionalPrinterColumn(name = "Version", jsonPath = ".status.profileVersion")
@AdditionalPrinterColumn(name = "Last-Seen", jsonPath = ".status.lastSeen", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Machine-ID", jsonPath = ".spec.machineId", priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class EdgeHost extends CustomResource<EdgeHostSpec, EdgeHostStatus> implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("The identity of the machine (for pre-provisioning) and the site settings it "
      + "should run with.")
  public EdgeHostSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What is known of the host: phase, cluster and role, reported version, "
      + "inventory, plan and last report.")
  public EdgeHostStatus getStatus() {
    return super.getStatus();
  }
}
