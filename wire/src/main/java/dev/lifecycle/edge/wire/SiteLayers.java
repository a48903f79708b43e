package dev.lifecycle.edge.wire;

import java.util.List;

/**
 * The one rule by which a host's effective site settings are merged from their layers, used by the
 * operator (token network defaults &lt; EdgeHost spec.site, into a plan's site) and by the agent
 * (user-data defaults &lt; the plan's site &lt; site user-data). Per leaf field (hostname,
 * network.interface, network.addresses, network.gateway, network.dnsServers, proxy.httpProxy,
 * proxy.httpsProxy, proxy.noProxy, caCertificates, ntpServers): the highest layer that sets the field
 * wins; a string is set when it is not empty, a list when it holds an entry. A list is replaced
 * whole, never appended to. Pure.
 */
public final class SiteLayers {

  /** Settings that set nothing. */
  public static final Site EMPTY = new Site(null, null, null, List.of(), List.of());

  private SiteLayers() {
  }

  /**
   * The merge of {@code layers}, lowest first; null layers are skipped. The result is normalised: a
   * network or proxy that sets nothing is absent, so two merges that set the same fields are equal.
   */
  public static Site merge(Site... lowestFirst) {
    String hostname = null;
    String interfaceName = null;
    List<String> addresses = List.of();
    String gateway = null;
    List<String> dnsServers = List.of();
    String httpProxy = null;
    String httpsProxy = null;
    List<String> noProxy = List.of();
    List<String> caCertificates = List.of();
    List<String> ntpServers = List.of();
    for (Site layer : lowestFirst) {
      if (layer == null) {
        continue;
      }
      hostname = text(layer.hostname(), hostname);
      caCertificates = list(layer.caCertificates(), caCertificates);
      ntpServers = list(layer.ntpServers(), ntpServers);
      Site.Network network = layer.network();
      if (network != null) {
        interfaceName = text(network.interfaceName(), interfaceName);
        addresses = list(network.addresses(), addresses);
        gateway = text(network.gateway(), gateway);
        dnsServers = list(network.dnsServers(), dnsServers);
      }
      Site.Proxy proxy = layer.proxy();
      if (proxy != null) {
        httpProxy = text(proxy.httpProxy(), httpProxy);
        httpsProxy = text(proxy.httpsProxy(), httpsProxy);
        noProxy = list(proxy.noProxy(), noProxy);
      }
    }
    Site.Network network = interfaceName == null && addresses.isEmpty() && gateway == null && dnsServers.isEmpty()
        ? null : new Site.Network(interfaceName, addresses, gateway, dnsServers);
    Site.Proxy proxy = httpProxy == null && httpsProxy == null && noProxy.isEmpty()
        ? null : new Site.Proxy(httpProxy, httpsProxy, noProxy);
    return new Site(hostname, network, proxy, caCertificates, ntpServers);
  }

  /** Whether {@code site} sets no field (null sets none). */
  public static boolean isEmpty(Site site) {
    return merge(site).equals(EMPTY);
  }

  /** Whether two settings set the same fields to the same values (null is empty). */
  public static boolean same(Site a, Site b) {
    return merge(a).equals(merge(b));
  }

  /** {@code site} normalised, or null when it sets nothing: how a message or a status leaves it out. */
  public static Site orNull(Site site) {
    Site merged = merge(site);
    return merged.equals(EMPTY) ? null : merged;
  }

  private static String text(String higher, String lower) {
    return higher == null || higher.isEmpty() ? lower : higher;
  }

  private static List<String> list(List<String> higher, List<String> lower) {
    return higher == null || higher.isEmpty() ? lower : higher;
  }
}
