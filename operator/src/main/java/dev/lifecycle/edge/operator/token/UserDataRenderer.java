package dev.lifecycle.edge.operator.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.api.v1alpha1.InstallerUserData;
import dev.lifecycle.edge.api.v1alpha1.NetworkDefaults;
import dev.lifecycle.edge.api.v1alpha1.ProxySettings;
import dev.lifecycle.edge.api.v1alpha1.UserAccount;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.lifecycle.edge.operator.registry.RegistryResolver;

/**
 * Renders the installer {@code user-data}: a cloud-config document that cloud-init reads on first
 * boot. Standard cloud-init creates the {@code users}, writes the agent's systemd unit and install
 * script ({@code write_files}, from agent/packaging/) and runs the script ({@code runcmd}), which
 * installs Java if needed, fetches the agent from the agent URL and starts the unit. The unit runs
 * {@code edge-agent.jar run --user-data} on a copy of this document: the agent reads the
 * {@code edge_agent} block (gateway URL, the gateway's CA, token, the token's namespace and name, and
 * the network defaults it applies where the site sets nothing more specific) and ignores the rest.
 * Pure: the same inputs give the same bytes, so an unchanged token re-renders to an unchanged Secret.
 */
public final class UserDataRenderer {

  /** The first line cloud-init requires of a cloud-config document. */
  public static final String HEADER = "#cloud-config\n";
  /** Where cloud-init keeps the user-data it booted with; the install script copies it for the agent. */
  public static final String CLOUD_INIT_USER_DATA = "/var/lib/cloud/instance/user-data.txt";

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .build();

  private UserDataRenderer() {
  }

  /**
   * @param subject the token's namespace and name, and the secret token value
   * @param userData the token's {@code spec.userData}, may be null
   * @param defaults the operator's gateway URL and CA, agent URL and the agent's packaging
   */
  public static String render(Subject subject, InstallerUserData userData, UserDataDefaults defaults) {
    return render(subject, userData, defaults, Optional.empty());
  }

  /**
   * {@link #render(Subject, InstallerUserData, UserDataDefaults)} with the token's ImageRegistry in
   * {@code edge_agent.registry}: endpoint, CA, rules (in order, as written) and credentials. The user-data holds the
   * token already and lives in a Secret, so it may hold the registry's credentials too; neither is ever logged.
   */
  public static String render(Subject subject, InstallerUserData userData, UserDataDefaults defaults,
      Optional<RegistryResolver.Usable> registry) {
    InstallerUserData data = userData == null ? new InstallerUserData() : userData;
    Optional<String> agentUrl = Optional.ofNullable(data.getAgentUrl()).or(defaults::agentUrl);
    Map<String, Object> agent = new LinkedHashMap<>();
    agent.put("gateway_url", data.getGatewayUrl() == null ? defaults.gatewayUrl() : data.getGatewayUrl());
    defaults.gatewayCa().ifPresent(ca -> agent.put("gateway_ca", ca));
    agent.put("token", subject.tokenValue());
    agent.put("token_namespace", subject.namespace());
    agent.put("token_name", subject.name());
    agentUrl.ifPresent(url -> agent.put("agent_url", url));
    if (data.getNetwork() != null) {
      agent.put("network", network(data.getNetwork()));
    }
    registry.ifPresent(r -> agent.put("registry", registry(r)));
    Map<String, Object> document = new LinkedHashMap<>();
    if (!data.getUsers().isEmpty()) {
      document.put("users", data.getUsers().stream().map(UserDataRenderer::user).toList());
    }
    document.put("write_files", List.of(
        file(AgentPackaging.UNIT_PATH, "0644", defaults.packaging().unit()),
        file(AgentPackaging.INSTALL_SCRIPT_PATH, "0755", defaults.packaging().installScript())));
    document.put("runcmd", List.of(installCommand(agentUrl, data.getNetwork())));
    document.put("edge_agent", agent);
    try {
      return HEADER + YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      // Plain maps, lists and strings always serialize; the message never carries the document.
      throw new UncheckedIOException("could not render the installer user-data", e);
    }
  }

  private static Map<String, Object> registry(RegistryResolver.Usable registry) {
    Map<String, Object> rendered = new LinkedHashMap<>();
    rendered.put("endpoint", registry.endpoint());
    if (registry.caPem() != null) {
      rendered.put("ca", registry.caPem());
    }
    rendered.put("rules", registry.rules().rules().stream().map(rule -> {
      Map<String, Object> mapped = new LinkedHashMap<>();
      mapped.put("from", rule.from());
      mapped.put("to", rule.toRegistry() + (rule.toPath().isEmpty() ? "" : "/" + rule.toPath())
          + (rule.prefix() ? "/*" : ""));
      return mapped;
    }).toList());
    registry.credentials().ifPresent(credentials -> {
      Map<String, Object> auth = new LinkedHashMap<>();
      auth.put("username", credentials.username());
      auth.put("password", credentials.password());
      rendered.put("auth", auth);
    });
    return rendered;
  }

  private static Map<String, Object> file(String path, String permissions, String content) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("path", path);
    file.put("owner", "root:root");
    file.put("permissions", permissions);
    file.put("content", content);
    return file;
  }

  /** The install script's command line; the token's proxy in its environment, for the download and Java. */
  private static List<String> installCommand(Optional<String> agentUrl, NetworkDefaults network) {
    List<String> command = new ArrayList<>();
    ProxySettings proxy = network == null ? null : network.getProxy();
    if (proxy != null && (proxy.getHttpProxy() != null || proxy.getHttpsProxy() != null)) {
      command.add("env");
      if (proxy.getHttpProxy() != null) {
        command.add("http_proxy=" + proxy.getHttpProxy());
      }
      if (proxy.getHttpsProxy() != null) {
        command.add("https_proxy=" + proxy.getHttpsProxy());
      }
      if (!proxy.getNoProxy().isEmpty()) {
        command.add("no_proxy=" + String.join(",", proxy.getNoProxy()));
      }
    }
    command.add("sh");
    command.add(AgentPackaging.INSTALL_SCRIPT_PATH);
    agentUrl.ifPresent(url -> {
      command.add("--agent-url");
      command.add(url);
    });
    command.add("--user-data");
    command.add(CLOUD_INIT_USER_DATA);
    return command;
  }

  private static Map<String, Object> user(UserAccount account) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("name", account.getName());
    putIfAny(user, "groups", account.getGroups());
    putIfAny(user, "ssh_authorized_keys", account.getSshAuthorizedKeys());
    return user;
  }

  private static Map<String, Object> network(NetworkDefaults network) {
    Map<String, Object> rendered = new LinkedHashMap<>();
    putIfAny(rendered, "dns_servers", network.getDnsServers());
    putIfAny(rendered, "ntp_servers", network.getNtpServers());
    ProxySettings proxy = network.getProxy();
    if (proxy != null) {
      Map<String, Object> proxyMap = new LinkedHashMap<>();
      if (proxy.getHttpProxy() != null) {
        proxyMap.put("http_proxy", proxy.getHttpProxy());
      }
      if (proxy.getHttpsProxy() != null) {
        proxyMap.put("https_proxy", proxy.getHttpsProxy());
      }
      putIfAny(proxyMap, "no_proxy", proxy.getNoProxy());
      if (!proxyMap.isEmpty()) {
        rendered.put("proxy", proxyMap);
      }
    }
    return rendered;
  }

  private static void putIfAny(Map<String, Object> target, String key, List<String> values) {
    if (values != null && !values.isEmpty()) {
      target.put(key, List.copyOf(values));
    }
  }

  /**
   * What identifies the token in the user-data.
   *
   * @param namespace the token's namespace, where the hosts it registers are created
   * @param name the token's name
   * @param tokenValue the secret value; {@link #toString()} leaves it out so it never reaches a log
   */
  public record Subject(String namespace, String name, String tokenValue) {
    @Override
    public String toString() {
      return "Subject[" + namespace + "/" + name + "]";
    }
  }
}
