package dev.lifecycle.edge.agent.boot;

import dev.lifecycle.edge.wire.LinkToken;
import dev.lifecycle.edge.wire.Site;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The site user-data a technician brings to a host (on a USB stick): the {@code edge_site} block of a
 * YAML file, in the shape of {@code EdgeHost.spec.site} (camelCase, so a pre-provisioned EdgeHost's
 * {@code site} can be copied into it), plus {@code gatewayUrl} for a site that reaches the gateway at
 * another address, or {@code linkToken} for a host whose installer user-data says {@code management: local}
 * (the link token the site controller made for it). Other top-level keys are ignored, so the file may also be a
 * cloud-config. Whether a host is managed centrally or by a site controller is the installer user-data's to say,
 * never this file's: a USB stick cannot take a host away from its gateway.
 *
 * <pre>
 * edge_site:
 *   hostname: store-0042-a
 *   network: {interface: eth0, addresses: [192.168.42.10/24], gateway: 192.168.42.1, dnsServers: [192.168.42.1]}
 *   proxy: {httpProxy: http://proxy:3128, httpsProxy: http://proxy:3128, noProxy: [localhost]}
 *   caCertificates: ["-----BEGIN CERTIFICATE-----\n..."]
 *   ntpServers: [192.168.42.1]
 *   gatewayUrl: https://edge-gateway.store-0042.example.com:9443
 * </pre>
 *
 * @param site the site settings; they win over every other layer
 * @param gatewayUrl the gateway URL for this site, winning over the installer user-data's; empty: that one
 * @param linkToken the link token for this host, winning over the installer user-data's
 */
public record SiteUserData(Site site, Optional<URI> gatewayUrl, Optional<LinkToken> linkToken) {

  /** Without a link token. */
  public SiteUserData(Site site, Optional<URI> gatewayUrl) {
    this(site, gatewayUrl, Optional.empty());
  }

  /** The block this reader takes from the file. */
  public static final String BLOCK = "edge_site";

  /**
   * Reads the {@code edge_site} block of {@code file}.
   *
   * @throws UserDataException naming the file, line and field of the first problem
   */
  public static SiteUserData read(Path file) {
    Fields root = Fields.of(file, "", YamlDocument.read(file));
    Fields site = root.mapping(BLOCK).orElseThrow(() -> new UserDataException(file, 0, null, "holds no "
        + BLOCK + " block (see docs/install.md, Site user-data)"));
    site.refuse("management", "the installer user-data says who manages a host (edge_agent.management), never a "
        + "site file: a host installed for central management stays with its gateway; use an installer user-data "
        + "with management: local for hosts of a site controller");
    site.only("hostname", "network", "proxy", "caCertificates", "ntpServers", "gatewayUrl", "linkToken");
    if (site.isEmpty()) {
      throw new UserDataException(file, site.line(), BLOCK, "sets nothing: give at least one field, or leave "
          + "out the site user-data");
    }
    Site.Network network = site.mapping("network").map(fields -> {
      fields.only("interface", "addresses", "gateway", "dnsServers");
      return new Site.Network(fields.text("interface", Values::interfaceName, Values.INTERFACE).orElse(null),
          fields.texts("addresses", Values::ipv4Prefix, Values.IPV4_PREFIX),
          fields.text("gateway", Values::ipv4, Values.IPV4).orElse(null),
          fields.texts("dnsServers", Values::ipv4, Values.IPV4));
    }).orElse(null);
    Site.Proxy proxy = site.mapping("proxy").map(fields -> {
      fields.only("httpProxy", "httpsProxy", "noProxy");
      return new Site.Proxy(fields.text("httpProxy", Values::httpUrl, Values.HTTP_URL).orElse(null),
          fields.text("httpsProxy", Values::httpUrl, Values.HTTP_URL).orElse(null),
          fields.texts("noProxy", Values::any, Values.TEXT));
    }).orElse(null);
    Site settings = new Site(site.text("hostname", Values::hostname, Values.HOSTNAME).orElse(null), network, proxy,
        site.texts("caCertificates", Values::pemCertificates, "a PEM certificate"),
        site.texts("ntpServers", Values::name, Values.NAME));
    Optional<URI> gatewayUrl = site.text("gatewayUrl", Values::httpUrl, Values.HTTP_URL).map(URI::create);
    if (gatewayUrl.isPresent() && site.has("linkToken")) {
      site.refuse("linkToken", "not with gatewayUrl: gatewayUrl is for a host the management cluster's gateway "
          + "manages, a link token for a host of a site controller (which it reaches at the link token's address)");
    }
    return new SiteUserData(settings, gatewayUrl, site.parsed("linkToken", LinkToken::parse));
  }
}
