package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a cluster's nodes pull images from, in the shape of k3s's (and containerd's) {@code registries.yaml}:
 * the plan carries it as it is, so a hook writes it to that file unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RegistryMirrors {

  @Size(max = 32)
  @ValidationRule(value = "self.all(k, k == '*' || k.matches('^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?$'))",
      message = "a registries.mirrors key must be a registry host such as docker.io or registry.example.com:5000, "
          + "or * for every registry")
  @JsonPropertyDescription("Per registry host (such as docker.io, registry.example.com:5000, or * for every "
      + "registry), the mirrors to pull its images from instead. The plan of every host of the cluster carries "
      + "them; the install and upgrade hooks write them as /etc/rancher/k3s/registries.yaml (k3s) or the "
      + "distribution's equivalent.")
  private Map<String, Mirror> mirrors = new LinkedHashMap<>();

  /** The mirrors of one registry. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class Mirror {

    @Required
    @Size(min = 1, max = 8)
    @ValidationRule(value = "self.all(e, e.matches('^https?://[^ ]+$'))",
        message = "a mirror endpoint must be an http:// or https:// URL such as https://mirror.example.com:5000")
    @JsonPropertyDescription("Mirror URLs, tried in order, such as https://mirror.example.com:5000; the "
        + "registry itself is tried last.")
    private List<@Size(max = 512) String> endpoint = new ArrayList<>();

    public Mirror() {
    }

    public Mirror(List<String> endpoint) {
      setEndpoint(endpoint);
    }

    public List<String> getEndpoint() {
      return endpoint;
    }

    public void setEndpoint(List<String> endpoint) {
      this.endpoint = endpoint == null ? new ArrayList<>() : endpoint;
    }
  }

  public Map<String, Mirror> getMirrors() {
    return mirrors;
  }

  public void setMirrors(Map<String, Mirror> mirrors) {
    this.mirrors = mirrors == null ? new LinkedHashMap<>() : mirrors;
  }
}
