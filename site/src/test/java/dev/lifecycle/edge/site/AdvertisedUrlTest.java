package dev.lifecycle.edge.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.site.server.ListenAddress;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AdvertisedUrlTest {

  @Test
  @DisplayName("When the site listens on every interface, then its URL names the machine's first reachable IPv4 "
      + "address, site-local first; with none, its loopback address")
  void wildcard() throws Exception {
    ListenAddress any = new ListenAddress("0.0.0.0", 5080);
    List<InetAddress> machine = List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("fe80::1"),
        InetAddress.getByName("2001:db8::5"), InetAddress.getByName("203.0.113.9"), InetAddress.getByName("10.0.0.5"));

    assertThat(AdvertisedUrl.choose(any, 5080, machine)).isEqualTo(URI.create("https://10.0.0.5:5080"));
    assertThat(AdvertisedUrl.choose(any, 5080, List.of(InetAddress.getByName("2001:db8::5"))))
        .isEqualTo(URI.create("https://[2001:db8:0:0:0:0:0:5]:5080"));
    assertThat(AdvertisedUrl.choose(any, 5080, List.of(InetAddress.getByName("127.0.0.1"))))
        .isEqualTo(URI.create("https://127.0.0.1:5080"));
  }

  @Test
  @DisplayName("When the site listens on one address or name, then its URL names it, with the port it got")
  void named() {
    assertThat(AdvertisedUrl.choose(new ListenAddress("192.0.2.7", 0), 41234, List.of()))
        .isEqualTo(URI.create("https://192.0.2.7:41234"));
    assertThat(AdvertisedUrl.choose(new ListenAddress("::1", 5080), 5080, List.of()))
        .isEqualTo(URI.create("https://[::1]:5080"));
    assertThat(AdvertisedUrl.choose(new ListenAddress("controller.site", 5080), 5080, List.of()))
        .isEqualTo(URI.create("https://controller.site:5080"));
  }
}
