package dev.lifecycle.edge.operator.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.api.v1alpha1.InstallerUserData;
import dev.lifecycle.edge.api.v1alpha1.NetworkDefaults;
import dev.lifecycle.edge.api.v1alpha1.ProxySettings;
import dev.lifecycle.edge.api.v1alpha1.UserAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UserDataRendererTest {

  private static final String DEFAULT_GATEWAY = "https://gateway.example.com:9443";
  private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
  private static final UserDataDefaults DEFAULTS = new UserDataDefaults(DEFAULT_GATEWAY, Optional.empty(),
      Optional.empty(), AgentPackaging.shipped());
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
    String rendered = UserDataRenderer.render(SUBJECT, full(), DEFAULTS);

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
    JsonNode document = parse(UserDataRenderer.render(SUBJECT, full(), DEFAULTS));

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
    JsonNode document = parse(UserDataRenderer.render(SUBJECT, null, DEFAULTS));

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

    JsonNode user = parse(UserDataRenderer.render(SUBJECT, data, DEFAULTS)).get("users").get(0);

    assertThat(user.get("name").isTextual()).isTrue();
    assertThat(user.get("name").asText()).isEqualTo("yes");
    assertThat(user.get("groups")).allMatch(JsonNode::isTextual).extracting(JsonNode::asText)
        .containsExactly("123", "a: b", "#not-a-comment");
  }

  @Test
  @DisplayName("When the same inputs are rendered twice, then the bytes are the same")
  void deterministic() {
    assertThat(UserDataRenderer.render(SUBJECT, full(), DEFAULTS))
        .isEqualTo(UserDataRenderer.render(SUBJECT, full(), DEFAULTS));
  }

  @Test
  @DisplayName("When the user-data is rendered, then cloud-init writes the agent's unit and install script exactly "
      + "as agent/packaging/ ships them, and runcmd runs the script on the user-data cloud-init booted with")
  void installsTheAgent() throws Exception {
    JsonNode document = parse(UserDataRenderer.render(SUBJECT, null, DEFAULTS));

    JsonNode files = document.get("write_files");
    assertThat(files).hasSize(2);
    assertThat(files.get(0).get("path").asText()).isEqualTo("/etc/systemd/system/edge-agent.service");
    assertThat(files.get(0).get("permissions").asText()).isEqualTo("0644");
    assertThat(files.get(0).get("content").asText())
        .isEqualTo(Files.readString(Path.of("../agent/packaging/edge-agent.service")));
    assertThat(files.get(1).get("path").asText()).isEqualTo("/usr/local/sbin/install-edge-agent.sh");
    assertThat(files.get(1).get("permissions").asText()).isEqualTo("0755");
    assertThat(files.get(1).get("content").asText())
        .isEqualTo(Files.readString(Path.of("../agent/packaging/install-edge-agent.sh")));
    assertThat(document.get("runcmd").get(0)).extracting(JsonNode::asText).containsExactly("sh",
        "/usr/local/sbin/install-edge-agent.sh", "--user-data", "/var/lib/cloud/instance/user-data.txt");
    assertThat(document.get("edge_agent").has("agent_url")).isFalse();
    assertThat(document.get("edge_agent").has("gateway_ca")).isFalse();
  }

  @Test
  @DisplayName("When the operator has an agent URL and a gateway CA, then both are rendered; a token's agentUrl "
      + "wins over the operator's, and the token's proxy is in the install script's environment")
  void agentUrlCaAndProxy() throws Exception {
    UserDataDefaults defaults = new UserDataDefaults(DEFAULT_GATEWAY, Optional.of(CA),
        Optional.of("https://downloads.example.com/edge-agent-0.1.0.jar"), AgentPackaging.shipped());
    JsonNode operatorDefaults = parse(UserDataRenderer.render(SUBJECT, null, defaults));
    InstallerUserData data = full();
    data.setAgentUrl("https://mirror.example.com/edge-agent.jar");
    JsonNode tokenSet = parse(UserDataRenderer.render(SUBJECT, data, defaults));

    assertThat(operatorDefaults.get("edge_agent").get("gateway_ca").asText()).isEqualTo(CA);
    assertThat(operatorDefaults.get("edge_agent").get("agent_url").asText())
        .isEqualTo("https://downloads.example.com/edge-agent-0.1.0.jar");
    assertThat(operatorDefaults.get("runcmd").get(0)).extracting(JsonNode::asText).containsExactly("sh",
        "/usr/local/sbin/install-edge-agent.sh", "--agent-url", "https://downloads.example.com/edge-agent-0.1.0.jar",
        "--user-data", "/var/lib/cloud/instance/user-data.txt");
    assertThat(tokenSet.get("edge_agent").get("agent_url").asText()).isEqualTo("https://mirror.example.com/edge-agent.jar");
    assertThat(tokenSet.get("runcmd").get(0)).extracting(JsonNode::asText).containsExactly("env",
        "http_proxy=http://proxy.example.com:3128", "https_proxy=http://proxy.example.com:3129",
        "no_proxy=.svc,10.0.0.0/8", "sh", "/usr/local/sbin/install-edge-agent.sh", "--agent-url",
        "https://mirror.example.com/edge-agent.jar", "--user-data", "/var/lib/cloud/instance/user-data.txt");
  }

  @Test
  @DisplayName("When the subject is printed, then the token value is left out")
  void subjectHidesToken() {
    assertThat(SUBJECT.toString()).contains("store-0042/install-wave-1").doesNotContain(SUBJECT.tokenValue());
  }

  @Test
  @DisplayName("When the token names a usable ImageRegistry, then the agent's block carries its endpoint, CA, rules in "
      + "order and credentials, in the user-data only")
  void registry() throws Exception {
    String password = "registry-pa55";
    io.fabric8.kubernetes.api.model.Secret secret = new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata().withName("creds").withLabels(java.util.Map.of("edge.lifecycle.dev/variables", "true"))
        .endMetadata().withType("kubernetes.io/basic-auth")
        .withStringData(java.util.Map.of("username", "puller", "password", password)).build();
    dev.lifecycle.edge.api.v1alpha1.ImageRegistry registry = new dev.lifecycle.edge.api.v1alpha1.ImageRegistry();
    registry.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("site").build());
    dev.lifecycle.edge.api.v1alpha1.ImageRegistrySpec spec = new dev.lifecycle.edge.api.v1alpha1.ImageRegistrySpec();
    spec.setEndpoint("https://registry.site.local:5000/");
    spec.setCredentialsSecretRef(new dev.lifecycle.edge.api.v1alpha1.ObjectNameReference("creds"));
    spec.setRules(List.of(
        new dev.lifecycle.edge.api.v1alpha1.RegistryRule("quay.io/prometheus/node-exporter",
            "registry.site.local:5000/monitoring/node-exporter"),
        new dev.lifecycle.edge.api.v1alpha1.RegistryRule("docker.io/*", "registry.site.local:5000/*")));
    registry.setSpec(spec);
    var usable = (dev.lifecycle.edge.operator.registry.RegistryResolver.Usable)
        dev.lifecycle.edge.operator.registry.RegistryResolver.resolve(registry, name -> Optional.of(secret),
            name -> Optional.empty());

    String document = UserDataRenderer.render(SUBJECT, full(), DEFAULTS, Optional.of(usable));
    JsonNode rendered = parse(document).get("edge_agent").get("registry");

    assertThat(rendered.get("endpoint").asText()).isEqualTo("https://registry.site.local:5000");
    assertThat(rendered.get("rules").get(0).get("from").asText()).isEqualTo("quay.io/prometheus/node-exporter");
    assertThat(rendered.get("rules").get(0).get("to").asText())
        .isEqualTo("registry.site.local:5000/monitoring/node-exporter");
    assertThat(rendered.get("rules").get(1).get("to").asText()).isEqualTo("registry.site.local:5000/*");
    assertThat(rendered.get("auth").get("username").asText()).isEqualTo("puller");
    assertThat(rendered.get("auth").get("password").asText()).isEqualTo(password);
    assertThat(rendered.has("ca")).isFalse();
    assertThat(UserDataRenderer.render(SUBJECT, full(), DEFAULTS)).doesNotContain("registry");

    // The agent reads what the operator renders, registry included.
    java.nio.file.Path file = java.nio.file.Files.createTempFile("user-data", ".yaml");
    try {
      java.nio.file.Files.writeString(file, document);
      var agent = dev.lifecycle.edge.agent.boot.AgentUserData.read(file).registry().orElseThrow();
      assertThat(agent.endpoint()).hasToString("https://registry.site.local:5000");
      assertThat(agent.rules()).extracting(r -> r.from() + " -> " + r.to()).containsExactly(
          "quay.io/prometheus/node-exporter -> registry.site.local:5000/monitoring/node-exporter",
          "docker.io/* -> registry.site.local:5000/*");
      assertThat(agent.username()).contains("puller");
      assertThat(agent.password()).contains(password);
      assertThat(agent.toString()).doesNotContain(password);
    } finally {
      java.nio.file.Files.delete(file);
    }
  }
}
