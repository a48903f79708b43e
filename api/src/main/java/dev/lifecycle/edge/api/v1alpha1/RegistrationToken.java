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
 * A token with which hosts register into this namespace. The operator generates the secret token
 * value into an owned Secret of the same name (keys {@code token} and {@code user-data}); the value
 * never appears in the spec, the status, logs or events.
 */
@JsonDeserialize(using = TolerantDeserializer.class)
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("rtok")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Registrations", jsonPath = ".status.registrations",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Max", jsonPath = ".spec.maxRegistrations",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Expires", jsonPath = ".status.expiresAt", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Secret", jsonPath = ".status.secretName", priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class RegistrationToken extends CustomResource<RegistrationTokenSpec, RegistrationTokenStatus>
    implements Namespaced {

  @Override
  @Required
  @JsonPropertyDescription("Lifetime, registration limit, labels for the hosts it registers, and installer defaults.")
  public RegistrationTokenSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Whether the token registers hosts now (phase), how many it registered, and its Secret.")
  public RegistrationTokenStatus getStatus() {
    return super.getStatus();
  }
}
