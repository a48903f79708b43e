package dev.lifecycle.edge.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.agent.host.LocalSite;
import dev.lifecycle.edge.wire.Site;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BootSettingsTest {

  private static final Site DEFAULTS = new Site(null, null, null, List.of(), List.of("ntp.example.com"));
  private static final AgentUserData USER_DATA = new AgentUserData(URI.create("https://gw.example.com:9443"),
      "the-token", "store-0042", "wave-1", Optional.of("-----BEGIN CERTIFICATE-----"), DEFAULTS);
  private static final Site SITE = new Site("store-0042-a", null, null, List.of(), List.of("192.168.42.1"));

  @Test
  @DisplayName("When there is no site user-data, then the user-data's gateway, token, CA and defaults are used")
  void userDataAlone() {
    BootSettings boot = BootSettings.of(USER_DATA, Optional.empty());

    assertThat(boot.gateway()).isEqualTo(URI.create("https://gw.example.com:9443"));
    assertThat(boot.token()).isEqualTo("the-token");
    assertThat(boot.gatewayCa()).contains("-----BEGIN CERTIFICATE-----");
    assertThat(boot.site()).isEqualTo(new LocalSite(DEFAULTS, null));
    assertThat(boot.toString()).doesNotContain("the-token");
  }

  @Test
  @DisplayName("When the site user-data sets a gateway URL, then it wins; its settings are the highest layer")
  void siteWins() {
    BootSettings boot = BootSettings.of(USER_DATA,
        Optional.of(new SiteUserData(SITE, Optional.of(URI.create("https://gw.store-0042.example.com:9443")))));

    assertThat(boot.gateway()).isEqualTo(URI.create("https://gw.store-0042.example.com:9443"));
    assertThat(boot.token()).isEqualTo("the-token");
    assertThat(boot.site()).isEqualTo(new LocalSite(DEFAULTS, SITE));
  }

  @Test
  @DisplayName("When the site user-data sets no gateway URL, then the user-data's is kept")
  void siteWithoutGateway() {
    BootSettings boot = BootSettings.of(USER_DATA, Optional.of(new SiteUserData(SITE, Optional.empty())));

    assertThat(boot.gateway()).isEqualTo(URI.create("https://gw.example.com:9443"));
  }
}
