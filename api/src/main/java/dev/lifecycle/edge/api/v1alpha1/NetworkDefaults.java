package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** DNS, NTP and proxy settings used wherever a site sets nothing more specific. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NetworkDefaults {

  @Size(max = 8)
  @ValidationRule(value = "self.all(s, s.matches('" + Validation.IPV4_REGEX + "'))",
      message = "dnsServers must be IPv4 addresses such as 10.0.0.53")
  @JsonPropertyDescription("DNS servers, as IPv4 addresses.")
  private List<@Size(max = 15) String> dnsServers = new ArrayList<>();

  @Size(max = 8)
  @JsonPropertyDescription("NTP servers, as host names or addresses.")
  private List<@Size(max = 253) String> ntpServers = new ArrayList<>();

  @JsonPropertyDescription("HTTP proxy for outbound traffic from the host.")
  private ProxySettings proxy;

  public List<String> getDnsServers() {
    return dnsServers;
  }

  public void setDnsServers(List<String> dnsServers) {
    this.dnsServers = dnsServers == null ? new ArrayList<>() : dnsServers;
  }

  public List<String> getNtpServers() {
    return ntpServers;
  }

  public void setNtpServers(List<String> ntpServers) {
    this.ntpServers = ntpServers == null ? new ArrayList<>() : ntpServers;
  }

  public ProxySettings getProxy() {
    return proxy;
  }

  public void setProxy(ProxySettings proxy) {
    this.proxy = proxy;
  }
}
