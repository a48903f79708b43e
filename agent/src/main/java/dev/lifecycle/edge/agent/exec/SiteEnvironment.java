package dev.lifecycle.edge.agent.exec;

import dev.lifecycle.edge.wire.Site;
import dev.lifecycle.edge.wire.SiteLayers;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment the {@code configure} hook gets besides the plan's: the effective site settings,
 * one variable per field (empty when unset; lists space separated, {@code EDGE_NO_PROXY} comma
 * separated, as programs read {@code NO_PROXY}), the whole settings as JSON in {@code EDGE_SITE_FILE}
 * and the CA certificates as one PEM bundle in {@code EDGE_CA_CERTIFICATES_FILE}. Pure.
 */
public final class SiteEnvironment {

  private SiteEnvironment() {
  }

  /**
   * @param site the effective site settings
   * @param siteFile where the settings are as JSON
   * @param caFile where the CA bundle is (an empty file when there are none)
   */
  public static Map<String, String> of(Site site, Path siteFile, Path caFile) {
    Site s = SiteLayers.merge(site);
    Site.Network network = s.network() == null ? new Site.Network(null, null, null, null) : s.network();
    Site.Proxy proxy = s.proxy() == null ? new Site.Proxy(null, null, null) : s.proxy();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("EDGE_SITE_FILE", siteFile.toString());
    env.put("EDGE_HOSTNAME", text(s.hostname()));
    env.put("EDGE_NETWORK_INTERFACE", text(network.interfaceName()));
    env.put("EDGE_NETWORK_ADDRESSES", String.join(" ", network.addresses()));
    env.put("EDGE_NETWORK_GATEWAY", text(network.gateway()));
    env.put("EDGE_DNS_SERVERS", String.join(" ", network.dnsServers()));
    env.put("EDGE_NTP_SERVERS", String.join(" ", s.ntpServers()));
    env.put("EDGE_HTTP_PROXY", text(proxy.httpProxy()));
    env.put("EDGE_HTTPS_PROXY", text(proxy.httpsProxy()));
    env.put("EDGE_NO_PROXY", String.join(",", proxy.noProxy()));
    env.put("EDGE_CA_CERTIFICATES_FILE", caFile.toString());
    return env;
  }

  /** The CA certificates as one PEM bundle, each ending in a newline; empty when there are none. */
  public static String caBundle(Site site) {
    List<String> certificates = SiteLayers.merge(site).caCertificates();
    StringBuilder bundle = new StringBuilder();
    for (String certificate : certificates) {
      bundle.append(certificate.strip()).append('\n');
    }
    return bundle.toString();
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
