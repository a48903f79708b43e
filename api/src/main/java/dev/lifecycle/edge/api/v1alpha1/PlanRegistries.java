package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a host's node pulls images from, as its plan carries it: k3s's registries.yaml ({@code mirrors} with
 * {@code rewrite}, {@code configs} per registry host), except that credentials are a reference the gateway
 * resolves only in the plan it hands the agent, and the CA is its PEM (the agent writes the file).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PlanRegistries {

  @Size(max = 64)
  @ValidationRule(value = "self.all(k, k == '*' || k.matches('^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?$'))",
      message = "a registries.mirrors key must be a registry host such as docker.io or registry.example.com:5000, "
          + "or * for every registry")
  @JsonPropertyDescription("Per registry host (such as docker.io, or * for every registry), the mirrors to pull "
      + "its images from instead: the cluster's spec.registries, or what its ImageRegistry's rules make.")
  private Map<String, Mirror> mirrors = new LinkedHashMap<>();

  @JsonPropertyDescription("Per mirror host (host:port), how to reach it: the CA and a reference to the "
      + "credentials, from the cluster's ImageRegistry.")
  private Map<String, Config> configs = new LinkedHashMap<>();

  /** The mirrors of one registry. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class Mirror {

    @Size(max = 8)
    @ValidationRule(value = "self.all(e, e.matches('^https?://[^ ]+$'))",
        message = "a mirror endpoint must be an http:// or https:// URL such as https://mirror.example.com:5000")
    @JsonPropertyDescription("Mirror URLs, tried in order; the registry itself is tried last.")
    private List<@Size(max = 512) String> endpoint = new ArrayList<>();

    @JsonPropertyDescription("Repository rewrites on the mirrors (k3s's rewrite): a regular expression over the "
        + "repository path to its replacement ($1 for the first group).")
    private Map<String, String> rewrite = new LinkedHashMap<>();

    public Mirror() {
    }

    public Mirror(List<String> endpoint, Map<String, String> rewrite) {
      setEndpoint(endpoint);
      setRewrite(rewrite);
    }

    public List<String> getEndpoint() {
      return endpoint;
    }

    public void setEndpoint(List<String> endpoint) {
      this.endpoint = endpoint == null ? new ArrayList<>() : endpoint;
    }

    public Map<String, String> getRewrite() {
      return rewrite;
    }

    public void setRewrite(Map<String, String> rewrite) {
      this.rewrite = rewrite == null ? new LinkedHashMap<>() : rewrite;
    }
  }

  /** How to reach one mirror host. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class Config {

    @JsonPropertyDescription("The CA certificates (PEM) the host trusts for this registry.")
    private String caPem;

    @JsonPropertyDescription("Name of the Secret (in the host's namespace) holding the credentials: the gateway reads it "
        + "only when it hands the plan out, so the credentials are never in a status.")
    private String credentialsSecret;

    public Config() {
    }

    public Config(String caPem, String credentialsSecret) {
      this.caPem = caPem;
      this.credentialsSecret = credentialsSecret;
    }

    public String getCaPem() {
      return caPem;
    }

    public void setCaPem(String caPem) {
      this.caPem = caPem;
    }

    public String getCredentialsSecret() {
      return credentialsSecret;
    }

    public void setCredentialsSecret(String credentialsSecret) {
      this.credentialsSecret = credentialsSecret;
    }
  }

  public Map<String, Mirror> getMirrors() {
    return mirrors;
  }

  public void setMirrors(Map<String, Mirror> mirrors) {
    this.mirrors = mirrors == null ? new LinkedHashMap<>() : mirrors;
  }

  public Map<String, Config> getConfigs() {
    return configs;
  }

  public void setConfigs(Map<String, Config> configs) {
    this.configs = configs == null ? new LinkedHashMap<>() : configs;
  }
}
