package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** An outbound HTTP(S) proxy. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ProxySettings {

  @Size(max = 2048)
  @ValidationRule(value = "self.matches('^https?://[^ ]+$')", message = "httpProxy must be an http:// or https:// URL")
  @JsonPropertyDescription("Proxy for plain HTTP, such as http://proxy.example.com:3128.")
  private String httpProxy;

  @Size(max = 2048)
  @ValidationRule(value = "self.matches('^https?://[^ ]+$')", message = "httpsProxy must be an http:// or https:// URL")
  @JsonPropertyDescription("Proxy for HTTPS, such as http://proxy.example.com:3128.")
  private String httpsProxy;

  @Size(max = 64)
  @JsonPropertyDescription("Hosts, domains and networks reached without the proxy, such as .svc, "
      + "10.0.0.0/8 or registry.local.")
  private List<@Size(max = 253) String> noProxy = new ArrayList<>();

  public String getHttpProxy() {
    return httpProxy;
  }

  public void setHttpProxy(String httpProxy) {
    this.httpProxy = httpProxy;
  }

  public String getHttpsProxy() {
    return httpsProxy;
  }

  public void setHttpsProxy(String httpsProxy) {
    this.httpsProxy = httpsProxy;
  }

  public List<String> getNoProxy() {
    return noProxy;
  }

  public void setNoProxy(List<String> noProxy) {
    this.noProxy = noProxy == null ? new ArrayList<>() : noProxy;
  }
}
