package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where a variable's value comes from when it is not written in the EdgeCluster. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class VariableSource {

  @Required
  @JsonPropertyDescription("The Secret key that holds the value. A change of the value there rolls out to "
      + "the cluster's hosts like a profile change.")
  private SecretKeyReference secretKeyRef;

  public VariableSource() {
  }

  public VariableSource(SecretKeyReference secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }

  public SecretKeyReference getSecretKeyRef() {
    return secretKeyRef;
  }

  public void setSecretKeyRef(SecretKeyReference secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }
}
