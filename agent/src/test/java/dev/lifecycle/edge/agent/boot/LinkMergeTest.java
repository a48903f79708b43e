package dev.lifecycle.edge.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.agent.host.LocalSite;
import dev.lifecycle.edge.wire.LinkToken;
import dev.lifecycle.edge.wire.Site;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The merge of installer user-data, site user-data and command line for management and the link token. */
class LinkMergeTest {

  private static final Site DEFAULTS = new Site(null, null, null, List.of(), List.of("ntp.example.com"));
  private static final Site SITE = new Site("store-0042-a", null, null, List.of(), List.of("192.168.42.1"));
  private static final LinkToken INSTALLER_TOKEN = LinkTokens.token("from-installer", 'a');
  private static final LinkToken SITE_TOKEN = LinkTokens.token("from-site", 'b');
  private static final LinkToken TYPED_TOKEN = LinkTokens.token("typed", 'c');
  private static final AgentUserData CENTRAL = new AgentUserData(URI.create("https://gw.example.com:9443"),
      "the-token", "store-0042", "wave-1", Optional.empty(), DEFAULTS);

  /**
   * Every combination of where a link token is given, for an installer user-data with management: local: the
   * command line wins over the site user-data, which wins over the installer user-data; none is allowed (the
   * kept link decides).
   */
  @ParameterizedTest(name = "installer {0}, site {1}, command line {2}: {3}")
  @CsvSource({
      "false, false, false, none",
      "true,  false, false, from-installer",
      "false, true,  false, from-site",
      "false, false, true,  typed",
      "true,  true,  false, from-site",
      "true,  false, true,  typed",
      "false, true,  true,  typed",
      "true,  true,  true,  typed"})
  @DisplayName("When the installer says management: local, then the link token is the command line's, else the site "
      + "user-data's, else the installer's")
  void localPrecedence(boolean installer, boolean site, boolean typed, String winner) {
    AgentUserData userData = AgentUserData.local(DEFAULTS, Optional.empty(),
        installer ? Optional.of(INSTALLER_TOKEN) : Optional.empty());
    Optional<SiteUserData> siteUserData = Optional.of(new SiteUserData(SITE, Optional.empty(),
        site ? Optional.of(SITE_TOKEN) : Optional.empty()));
    Optional<GivenLinkToken> commandLine = typed ? Optional.of(new GivenLinkToken(TYPED_TOKEN, "--link-token"))
        : Optional.empty();

    BootSettings boot = BootSettings.of(Optional.of(userData), siteUserData, commandLine);

    assertThat(boot.management()).isEqualTo(Management.LOCAL);
    assertThat(boot.linkToken().map(given -> given.token().name()).orElse("none")).isEqualTo(winner);
    assertThat(boot.site()).as("the site layers are merged as for central management")
        .isEqualTo(new LocalSite(DEFAULTS, SITE));
    assertThat(boot.gateway()).isNull();
    assertThat(boot.toString()).doesNotContain(LinkTokens.SECRET);
  }

  @Test
  @DisplayName("When the link token comes from a file, then its source is named for messages")
  void sources() {
    AgentUserData userData = AgentUserData.local(null, Optional.empty(), Optional.of(INSTALLER_TOKEN));
    assertThat(BootSettings.of(Optional.of(userData), Optional.empty(), Optional.empty()).linkToken().orElseThrow()
        .source()).isEqualTo("the installer user-data (edge_agent.link_token)");
    assertThat(BootSettings.of(Optional.of(userData), Optional.of(new SiteUserData(SITE, Optional.empty(),
        Optional.of(SITE_TOKEN))), Optional.empty()).linkToken().orElseThrow().source())
        .isEqualTo("the site user-data (edge_site.linkToken)");
  }

  @Test
  @DisplayName("When only a link token is given (no user-data), then the host is managed locally with no site layers")
  void linkTokenAlone() {
    BootSettings boot = BootSettings.of(Optional.empty(), Optional.empty(),
        Optional.of(new GivenLinkToken(TYPED_TOKEN, "--link-token-file token")));

    assertThat(boot.management()).isEqualTo(Management.LOCAL);
    assertThat(boot.linkToken().orElseThrow().token()).isEqualTo(TYPED_TOKEN);
    assertThat(boot.site()).isEqualTo(LocalSite.NONE);
  }

  @Test
  @DisplayName("When the installer is for central management, then a link token of the site user-data is refused, "
      + "naming where it came from")
  void centralRefusesSiteLinkToken() {
    Optional<SiteUserData> site = Optional.of(new SiteUserData(SITE, Optional.empty(), Optional.of(SITE_TOKEN)));

    assertThatThrownBy(() -> BootSettings.of(Optional.of(CENTRAL), site, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the site user-data (edge_site.linkToken) gives a link token, but the installer user-data is for "
            + "central management (edge_agent.management: central, the default): this host registers with the "
            + "management cluster's gateway. Only an installer user-data with management: local links a host to a "
            + "site controller");
  }

  @Test
  @DisplayName("When the installer is for central management, then a link token of the command line is refused")
  void centralRefusesTypedLinkToken() {
    assertThatThrownBy(() -> BootSettings.of(Optional.of(CENTRAL), Optional.empty(),
        Optional.of(new GivenLinkToken(TYPED_TOKEN, "--link-token"))))
        .hasMessageStartingWith("--link-token gives a link token, but the installer user-data is for central "
            + "management");
  }

  @Test
  @DisplayName("When the installer says management: local, then a site gatewayUrl is refused: the link token has "
      + "the controller's address")
  void localRefusesSiteGatewayUrl() {
    AgentUserData userData = AgentUserData.local(null, Optional.empty(), Optional.of(INSTALLER_TOKEN));
    Optional<SiteUserData> site = Optional.of(new SiteUserData(SITE, Optional.of(URI.create("https://gw:9443"))));

    assertThatThrownBy(() -> BootSettings.of(Optional.of(userData), site, Optional.empty()))
        .hasMessage("the site user-data sets edge_site.gatewayUrl, but the installer user-data says management: "
            + "local: this host reaches its site controller at the address of its link token; remove gatewayUrl");
  }

  @Test
  @DisplayName("When there is a site user-data but no installer user-data, then it is refused")
  void siteWithoutInstaller() {
    assertThatThrownBy(() -> BootSettings.of(Optional.empty(), Optional.of(new SiteUserData(SITE, Optional.empty())),
        Optional.of(new GivenLinkToken(TYPED_TOKEN, "--link-token"))))
        .hasMessage("a site user-data needs the installer user-data (--user-data)");
  }

  @Test
  @DisplayName("When the installer is for central management and nothing links, then the central settings are as "
      + "before")
  void centralUnchanged() {
    BootSettings boot = BootSettings.of(Optional.of(CENTRAL), Optional.of(new SiteUserData(SITE, Optional.empty())),
        Optional.empty());

    assertThat(boot.management()).isEqualTo(Management.CENTRAL);
    assertThat(boot.gateway()).isEqualTo(URI.create("https://gw.example.com:9443"));
    assertThat(boot.token()).isEqualTo("the-token");
    assertThat(boot.linkToken()).isEmpty();
  }
}
