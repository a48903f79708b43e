package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Whether the token registers hosts now, how many it has registered, and where its secret is. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RegistrationTokenStatus extends ReconciledStatus {

  /** The phases of a token; only an Active token registers hosts. */
  public enum Phase {
    Active, Expired, Revoked, Exhausted
  }

  @JsonPropertyDescription("Active (registers hosts), Expired (past expiresAt), Revoked (spec.revoked) or "
      + "Exhausted (maxRegistrations reached).")
  private Phase phase;

  @JsonPropertyDescription("Name of the Secret holding the token (key token) and the installer user-data "
      + "(key user-data).")
  private String secretName;

  @JsonPropertyDescription("With maxRegistrations: the distinct machines this token ever registered, which "
      + "never falls (the gateway raises it before it registers a machine new to the token). Without: the hosts "
      + "registered with it now.")
  private Integer registrations;

  @JsonPropertyDescription("Instant the token expires (RFC 3339), from spec.expiresAt or from creation "
      + "time plus spec.ttl.")
  private String expiresAt;

  @JsonPropertyDescription("SHA-256 of the token (sha256:<hex>), which the gateway compares presented tokens "
      + "against. The token itself lives only in the Secret.")
  private String tokenHash;

  public String getTokenHash() {
    return tokenHash;
  }

  public void setTokenHash(String tokenHash) {
    this.tokenHash = tokenHash;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public Integer getRegistrations() {
    return registrations;
  }

  public void setRegistrations(Integer registrations) {
    this.registrations = registrations;
  }

  public String getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(String expiresAt) {
    this.expiresAt = expiresAt;
  }
}
