package dev.lifecycle.edge.site.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ListenAddressTest {

  @Test
  @DisplayName("When --listen names IPv4, IPv6 in brackets or a host name with a port, then it is read; a wildcard "
      + "is told apart")
  void reads() {
    assertThat(ListenAddress.parse("0.0.0.0:5080")).isEqualTo(new ListenAddress("0.0.0.0", 5080));
    assertThat(ListenAddress.parse("0.0.0.0:5080").wildcard()).isTrue();
    assertThat(ListenAddress.parse("[::]:5080").wildcard()).isTrue();
    assertThat(ListenAddress.parse("[::1]:443")).isEqualTo(new ListenAddress("::1", 443));
    assertThat(ListenAddress.parse("[::1]:443").toString()).isEqualTo("[::1]:443");
    assertThat(ListenAddress.parse("10.0.0.5:0").wildcard()).isFalse();
    assertThat(ListenAddress.parse("site-controller.local:5080").host()).isEqualTo("site-controller.local");
  }

  @Test
  @DisplayName("When --listen is not HOST:PORT, then the message says what is wrong")
  void refuses() {
    assertThatThrownBy(() -> ListenAddress.parse("5080")).hasMessageContaining("is not HOST:PORT");
    assertThatThrownBy(() -> ListenAddress.parse("0.0.0.0:")).hasMessageContaining("is not HOST:PORT");
    assertThatThrownBy(() -> ListenAddress.parse("0.0.0.0:http")).hasMessageContaining("the port is not a number");
    assertThatThrownBy(() -> ListenAddress.parse("0.0.0.0:70000")).hasMessageContaining("within 0..65535");
    assertThatThrownBy(() -> ListenAddress.parse("::1:5080")).hasMessageContaining("in brackets");
    assertThatThrownBy(() -> ListenAddress.parse("[::1:5080")).hasMessageContaining("in brackets");
    assertThatThrownBy(() -> ListenAddress.parse("[host]:5080")).hasMessageContaining("only an IPv6 address");
  }
}
