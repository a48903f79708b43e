package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The registration of a host: the token it used, when, and the hash of its credential. Never a secret. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RegistrationRecord {

  @JsonPropertyDescription("Name of the RegistrationToken the host registered with.")
  private String tokenName;

  @JsonPropertyDescription("Machine id the agent presented.")
  private String machineId;

  @JsonPropertyDescription("When the host first registered (RFC 3339).")
  private String registeredAt;

  @JsonPropertyDescription("SHA-256 of the host's current credential (sha256:<hex>); the credential itself "
      + "is only given to the agent. A re-registration replaces it.")
  private String credentialHash;

  public String getCredentialHash() {
    return credentialHash;
  }

  public void setCredentialHash(String credentialHash) {
    this.credentialHash = credentialHash;
  }

  public String getTokenName() {
    return tokenName;
  }

  public void setTokenName(String tokenName) {
    this.tokenName = tokenName;
  }

  public String getMachineId() {
    return machineId;
  }

  public void setMachineId(String machineId) {
    this.machineId = machineId;
  }

  public String getRegisteredAt() {
    return registeredAt;
  }

  public void setRegisteredAt(String registeredAt) {
    this.registeredAt = registeredAt;
  }
}
