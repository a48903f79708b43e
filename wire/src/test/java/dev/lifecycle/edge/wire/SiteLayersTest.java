package dev.lifecycle.edge.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SiteLayersTest {

  private static final Site USER_DATA = new Site("ud-host",
      new Site.Network("eth0", List.of("10.0.0.10/24"), "10.0.0.1", List.of("10.0.0.53")),
      new Site.Proxy("http://ud-proxy:3128", "http://ud-proxy:3128", List.of(".ud")),
      List.of("-----BEGIN CERTIFICATE-----ud"), List.of("ntp.ud"));
  private static final Site TOKEN = new Site(null, new Site.Network(null, List.of(), null, List.of("10.1.0.53")),
      new Site.Proxy("http://token-proxy:3128", null, List.of()), List.of(), List.of("ntp.token"));
  private static final Site SPEC = new Site("spec-host", new Site.Network(null, List.of("10.2.0.20/24"), "10.2.0.1",
      List.of()), null, List.of("-----BEGIN CERTIFICATE-----spec"), List.of());
  private static final Site SITE_USER_DATA = new Site(null, new Site.Network("enp3s0", List.of(), null, List.of()),
      new Site.Proxy(null, "http://usb-proxy:3128", List.of(".usb", "10.0.0.0/8")), List.of(), List.of());

  @Test
  @DisplayName("When all four layers are merged in the documented order, then every leaf comes from the highest "
      + "layer that sets it")
  void documentedOrder() {
    Site merged = SiteLayers.merge(USER_DATA, TOKEN, SPEC, SITE_USER_DATA);

    assertThat(merged.hostname()).isEqualTo("spec-host");
    assertThat(merged.network()).isEqualTo(new Site.Network("enp3s0", List.of("10.2.0.20/24"), "10.2.0.1",
        List.of("10.1.0.53")));
    assertThat(merged.proxy()).isEqualTo(new Site.Proxy("http://token-proxy:3128", "http://usb-proxy:3128",
        List.of(".usb", "10.0.0.0/8")));
    assertThat(merged.caCertificates()).containsExactly("-----BEGIN CERTIFICATE-----spec");
    assertThat(merged.ntpServers()).containsExactly("ntp.token");
  }

  @Test
  @DisplayName("When the layers come in the opposite order, then the other layer wins each leaf both set")
  void reverseOrder() {
    Site merged = SiteLayers.merge(SITE_USER_DATA, SPEC, TOKEN, USER_DATA);

    assertThat(merged).isEqualTo(USER_DATA);
  }

  @Test
  @DisplayName("When a higher layer sets a list, then it replaces the lower list whole instead of adding to it")
  void listsReplace() {
    Site lower = new Site(null, null, null, List.of(), List.of("a", "b"));
    Site higher = new Site(null, null, null, List.of(), List.of("c"));

    assertThat(SiteLayers.merge(lower, higher).ntpServers()).containsExactly("c");
    assertThat(SiteLayers.merge(higher, lower).ntpServers()).containsExactly("a", "b");
  }

  @Test
  @DisplayName("When a higher layer leaves a field empty or unset, then the lower layer's value stays")
  void emptyDoesNotErase() {
    Site higher = new Site("", new Site.Network("", List.of(), "", List.of()), new Site.Proxy("", "", List.of()),
        List.of(), List.of());

    assertThat(SiteLayers.merge(USER_DATA, higher, null)).isEqualTo(USER_DATA);
  }

  @Test
  @DisplayName("When every pair of layers is merged, then each leaf one of them sets is the higher one's")
  void everyPair() {
    List<Site> layers = List.of(USER_DATA, TOKEN, SPEC, SITE_USER_DATA);
    for (Site low : layers) {
      for (Site high : layers) {
        Site merged = SiteLayers.merge(low, high);
        assertThat(merged.ntpServers()).isEqualTo(high.ntpServers().isEmpty() ? low.ntpServers() : high.ntpServers());
        assertThat(merged.hostname()).isEqualTo(high.hostname() != null ? high.hostname() : low.hostname());
        String lowGateway = low.network() == null ? null : low.network().gateway();
        String highGateway = high.network() == null ? null : high.network().gateway();
        assertThat(merged.network() == null ? null : merged.network().gateway())
            .isEqualTo(highGateway != null ? highGateway : lowGateway);
      }
    }
  }

  @Test
  @DisplayName("When nothing is set, then the merge is empty, without an empty network or proxy, and equals "
      + "another empty merge")
  void normalised() {
    Site nothing = new Site(null, new Site.Network(null, null, null, null), new Site.Proxy(null, null, null), null,
        null);

    assertThat(SiteLayers.merge()).isEqualTo(SiteLayers.EMPTY);
    assertThat(SiteLayers.merge(nothing, null)).isEqualTo(SiteLayers.EMPTY);
    assertThat(SiteLayers.isEmpty(nothing)).isTrue();
    assertThat(SiteLayers.orNull(nothing)).isNull();
    assertThat(SiteLayers.same(null, nothing)).isTrue();
    assertThat(SiteLayers.same(TOKEN, SPEC)).isFalse();
    assertThat(Json.write(SiteLayers.merge(TOKEN))).isEqualTo("{\"network\":{\"dnsServers\":[\"10.1.0.53\"]},"
        + "\"proxy\":{\"httpProxy\":\"http://token-proxy:3128\"},\"ntpServers\":[\"ntp.token\"]}");
  }
}
