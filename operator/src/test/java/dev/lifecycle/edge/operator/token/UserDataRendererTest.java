package dev.lifecycle.edge.operator.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.api.v1alpha1.InstallerUserData;
import dev.lifecycle.edge.api.v1alpha1.NetworkDefaults;
import dev.lifecycle.edge.api.v1alpha1.ProxySettings;
import dev.lifecycle.edge.api.v1alpha1.UserAccount;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UserDataRendererTest {

  private static final String DEFAULT_GATEWAY = "https://gateway.example.com:9443";
  private static final UserDataRenderer.Subject SUBJECT =
      new UserDataRenderer.Subject("store-0042", "install-wave-1", "-tOkEn_value-43chars-xxxxxxxxxxxxxxxxxxxxxx");

  private static JsonNode parse(String rendered) throws Exception {
    return new YAMLMapper().readTree(rendered);
  }

  private static InstallerUserData full() {
    UserAccount ops = new UserAccount();
    ops.setName("ops");
    ops.setGroups(List.of("sudo", "adm"));
    ops.setSshAuthorizedKeys(List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA ops@example.com"));
    ProxySettings proxy = new ProxySettings();
    proxy.setHttpProxy("http://proxy.example.com:3128");
    proxy.setHttpsProxy("http://proxy.example.com:3129");
    proxy.setNoProxy(List.of(".svc", "10.0.0.0/8"));
    NetworkDefaults network = new NetworkDefaults();
    network.setDnsServers(List.of("10.0.0.53"));
    network.setNtpServers(List.of("ntp.example.com"));
    network.setProxy(proxy);
    InstallerUserData data = new InstallerUserData();
    data.setGatewayUrl("https://edge.example.com");
    data.setUsers(List.of(ops));
    data.setNetwork(network);
    return data;
  }

  @Test
  @DisplayName("When the user-data is rendered, then it is a cloud-config document with the agent's registration")
  void cloudConfigWithRegistration() throws Exception {
    String rendered = UserDataRenderer.render(SUBJECT, full(), DEFAULT_GATEWAY);

    assertThat(rendered).startsWith("#cloud-config\n");
    JsonNode agent = parse(rendered).get("edge_agent");
    assertThat(agent.get("gateway_url").asText()).isEqualTo("https://edge.example.com");
    assertThat(agent.get("token").asText()).isEqualTo(SUBJECT.tokenValue());
    assertThat(agent.get("token_namespace").asText()).isEqualTo("store-0042");
    assertThat(agent.get("token_name").asText()).isEqualTo("install-wave-1");
  }

  @Test
  @DisplayName("When users and network defaults are set, then they are rendered with cloud-init's and the agent's keys")
  void usersAndNetwork() throws Exception {
    JsonNode document = parse(UserDataRenderer.render(SUBJECT, full(), DEFAULT_GATEWAY));

    JsonNode user = document.get("users").get(0);
    assertThat(user.get("name").asText()).isEqualTo("ops");
    assertThat(user.get("groups")).extracting(JsonNode::asText).containsExactly("sudo", "adm");
    assertThat(user.get("ssh_authorized_keys").get(0).asText()).startsWith("ssh-ed25519 ");
    JsonNode network = document.get("edge_agent").get("network");
    assertThat(network.get("dns_servers").get(0).asText()).isEqualTo("10.0.0.53");
    assertThat(network.get("ntp_servers").get(0).asText()).isEqualTo("ntp.example.com");
    assertThat(network.get("proxy").get("http_proxy").asText()).isEqualTo("http://proxy.example.com:3128");
    assertThat(network.get("proxy").get("https_proxy").asText()).isEqualTo("http://proxy.example.com:3129");
    assertThat(network.get("proxy").get("no_proxy")).extracting(JsonNode::asText).containsExactly(".svc",
        "10.0.0.0/8");
  }

  @Test
  @DisplayName("When spec.userData is unset, then the operator's gateway URL is used and no users are rendered")
  void defaults() throws Exception {
    JsonNode document = parse(UserDataRenderer.render(SUBJECT, null, DEFAULT_GATEWAY));

    assertThat(document.get("edge_agent").get("gateway_url").asText()).isEqualTo(DEFAULT_GATEWAY);
    assertThat(document.has("users")).isFalse();
    assertThat(document.get("edge_agent").has("network")).isFalse();
  }

  @Test
  @DisplayName("When a value looks like YAML syntax, then it is quoted and reads back unchanged")
  void quoting() throws Exception {
    UserAccount tricky = new UserAccount();
    tricky.setName("yes");
    tricky.setGroups(List.of("123", "a: b", "#not-a-comment"));
    InstallerUserData data = new InstallerUserData();
    data.setUsers(List.of(tricky));

    JsonNode user = parse(UserDataRenderer.render(SUBJECT, data, DEFAULT_GATEWAY)).get("users").get(0);

    assertThat(user.get("name").isTextual()).isTrue();
    assertThat(user.get("name").asText()).isEqualTo("yes");
    assertThat(user.get("groups")).allMatch(JsonNode::isTextual).extracting(JsonNode::asText)
        .containsExactly("123", "a: b", "#not-a-comment");
  }

  @Test
  @DisplayName("When the same inputs are rendered twice, then the bytes are the same")
  void deterministic() {
    assertThat(UserDataRenderer.render(SUBJECT, full(), DEFAULT_GATEWAY))
        .isEqualTo(UserDataRenderer.render(SUBJECT, full(), DEFAULT_GATEWAY));
  }

  @Test
  @DisplayName("When the subject is printed, then the token value is left out")
  void subjectHidesToken() {
    assertThat(SUBJECT.toString()).contains("store-0042/install-wave-1").doesNotContain(SUBJECT.tokenValue());
  }
}
