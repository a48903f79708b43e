package dev.lifecycle.edge.agent.boot;

import dev.lifecycle.edge.agent.host.LocalSite;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent boots with, merged from the installer user-data and the site user-data. The site
 * user-data wins: its {@code gatewayUrl} over {@code edge_agent.gateway_url}, and its site settings
 * over every other layer (the operator's, from the plan, sit between the two local layers; see
 * {@link LocalSite}). The token and the gateway's CA come from the installer user-data only.
 *
 * @param gateway the gateway's base URL
 * @param token the registration token; never shown by {@link #toString()}
 * @param gatewayCa PEM certificates to trust for the gateway's TLS; empty: the JDK's trusted CAs
 * @param site the local site layers
 */
public record BootSettings(URI gateway, String token, Optional<String> gatewayCa, LocalSite site) {

  public BootSettings {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(gatewayCa, "gatewayCa");
    Objects.requireNonNull(site, "site");
  }

  /** The merge of the two files; {@code siteUserData} empty when the host has none. */
  public static BootSettings of(AgentUserData userData, Optional<SiteUserData> siteUserData) {
    URI gateway = siteUserData.flatMap(SiteUserData::gatewayUrl).orElse(userData.gatewayUrl());
    return new BootSettings(gateway, userData.token(), userData.gatewayCa(),
        new LocalSite(userData.networkDefaults(), siteUserData.map(SiteUserData::site).orElse(null)));
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "BootSettings[gateway=" + gateway + ", gatewayCa=" + (gatewayCa.isPresent() ? "set" : "none")
        + ", site=" + site + "]";
  }
}
