package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A private registry: where it is, how to log in and trust it, and which image references it serves. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "self.rules.all(r, r.to.split('/')[0] == self.endpoint.split('/')[2])",
    message = "every rule's to must be on the endpoint's host (and port): the registry serves what the rules map "
        + "to it")
public class ImageRegistrySpec {

  @Required
  @Size(max = 300)
  @ValidationRule(value = "self.matches('" + Validation.REGISTRY_ENDPOINT_REGEX + "')",
      message = "endpoint must be an https:// URL of a registry host and optional port, with no path, such as "
          + "https://registry.site.local:5000")
  @JsonPropertyDescription("The registry's URL: https://, its host and optional port, no path, such as "
      + "https://registry.site.local:5000. Nodes pull through it with the mapping rules.")
  private String endpoint;

  @JsonPropertyDescription("A Secret of this namespace with the credentials: of type kubernetes.io/basic-auth "
      + "(keys username and password) or kubernetes.io/dockerconfigjson (an entry of .dockerconfigjson for the "
      + "endpoint's host). It must carry the label edge.lifecycle.dev/variables (any value), as for variables: "
      + "the operator and the gateway watch only such Secrets. The credentials reach hosts only in the plan the "
      + "gateway hands out, never a status. Unset: anonymous pulls.")
  private ObjectNameReference credentialsSecretRef;

  @JsonPropertyDescription("The CA that signed the registry's certificate, when it is not one the hosts trust "
      + "already.")
  private RegistryCa ca;

  @Required
  @Size(min = 1, max = 32)
  @ValidationRule(value = "self.all(r, self.exists_one(s, s.from == r.from))",
      message = "each from is given once: a from repeats in rules")
  @JsonPropertyDescription("How image references map onto the registry, tried in order: the first rule whose "
      + "from matches a reference maps it. Applied to the layers' images and oci:// chart repositories in the "
      + "hosts' plans, and written as the nodes' registry mirrors (k3s registries.yaml mirrors with rewrite), "
      + "so images named inside charts are pulled through the registry too.")
  private List<RegistryRule> rules = new ArrayList<>();

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public ObjectNameReference getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(ObjectNameReference credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }

  public RegistryCa getCa() {
    return ca;
  }

  public void setCa(RegistryCa ca) {
    this.ca = ca;
  }

  public List<RegistryRule> getRules() {
    return rules;
  }

  public void setRules(List<RegistryRule> rules) {
    this.rules = rules == null ? new ArrayList<>() : rules;
  }
}
