package dev.lifecycle.edge.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.wire.Site;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentUserDataTest {

  static final String TOKEN = "s3cr3t-token-value-xxxxxxxxxxxxxxxxxxxxxxxxx";

  /** What UserDataRenderer writes (the operator's test renders the real one and boots from it). */
  static final String RENDERED = """
      #cloud-config
      users:
      - name: edge-admin
        ssh_authorized_keys:
        - ssh-ed25519 AAAA admin@example
      write_files:
      - path: /etc/systemd/system/edge-agent.service
        content: |
          [Unit]
      runcmd:
      - [sh, /usr/local/sbin/install-edge-agent.sh]
      edge_agent:
        gateway_url: https://edge-gateway.example.com:9443
        token: %s
        token_namespace: store-0042
        token_name: install-wave-1
        agent_url: https://downloads.example.com/edge-agent.jar
        network:
          dns_servers:
          - 10.0.0.53
          ntp_servers:
          - ntp.example.com
          proxy:
            http_proxy: http://proxy.example.com:3128
            https_proxy: http://proxy.example.com:3128
            no_proxy:
            - localhost
            - .svc
      """.formatted(TOKEN);

  @TempDir
  Path temp;

  @Test
  @DisplayName("When the rendered user-data is read, then the gateway, the token and the network defaults are the "
      + "edge_agent block's, and cloud-init's keys are left to cloud-init")
  void readsRendered() throws IOException {
    AgentUserData data = AgentUserData.read(write(RENDERED));

    assertThat(data.gatewayUrl()).isEqualTo(URI.create("https://edge-gateway.example.com:9443"));
    assertThat(data.token()).isEqualTo(TOKEN);
    assertThat(data.tokenNamespace()).isEqualTo("store-0042");
    assertThat(data.tokenName()).isEqualTo("install-wave-1");
    assertThat(data.gatewayCa()).isEmpty();
    assertThat(data.networkDefaults()).isEqualTo(new Site(null, new Site.Network(null, List.of(), null,
        List.of("10.0.0.53")), new Site.Proxy("http://proxy.example.com:3128", "http://proxy.example.com:3128",
        List.of("localhost", ".svc")), List.of(), List.of("ntp.example.com")));
    assertThat(data.toString()).doesNotContain(TOKEN).contains("store-0042/install-wave-1");
  }

  @Test
  @DisplayName("When the user-data has no network block, then there are no network defaults")
  void minimal() throws IOException {
    AgentUserData data = AgentUserData.read(write("#cloud-config\nedge_agent:\n  gateway_url: http://10.0.0.1:9443\n"
        + "  token: t\n"));

    assertThat(data.networkDefaults()).isNull();
    assertThat(data.gatewayCa()).isEmpty();
  }

  @Test
  @DisplayName("When the user-data carries the gateway's CA, then it is kept as PEM; when the CA is not PEM, "
      + "then the error names the field and its line")
  void gatewayCa() throws IOException {
    String pem = Files.readString(Path.of("src/test/resources/boot/ca.pem"));
    String indented = pem.strip().replace("\n", "\n    ");
    AgentUserData data = AgentUserData.read(write("edge_agent:\n  gateway_url: https://gw:9443\n  token: t\n"
        + "  gateway_ca: |\n    " + indented + "\n"));
    assertThat(data.gatewayCa()).hasValueSatisfying(ca -> assertThat(ca).startsWith("-----BEGIN CERTIFICATE-----"));

    Path bad = write("edge_agent:\n  gateway_url: https://gw:9443\n  token: t\n  gateway_ca: not a certificate\n");
    assertThatThrownBy(() -> AgentUserData.read(bad)).isInstanceOf(UserDataException.class)
        .hasMessage(bad + ":4: edge_agent.gateway_ca: must be PEM certificates (-----BEGIN CERTIFICATE----- ... "
            + "-----END CERTIFICATE-----)");
  }

  @Test
  @DisplayName("When edge_agent is missing, then the error says which file to use")
  void noBlock() throws IOException {
    Path file = write("#cloud-config\nusers: []\n");
    assertThatThrownBy(() -> AgentUserData.read(file)).hasMessage(file + ": holds no edge_agent block: use the "
        + "user-data the operator rendered into the RegistrationToken's Secret (key user-data)");
  }

  @Test
  @DisplayName("When the token is missing, then the error names the field and the block's line")
  void noToken() throws IOException {
    Path file = write("#cloud-config\nedge_agent:\n  gateway_url: https://gw:9443\n");
    assertThatThrownBy(() -> AgentUserData.read(file))
        .hasMessage(file + ":3: edge_agent.token: missing: must be the registration token");
  }

  @Test
  @DisplayName("When a field is misspelt, then the error names it, its line and the fields known there")
  void unknownField() throws IOException {
    Path file = write("edge_agent:\n  gateway_url: https://gw:9443\n  token: t\n  network:\n    dns_server: [10.0.0.1]\n");
    assertThatThrownBy(() -> AgentUserData.read(file)).hasMessage(file + ":5: edge_agent.network.dns_server: "
        + "unknown field; known here: dns_servers, ntp_servers, proxy");
  }

  @Test
  @DisplayName("When a list item is bad, then the error names the item by index and its own line")
  void badListItem() throws IOException {
    Path file = write("edge_agent:\n  gateway_url: https://gw:9443\n  token: t\n  network:\n    dns_servers:\n"
        + "    - 10.0.0.1\n    - 10.0.0.300\n");
    assertThatThrownBy(() -> AgentUserData.read(file)).hasMessage(file + ":7: edge_agent.network.dns_servers[1]: "
        + "must be an IPv4 address such as 192.168.10.1");
  }

  @Test
  @DisplayName("When the gateway URL is not http(s), or a list is given a single value, then the error says what "
      + "is expected")
  void wrongShapes() throws IOException {
    Path ftp = write("edge_agent:\n  gateway_url: ftp://gw\n  token: t\n");
    assertThatThrownBy(() -> AgentUserData.read(ftp))
        .hasMessage(ftp + ":2: edge_agent.gateway_url: must be an http:// or https:// URL with a host");
    Path scalar = write("edge_agent:\n  gateway_url: https://gw\n  token: t\n  network:\n    ntp_servers: ntp\n");
    assertThatThrownBy(() -> AgentUserData.read(scalar)).hasMessage(scalar + ":5: edge_agent.network.ntp_servers: "
        + "must be a list (such as [a, b] or lines starting with '- '), not a single value");
    Path twice = write("edge_agent:\n  token: a\n  token: b\n");
    assertThatThrownBy(() -> AgentUserData.read(twice))
        .hasMessage(twice + ":3: edge_agent.token: given twice (first on line 2)");
  }

  @Test
  @DisplayName("When the file is not YAML, then the error names the line and never quotes the token")
  void notYaml() throws IOException {
    Path file = write("edge_agent:\n  gateway_url: https://gw\n  token: " + TOKEN + "\n\t bad: [\n");
    assertThatThrownBy(() -> AgentUserData.read(file)).isInstanceOf(UserDataException.class)
        .hasMessageStartingWith(file + ":4: not valid YAML: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  @DisplayName("When the file does not exist, then the error names it")
  void missingFile() {
    Path file = temp.resolve("absent.yaml");
    assertThatThrownBy(() -> AgentUserData.read(file)).hasMessageStartingWith(file + ": cannot be read: ");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(Files.createTempFile(temp, "user-data", ".yaml"), text);
  }

  @Test
  @DisplayName("When the registry block is malformed, then the error names the field; a misspelt field is refused")
  void badRegistry() throws IOException {
    String head = "#cloud-config\nedge_agent:\n  gateway_url: http://10.0.0.1:9443\n  token: t\n  registry:\n";
    assertThatThrownBy(() -> AgentUserData.read(write(head + "    endpoint: http://registry.local\n")))
        .hasMessageContaining("edge_agent.registry.endpoint").hasMessageContaining("https://");
    assertThatThrownBy(() -> AgentUserData.read(write(head + "    endpoint: https://registry.local\n"
        + "    rules:\n    - from: docker.io/*\n")))
        .hasMessageContaining("edge_agent.registry.rules[0].to");
    assertThatThrownBy(() -> AgentUserData.read(write(head + "    endpoint: https://registry.local\n"
        + "    auth:\n      user: u\n"))).hasMessageContaining("user");
  }
}
