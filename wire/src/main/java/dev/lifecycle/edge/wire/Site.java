package dev.lifecycle.edge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The site settings a host was installed with, in the shape of {@code EdgeHost.spec.site}.
 *
 * @param hostname the host's name, such as store-0042-a
 * @param network static IPv4 configuration; unset means DHCP
 * @param proxy HTTP proxy for outbound traffic
 * @param caCertificates extra CA certificates (PEM) the host trusts
 * @param ntpServers time servers, as host names or addresses
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Site(String hostname, Network network, Proxy proxy, List<String> caCertificates,
    List<String> ntpServers) {

  public Site {
    caCertificates = Copies.list(caCertificates);
    ntpServers = Copies.list(ntpServers);
  }

  /**
   * A static IPv4 configuration of one interface.
   *
   * @param interfaceName the interface, such as eth0 (JSON {@code interface})
   * @param addresses addresses with prefix length, such as 192.168.10.20/24
   * @param gateway the default gateway
   * @param dnsServers DNS servers, as IPv4 addresses
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Network(@JsonProperty("interface") String interfaceName, List<String> addresses, String gateway,
      List<String> dnsServers) {

    public Network {
      addresses = Copies.list(addresses);
      dnsServers = Copies.list(dnsServers);
    }
  }

  /**
   * An HTTP proxy.
   *
   * @param httpProxy proxy for http:// URLs
   * @param httpsProxy proxy for https:// URLs
   * @param noProxy names reached without the proxy
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Proxy(String httpProxy, String httpsProxy, List<String> noProxy) {

    public Proxy {
      noProxy = Copies.list(noProxy);
    }
  }
}
