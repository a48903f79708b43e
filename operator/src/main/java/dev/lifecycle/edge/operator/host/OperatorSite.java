package dev.lifecycle.edge.operator.host;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.NetworkDefaults;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.SiteSettings;
import dev.lifecycle.edge.wire.Json;
import dev.lifecycle.edge.wire.Site;
import dev.lifecycle.edge.wire.SiteLayers;
import java.util.List;

/**
 * The operator's two layers of a host's site settings, merged by {@link SiteLayers}: the network
 * defaults of the RegistrationToken the host registered with, under the EdgeHost's {@code spec.site}.
 * The agent puts its installer user-data's defaults under them and its site user-data over them. Pure.
 */
public final class OperatorSite {

  private OperatorSite() {
  }

  /**
   * The operator's site for {@code host}.
   *
   * @param token the token the host registered with ({@code status.registration.tokenName}), null when
   *     unknown or deleted: its defaults then no longer apply
   */
  public static Site of(EdgeHost host, RegistrationToken token) {
    return merge(tokenDefaults(token), host.getSpec() == null ? null : host.getSpec().getSite());
  }

  /** The merge of a token's network defaults (lower) and a host's spec.site (higher), either may be null. */
  public static Site merge(NetworkDefaults tokenDefaults, SiteSettings spec) {
    return SiteLayers.merge(layer(tokenDefaults), wire(spec));
  }

  /** The name of the token the host registered with, or null. */
  public static String tokenName(EdgeHost host) {
    return host.getStatus() == null || host.getStatus().getRegistration() == null ? null
        : host.getStatus().getRegistration().getTokenName();
  }

  /** The network defaults of a token's user-data, or null. */
  public static NetworkDefaults tokenDefaults(RegistrationToken token) {
    return token == null || token.getSpec() == null || token.getSpec().getUserData() == null ? null
        : token.getSpec().getUserData().getNetwork();
  }

  /** A token's network defaults as a layer: DNS servers, NTP servers and proxy. */
  static Site layer(NetworkDefaults defaults) {
    if (defaults == null) {
      return null;
    }
    Site.Network network = new Site.Network(null, List.of(), null, defaults.getDnsServers());
    return new Site(null, network, wire(defaults.getProxy()), List.of(), defaults.getNtpServers());
  }

  /** API site settings as the wire carries them (the same JSON shape); null stays null. */
  public static Site wire(SiteSettings settings) {
    return settings == null ? null : Json.strict().convertValue(settings, Site.class);
  }

  /** Wire site settings as the API stores them; null, or settings that set nothing, are null. */
  public static SiteSettings api(Site site) {
    Site set = SiteLayers.orNull(site);
    return set == null ? null : Json.strict().convertValue(set, SiteSettings.class);
  }

  private static Site.Proxy wire(dev.lifecycle.edge.api.v1alpha1.ProxySettings proxy) {
    return proxy == null ? null : Json.strict().convertValue(proxy, Site.Proxy.class);
  }
}
