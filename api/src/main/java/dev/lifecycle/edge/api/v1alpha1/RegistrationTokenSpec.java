package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long a token lives, how many hosts it may register, and what those hosts get. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "has(self.expiresAt) != has(self.ttl)",
    message = "set exactly one of expiresAt (an instant) or ttl (a duration from creation), not both")
public class RegistrationTokenSpec {

  @Size(max = 64)
  @ValidationRule(value = Validation.TIMESTAMP_RULE,
      message = "expiresAt must be an RFC 3339 timestamp such as 2026-12-31T23:59:59Z")
  @JsonPropertyDescription("Instant the token stops registering hosts (RFC 3339, such as "
      + "2026-12-31T23:59:59Z). Set this or ttl.")
  private String expiresAt;

  @Size(max = 32)
  @ValidationRule(value = Validation.DURATION_RULE,
      message = "ttl must be a duration such as 90s, 30m, 24h or 168h")
  @JsonPropertyDescription("How long after its creation the token registers hosts, as a duration such as "
      + "24h or 168h. Set this or expiresAt.")
  private String ttl;

  @Min(1)
  @Max(1000000)
  @JsonPropertyDescription("Most distinct machines this token may ever register; unset means no limit. A "
      + "re-registration of a host the token already registered does not count again; a host moved to another "
      + "token or deleted still counts.")
  private Integer maxRegistrations;

  @JsonPropertyDescription("Set to true to stop the token at once; hosts it registered keep working.")
  // Explicit: the @JsonIgnore on the boolean isRevoked() convenience would otherwise drop the whole property,
  // from the CRD schema (the API server would prune it) and from (de)serialization.
  @JsonProperty("revoked")
  private Boolean revoked;

  @Size(max = 32)
  @ValidationRule(value = Validation.LABELS_RULE,
      message = "hostLabels must be valid Kubernetes labels: keys like example.com/name, values of at most "
          + "63 letters, digits, '-', '_' or '.'")
  @JsonPropertyDescription("Labels put on every EdgeHost this token registers; EdgeCluster host selectors "
      + "match on them (for example site: store-0042, rack: a).")
  // Values bounded (a label value has at most 63 characters) so that the API server's cost estimate of the
  // rule stays within its budget: for an unbounded string it assumes the whole request size.
  private Map<String, @Size(max = 63) String> hostLabels = new LinkedHashMap<>();

  @JsonPropertyDescription("Defaults rendered into the installer user-data stored in the token's Secret "
      + "(key user-data).")
  private InstallerUserData userData;

  public String getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(String expiresAt) {
    this.expiresAt = expiresAt;
  }

  public String getTtl() {
    return ttl;
  }

  public void setTtl(String ttl) {
    this.ttl = ttl;
  }

  public Integer getMaxRegistrations() {
    return maxRegistrations;
  }

  public void setMaxRegistrations(Integer maxRegistrations) {
    this.maxRegistrations = maxRegistrations;
  }

  public Boolean getRevoked() {
    return revoked;
  }

  public void setRevoked(Boolean revoked) {
    this.revoked = revoked;
  }

  @JsonIgnore
  public boolean isRevoked() {
    return Boolean.TRUE.equals(revoked);
  }

  public Map<String, String> getHostLabels() {
    return hostLabels;
  }

  public void setHostLabels(Map<String, String> hostLabels) {
    this.hostLabels = hostLabels == null ? new LinkedHashMap<>() : hostLabels;
  }

  public InstallerUserData getUserData() {
    return userData;
  }

  public void setUserData(InstallerUserData userData) {
    this.userData = userData;
  }
}
