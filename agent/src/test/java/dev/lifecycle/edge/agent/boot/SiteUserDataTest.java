package dev.lifecycle.edge.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.wire.Site;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteUserDataTest {

  /** The example of docs/install.md: a technician's file for one store's host. */
  static final String STORE_0042_A = """
      # On the USB stick labelled EDGE-SITE, as edge-site.yaml
      edge_site:
        hostname: store-0042-a
        network:
          interface: eth0
          addresses: [192.168.42.10/24]
          gateway: 192.168.42.1
          dnsServers: [192.168.42.1]
        proxy:
          httpProxy: http://proxy.store-0042.example.com:3128
          httpsProxy: http://proxy.store-0042.example.com:3128
          noProxy: [localhost, 192.168.42.0/24]
        ntpServers: [192.168.42.1]
        gatewayUrl: https://edge-gateway.store-0042.example.com:9443
      """;

  @TempDir
  Path temp;

  @Test
  @DisplayName("When a site user-data sets every field, then they are read in the shape of EdgeHost spec.site")
  void readsEveryField() throws IOException {
    SiteUserData site = SiteUserData.read(write(STORE_0042_A));

    assertThat(site.site()).isEqualTo(new Site("store-0042-a",
        new Site.Network("eth0", List.of("192.168.42.10/24"), "192.168.42.1", List.of("192.168.42.1")),
        new Site.Proxy("http://proxy.store-0042.example.com:3128", "http://proxy.store-0042.example.com:3128",
            List.of("localhost", "192.168.42.0/24")), List.of(), List.of("192.168.42.1")));
    assertThat(site.gatewayUrl()).contains(URI.create("https://edge-gateway.store-0042.example.com:9443"));
  }

  @Test
  @DisplayName("When a site user-data carries CA certificates, then they are kept as PEM")
  void caCertificates() throws IOException {
    String pem = Files.readString(Path.of("src/test/resources/boot/ca.pem")).strip().replace("\n", "\n    ");
    SiteUserData site = SiteUserData.read(write("edge_site:\n  caCertificates:\n  - |\n    " + pem + "\n"));

    assertThat(site.site().caCertificates()).singleElement()
        .satisfies(ca -> assertThat(ca).startsWith("-----BEGIN CERTIFICATE-----"));
    assertThat(site.gatewayUrl()).isEmpty();
  }

  @Test
  @DisplayName("When a field is misspelt (snake_case here), then the error names the file, the line and the field")
  void unknownField() throws IOException {
    Path file = write("edge_site:\n  hostname: a\n  network:\n    dns_servers: [10.0.0.1]\n");
    assertThatThrownBy(() -> SiteUserData.read(file)).isInstanceOf(UserDataException.class)
        .hasMessage(file + ":4: edge_site.network.dns_servers: unknown field; known here: addresses, dnsServers, "
            + "gateway, interface");
  }

  @Test
  @DisplayName("When an address has no prefix length, then the error names the item and its line")
  void badAddress() throws IOException {
    Path file = write("edge_site:\n  network:\n    addresses:\n    - 192.168.42.10\n");
    assertThatThrownBy(() -> SiteUserData.read(file)).hasMessage(file + ":4: edge_site.network.addresses[0]: "
        + "must be an IPv4 address with a prefix length, such as 192.168.10.20/24");
  }

  @Test
  @DisplayName("When the host name, a proxy or a CA is malformed, then the error says what is expected")
  void badValues() throws IOException {
    Path hostname = write("edge_site:\n  hostname: Store_42\n");
    assertThatThrownBy(() -> SiteUserData.read(hostname)).hasMessage(hostname + ":2: edge_site.hostname: must be a "
        + "DNS-1123 host name (lower-case letters, digits, '-' and '.'), such as store-0042-a");
    Path proxy = write("edge_site:\n  proxy:\n    httpProxy: proxy:3128\n");
    assertThatThrownBy(() -> SiteUserData.read(proxy))
        .hasMessage(proxy + ":3: edge_site.proxy.httpProxy: must be an http:// or https:// URL with a host");
    Path ca = write("edge_site:\n  caCertificates: [\"-----BEGIN CERTIFICATE-----\\nnot base64\\n\"]\n");
    assertThatThrownBy(() -> SiteUserData.read(ca))
        .hasMessage(ca + ":2: edge_site.caCertificates[0]: must be a PEM certificate");
    Path network = write("edge_site:\n  network: eth0\n");
    assertThatThrownBy(() -> SiteUserData.read(network))
        .hasMessage(network + ":2: edge_site.network: must be a mapping of fields, not a single value");
  }

  @Test
  @DisplayName("When the file has no edge_site block, or an empty one, then the error says so")
  void noOrEmptyBlock() throws IOException {
    Path none = write("site:\n  hostname: a\n");
    assertThatThrownBy(() -> SiteUserData.read(none))
        .hasMessage(none + ": holds no edge_site block (see docs/install.md, Site user-data)");
    Path empty = write("edge_site:\n  ntpServers: []\n");
    assertThatThrownBy(() -> SiteUserData.read(empty))
        .hasMessage(empty + ":2: edge_site: sets nothing: give at least one field, or leave out the site user-data");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(Files.createTempFile(temp, "site", ".yaml"), text);
  }
}
