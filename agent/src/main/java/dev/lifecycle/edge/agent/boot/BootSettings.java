package dev.lifecycle.edge.agent.boot;

import dev.lifecycle.edge.agent.host.LocalSite;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent boots with, merged from the installer user-data, the site user-data and the command line
 * (docs/disconnected-sites.md, Linking a host, has the table).
 *
 * <p>Central management (the default): the site user-data's {@code gatewayUrl} wins over
 * {@code edge_agent.gateway_url}; the token and the gateway's CA come from the installer user-data only. A link
 * token anywhere is an error: a site file or a technician cannot move a centrally managed host to a site
 * controller.
 *
 * <p>{@code management: local} (the installer user-data's {@code edge_agent.management}, or a link token given on
 * the command line without user-data): the link token comes from the command line, else the site user-data, else
 * the installer user-data; none is needed when the host already keeps a link in its state directory. A site
 * {@code gatewayUrl} is an error: the link token carries the controller's address.
 *
 * <p>In both, the site user-data's settings win over every other layer of the host's site (the operator's, from
 * the plan, sit between the two local layers; see {@link LocalSite}).
 *
 * @param management who manages the host
 * @param gateway the gateway's base URL; null with local management (the link decides)
 * @param token the registration token; never shown by {@link #toString()}; null with local management
 * @param gatewayCa PEM certificates to trust for the gateway's TLS; empty: the JDK's trusted CAs (or the pin)
 * @param linkToken the link token that wins, with local management
 * @param site the local site layers
 */
public record BootSettings(Management management, URI gateway, String token, Optional<String> gatewayCa,
    Optional<GivenLinkToken> linkToken, LocalSite site) {

  public BootSettings {
    Objects.requireNonNull(management, "management");
    Objects.requireNonNull(gatewayCa, "gatewayCa");
    Objects.requireNonNull(linkToken, "linkToken");
    Objects.requireNonNull(site, "site");
    if (management == Management.CENTRAL) {
      Objects.requireNonNull(gateway, "gateway");
      Objects.requireNonNull(token, "token");
    }
  }

  /** Central management, as given by hand or by the installer user-data. */
  public BootSettings(URI gateway, String token, Optional<String> gatewayCa, LocalSite site) {
    this(Management.CENTRAL, gateway, token, gatewayCa, Optional.empty(), site);
  }

  /** The merge of the two files; {@code siteUserData} empty when the host has none. */
  public static BootSettings of(AgentUserData userData, Optional<SiteUserData> siteUserData) {
    return of(Optional.of(userData), siteUserData, Optional.empty());
  }

  /**
   * The merge of the installer user-data, the site user-data and a link token of the command line.
   *
   * @throws IllegalArgumentException when they contradict each other: the message says which field to remove
   */
  public static BootSettings of(Optional<AgentUserData> installer, Optional<SiteUserData> siteUserData,
      Optional<GivenLinkToken> commandLine) {
    if (installer.isEmpty()) {
      if (siteUserData.isPresent()) {
        throw new IllegalArgumentException("a site user-data needs the installer user-data (--user-data)");
      }
      GivenLinkToken given = commandLine.orElseThrow(() -> new IllegalArgumentException("give the installer "
          + "user-data, or a link token to link to a site controller"));
      return new BootSettings(Management.LOCAL, null, null, Optional.empty(), Optional.of(given), LocalSite.NONE);
    }
    AgentUserData userData = installer.get();
    LocalSite site = new LocalSite(userData.networkDefaults(), siteUserData.map(SiteUserData::site).orElse(null));
    Optional<GivenLinkToken> fromSite = siteUserData.flatMap(SiteUserData::linkToken)
        .map(token -> new GivenLinkToken(token, "the site user-data (edge_site.linkToken)"));
    if (userData.management() == Management.CENTRAL) {
      Optional<String> stray = commandLine.map(GivenLinkToken::source).or(() -> fromSite.map(GivenLinkToken::source));
      if (stray.isPresent()) {
        throw new IllegalArgumentException(stray.get() + " gives a link token, but the installer user-data is for "
            + "central management (edge_agent.management: central, the default): this host registers with the "
            + "management cluster's gateway. Only an installer user-data with management: local links a host to a "
            + "site controller");
      }
      URI gateway = siteUserData.flatMap(SiteUserData::gatewayUrl).orElse(userData.gatewayUrl());
      return new BootSettings(gateway, userData.token(), userData.gatewayCa(), site);
    }
    if (siteUserData.flatMap(SiteUserData::gatewayUrl).isPresent()) {
      throw new IllegalArgumentException("the site user-data sets edge_site.gatewayUrl, but the installer user-data "
          + "says management: local: this host reaches its site controller at the address of its link token; "
          + "remove gatewayUrl");
    }
    Optional<GivenLinkToken> link = commandLine.or(() -> fromSite).or(() -> userData.linkToken()
        .map(token -> new GivenLinkToken(token, "the installer user-data (edge_agent.link_token)")));
    return new BootSettings(Management.LOCAL, null, null, Optional.empty(), link, site);
  }

  /** Never shows a token. */
  @Override
  public String toString() {
    if (management == Management.LOCAL) {
      return "BootSettings[management=local, linkToken=" + linkToken.map(given -> given.token() + " from "
          + given.source()).orElse("none") + ", site=" + site + "]";
    }
    return "BootSettings[gateway=" + gateway + ", gatewayCa=" + (gatewayCa.isPresent() ? "set" : "none")
        + ", site=" + site + "]";
  }
}
