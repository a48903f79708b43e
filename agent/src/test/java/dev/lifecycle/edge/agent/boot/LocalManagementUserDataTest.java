package dev.lifecycle.edge.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.wire.LinkToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code management} and the link token fields of the installer user-data and the site user-data. */
class LocalManagementUserDataTest {

  private static final LinkToken TOKEN = LinkTokens.token("link-1", 'a');

  @TempDir
  Path temp;

  @Test
  @DisplayName("When the installer user-data says management: local with a link token, then it is read without a "
      + "gateway or token, with its network defaults, and never shows the secret")
  void localWithLinkToken() throws IOException {
    AgentUserData data = AgentUserData.read(write("#cloud-config\nedge_agent:\n  management: local\n"
        + "  link_token: " + TOKEN.encode() + "\n  agent_url: https://downloads.example.com/edge-agent.jar\n"
        + "  network:\n    ntp_servers: [ntp.example.com]\n"));

    assertThat(data.management()).isEqualTo(Management.LOCAL);
    assertThat(data.linkToken()).contains(TOKEN);
    assertThat(data.gatewayUrl()).isNull();
    assertThat(data.token()).isNull();
    assertThat(data.networkDefaults().ntpServers()).containsExactly("ntp.example.com");
    assertThat(data.toString()).doesNotContain(TOKEN.token()).contains("management=local");
  }

  @Test
  @DisplayName("When management: local has no link token, then the user-data is still good: the token may come from "
      + "the site user-data, the command line or the kept link")
  void localWithoutLinkToken() throws IOException {
    AgentUserData data = AgentUserData.read(write("edge_agent:\n  management: local\n"));

    assertThat(data.management()).isEqualTo(Management.LOCAL);
    assertThat(data.linkToken()).isEmpty();
  }

  @Test
  @DisplayName("When management is left out or says central, then the user-data is read as before")
  void centralByDefault() throws IOException {
    assertThat(AgentUserData.read(write("edge_agent:\n  gateway_url: https://gw:9443\n  token: t\n")).management())
        .isEqualTo(Management.CENTRAL);
    assertThat(AgentUserData.read(write("edge_agent:\n  management: central\n  gateway_url: https://gw:9443\n"
        + "  token: t\n")).management()).isEqualTo(Management.CENTRAL);
  }

  @Test
  @DisplayName("When management: local comes with a gateway field, then each is refused by name and line: the link "
      + "token carries the controller's address and certificate")
  void localRefusesGatewayFields() throws IOException {
    for (String field : List.of("gateway_url: https://gw:9443", "token: t", "token_namespace: ns",
        "token_name: n", "gateway_ca: x")) {
      Path file = write("edge_agent:\n  management: local\n  " + field + "\n");
      String name = field.substring(0, field.indexOf(':'));
      assertThatThrownBy(() -> AgentUserData.read(file)).isInstanceOf(UserDataException.class)
          .hasMessageStartingWith(file + ":3: edge_agent." + name + ": not with management: local: a host managed "
              + "by a site controller reaches it at the address of its link token");
    }
  }

  @Test
  @DisplayName("When a central user-data carries a link token, then it is refused: only management: local links")
  void centralRefusesLinkToken() throws IOException {
    Path file = write("edge_agent:\n  gateway_url: https://gw:9443\n  token: t\n  link_token: " + TOKEN.encode()
        + "\n");
    assertThatThrownBy(() -> AgentUserData.read(file)).hasMessage(file + ":4: edge_agent.link_token: a link token "
        + "links a host to a site controller: only with management: local (this user-data is for hosts the "
        + "management cluster's gateway manages)");
  }

  @Test
  @DisplayName("When management is neither central nor local, then the error says what it must be")
  void badManagement() throws IOException {
    Path file = write("edge_agent:\n  management: site\n");
    assertThatThrownBy(() -> AgentUserData.read(file))
        .hasMessage(file + ":2: edge_agent.management: must be central or local");
  }

  @Test
  @DisplayName("When the link token is damaged or not a link token, then the error names the field and line and "
      + "never quotes the token")
  void damagedLinkToken() throws IOException {
    String damaged = TOKEN.encode().substring(0, 40) + "!!";
    Path file = write("edge_agent:\n  management: local\n  link_token: " + damaged + "\n");
    assertThatThrownBy(() -> AgentUserData.read(file)).hasMessage(file + ":3: edge_agent.link_token: the link token "
        + "is damaged (not base64url after edgelink1.); copy it again from the site controller");
    Path other = write("edge_agent:\n  management: local\n  link_token: " + TOKEN.token() + "\n");
    assertThatThrownBy(() -> AgentUserData.read(other)).hasMessage(other + ":3: edge_agent.link_token: this is not "
        + "a link token: it does not start with edgelink1.");
  }

  @Test
  @DisplayName("When a site user-data carries a link token, then it is read; alone it is a complete site user-data")
  void siteLinkToken() throws IOException {
    SiteUserData site = SiteUserData.read(write("edge_site:\n  linkToken: " + TOKEN.encode() + "\n"));

    assertThat(site.linkToken()).contains(TOKEN);
    assertThat(site.gatewayUrl()).isEmpty();
  }

  @Test
  @DisplayName("When a site user-data says management, then it is refused: who manages a host is the installer's "
      + "to say, so a USB stick cannot take a host from its gateway")
  void siteCannotSetManagement() throws IOException {
    Path file = write("edge_site:\n  hostname: store-0042-a\n  management: local\n");
    assertThatThrownBy(() -> SiteUserData.read(file)).hasMessageStartingWith(file + ":3: edge_site.management: the "
        + "installer user-data says who manages a host (edge_agent.management), never a site file");
  }

  @Test
  @DisplayName("When a site user-data has both gatewayUrl and linkToken, then the link token is refused: one is for "
      + "central management, the other for a site controller")
  void siteGatewayAndLinkToken() throws IOException {
    Path file = write("edge_site:\n  gatewayUrl: https://gw:9443\n  linkToken: " + TOKEN.encode() + "\n");
    assertThatThrownBy(() -> SiteUserData.read(file))
        .hasMessageStartingWith(file + ":3: edge_site.linkToken: not with gatewayUrl");
  }

  @Test
  @DisplayName("When a site user-data's link token lacks a field, then the error names the field")
  void siteDamagedLinkToken() throws IOException {
    Path file = write("edge_site:\n  linkToken: edgelink1.e30\n");
    assertThatThrownBy(() -> SiteUserData.read(file))
        .hasMessage(file + ":2: edge_site.linkToken: the link token is invalid: it names no controller address");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(Files.createTempFile(temp, "user-data", ".yaml"), text);
  }
}
