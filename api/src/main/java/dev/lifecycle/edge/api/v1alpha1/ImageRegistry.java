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
 * A private image registry, declared once per namespace: its endpoint, the Secret holding its credentials, its
 * CA, and the rules mapping public image references onto it. EdgeClusters ({@code spec.registryRef}) and
 * RegistrationTokens ({@code spec.userData.registryRef}) name it.
 */
@JsonDeserialize(using = TolerantDeserializer.class)
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("ireg")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Endpoint", jsonPath = ".spec.endpoint")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ImageRegistry extends CustomResource<ImageRegistrySpec, ImageRegistryStatus> implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("The registry: endpoint, credentials, CA and mapping rules.")
  public ImageRegistrySpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator judged of the registry (its Secret, CA and rules); never "
      + "the credentials.")
  public ImageRegistryStatus getStatus() {
    return super.getStatus();
  }
}
