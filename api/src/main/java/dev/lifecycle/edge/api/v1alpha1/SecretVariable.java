package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A variable of a plan whose value the gateway reads from a Secret when it hands the plan out. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class SecretVariable {

  @JsonPropertyDescription("Name of the variable, as the layers refer to it (${vars.NAME}).")
  private String name;

  @JsonPropertyDescription("The Secret key in the host's namespace that holds the value.")
  private SecretKeyReference secretKeyRef;

  @JsonPropertyDescription("A keyed digest of the value the plan was issued with (never the value): a rollout "
      + "compares it to tell which layers a change of the Secret's value touches.")
  private String digest;

  public SecretVariable() {
  }

  public SecretVariable(String name, SecretKeyReference secretKeyRef) {
    this.name = name;
    this.secretKeyRef = secretKeyRef;
  }

  public String getDigest() {
    return digest;
  }

  public void setDigest(String digest) {
    this.digest = digest;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public SecretKeyReference getSecretKeyRef() {
    return secretKeyRef;
  }

  public void setSecretKeyRef(SecretKeyReference secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }
}
