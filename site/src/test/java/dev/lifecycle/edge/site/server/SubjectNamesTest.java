package dev.lifecycle.edge.site.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubjectNamesTest {

  @Test
  @DisplayName("When the site listens on every interface, then its certificate names the machine's addresses, host "
      + "name and localhost, not the wildcard nor link-local addresses")
  void wildcard() throws Exception {
    SubjectNames names = SubjectNames.of("0.0.0.0", List.of(InetAddress.getByName("10.0.0.5"),
        InetAddress.getByName("127.0.0.1"), InetAddress.getByName("fe80::1"), InetAddress.getByName("fd00::2")),
        "Store-0042.local");

    assertThat(names.addresses()).containsExactly("10.0.0.5", "127.0.0.1", "fd00:0:0:0:0:0:0:2");
    assertThat(names.dnsNames()).containsExactly("store-0042.local", "localhost");
  }

  @Test
  @DisplayName("When the site listens on an address or a name, then the certificate names it first")
  void listenAddress() throws Exception {
    assertThat(SubjectNames.of("192.0.2.7", List.of(InetAddress.getByName("10.0.0.5")), "").addresses())
        .containsExactly("192.0.2.7", "10.0.0.5");
    assertThat(SubjectNames.of("controller.site.example", List.of(), "not a name!").dnsNames())
        .containsExactly("controller.site.example", "localhost");
  }
}
