package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Properties of one site's host: name, static network, proxy, trusted CAs and time servers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class SiteSettings {

  @Size(max = 253)
  @ValidationRule(value = Validation.DNS1123_SUBDOMAIN_RULE,
      message = "hostname must be a DNS-1123 name: lower-case letters, digits, '-' and '.', starting and "
          + "ending with a letter or digit")
  @JsonPropertyDescription("Host name, such as store-0042-a.")
  private String hostname;

  @JsonPropertyDescription("Static network configuration; unset means DHCP.")
  private StaticNetwork network;

  @JsonPropertyDescription("HTTP proxy for outbound traffic from this host.")
  private ProxySettings proxy;

  @Size(max = 16)
  @ValidationRule(value = "self.all(c, c.startsWith('-----BEGIN CERTIFICATE-----'))",
      message = "caCertificates must be PEM certificates starting with -----BEGIN CERTIFICATE-----")
  @JsonPropertyDescription("Extra CA certificates (PEM) the host trusts, such as a proxy's TLS-inspection CA.")
  private List<@Size(max = 16384) String> caCertificates = new ArrayList<>();

  @Size(max = 8)
  @JsonPropertyDescription("NTP servers, as host names or addresses.")
  private List<@Size(max = 253) String> ntpServers = new ArrayList<>();

  public String getHostname() {
    return hostname;
  }

  public void setHostname(String hostname) {
    this.hostname = hostname;
  }

  public StaticNetwork getNetwork() {
    return network;
  }

  public void setNetwork(StaticNetwork network) {
    this.network = network;
  }

  public ProxySettings getProxy() {
    return proxy;
  }

  public void setProxy(ProxySettings proxy) {
    this.proxy = proxy;
  }

  public List<String> getCaCertificates() {
    return caCertificates;
  }

  public void setCaCertificates(List<String> caCertificates) {
    this.caCertificates = caCertificates == null ? new ArrayList<>() : caCertificates;
  }

  public List<String> getNtpServers() {
    return ntpServers;
  }

  public void setNtpServers(List<String> ntpServers) {
    this.ntpServers = ntpServers == null ? new ArrayList<>() : ntpServers;
  }
}
