package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The CA that signed a registry's certificate: inline, or from a Secret key. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "has(self.pem) != has(self.secretKeyRef)",
    message = "ca takes exactly one of pem and secretKeyRef")
public class RegistryCa {

  @Size(max = 65536)
  @ValidationRule(value = "self.contains('-----BEGIN CERTIFICATE-----')",
      message = "ca.pem must hold PEM certificates (-----BEGIN CERTIFICATE-----)")
  @JsonPropertyDescription("The CA certificates, PEM.")
  private String pem;

  @JsonPropertyDescription("A key of a Secret of this namespace holding the CA certificates (PEM). The Secret "
      + "must carry the label edge.lifecycle.dev/variables (any value), as for variables.")
  private SecretKeyReference secretKeyRef;

  public String getPem() {
    return pem;
  }

  public void setPem(String pem) {
    this.pem = pem;
  }

  public SecretKeyReference getSecretKeyRef() {
    return secretKeyRef;
  }

  public void setSecretKeyRef(SecretKeyReference secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }
}
