package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A static IPv4 configuration of one interface. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class StaticNetwork {

  @Size(min = 1, max = 15)
  @ValidationRule(value = "self.matches('^[a-zA-Z0-9][a-zA-Z0-9._-]*$')",
      message = "interface must be a Linux interface name such as eth0 or enp3s0")
  @JsonProperty("interface")
  @JsonPropertyDescription("Interface to configure, such as eth0; unset means the first wired interface.")
  private String interfaceName;

  @Size(min = 1, max = 8)
  @ValidationRule(value = "self.all(a, a.matches('" + Validation.IPV4_CIDR_REGEX + "'))",
      message = "addresses must be IPv4 addresses with a prefix length, such as 192.168.10.20/24")
  @JsonPropertyDescription("Addresses with prefix length, such as 192.168.10.20/24. Required in spec.site; a "
      + "plan's or a report's site may leave them out: the operator's layer then sets DNS servers or a gateway "
      + "only, and the addresses come from the site user-data, or DHCP.")
  private List<@Size(max = 18) String> addresses = new ArrayList<>();

  @Size(max = 15)
  @ValidationRule(value = Validation.IPV4_RULE, message = "gateway must be an IPv4 address such as 192.168.10.1")
  @JsonPropertyDescription("Default gateway, such as 192.168.10.1.")
  private String gateway;

  @Size(max = 8)
  @ValidationRule(value = "self.all(s, s.matches('" + Validation.IPV4_REGEX + "'))",
      message = "dnsServers must be IPv4 addresses such as 10.0.0.53")
  @JsonPropertyDescription("DNS servers, as IPv4 addresses.")
  private List<@Size(max = 15) String> dnsServers = new ArrayList<>();

  public String getInterfaceName() {
    return interfaceName;
  }

  public void setInterfaceName(String interfaceName) {
    this.interfaceName = interfaceName;
  }

  public List<String> getAddresses() {
    return addresses;
  }

  public void setAddresses(List<String> addresses) {
    this.addresses = addresses == null ? new ArrayList<>() : addresses;
  }

  public String getGateway() {
    return gateway;
  }

  public void setGateway(String gateway) {
    this.gateway = gateway;
  }

  public List<String> getDnsServers() {
    return dnsServers;
  }

  public void setDnsServers(List<String> dnsServers) {
    this.dnsServers = dnsServers == null ? new ArrayList<>() : dnsServers;
  }
}
