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
 * One immutable, semver-versioned, layered cluster profile: the OS, the Kubernetes distribution, the
 * CNI, the CSI and add-ons, each with its version and values. A new version is a new object, by
 * convention named {@code <profile>-<version>} and labelled {@code edge.lifecycle.dev/profile}.
 */
@JsonDeserialize(using = TolerantDeserializer.class)
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("cprof")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.version")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Used-By", jsonPath = ".status.usedBy", priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ClusterProfile extends CustomResource<ClusterProfileSpec, ClusterProfileStatus> implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("The profile version: its semantic version and its layers. Immutable once created.")
  public ClusterProfileSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator judged of the profile (Ready or Invalid) and which clusters pin it.")
  public ClusterProfileStatus getStatus() {
    return super.getStatus();
  }
}
