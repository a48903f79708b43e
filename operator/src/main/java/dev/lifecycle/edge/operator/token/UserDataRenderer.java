package dev.lifecycle.edge.operator.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.api.v1alpha1.InstallerUserData;
import dev.lifecycle.edge.api.v1alpha1.NetworkDefaults;
import dev.lifecycle.edge.api.v1alpha1.ProxySettings;
import dev.lifecycle.edge.api.v1alpha1.UserAccount;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the installer {@code user-data}: a cloud-config document that cloud-init reads on first
 * boot. Standard cloud-init creates the {@code users}; the {@code edge_agent} section is what the
 * agent reads to register: gateway URL, token, the token's namespace and name, and the network
 * defaults (DNS, NTP, proxy) it applies where the site sets nothing more specific. Pure: the same
 * inputs give the same bytes, so an unchanged token re-renders to an unchanged Secret.
 */
public final class UserDataRenderer {

  /** The first line cloud-init requires of a cloud-config document. */
  public static final String HEADER = "#cloud-config\n";

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build();

  private UserDataRenderer() {
  }

  /**
   * @param subject the token's namespace and name, and the secret token value
   * @param userData the token's {@code spec.userData}, may be null
   * @param defaultGatewayUrl the operator's gateway URL, used when {@code spec.userData.gatewayUrl} is unset
   */
  public static String render(Subject subject, InstallerUserData userData, String defaultGatewayUrl) {
    InstallerUserData data = userData == null ? new InstallerUserData() : userData;
    Map<String, Object> agent = new LinkedHashMap<>();
    agent.put("gateway_url", data.getGatewayUrl() == null ? defaultGatewayUrl : data.getGatewayUrl());
    agent.put("token", subject.tokenValue());
    agent.put("token_namespace", subject.namespace());
    agent.put("token_name", subject.name());
    if (data.getNetwork() != null) {
      agent.put("network", network(data.getNetwork()));
    }
    Map<String, Object> document = new LinkedHashMap<>();
    if (!data.getUsers().isEmpty()) {
      document.put("users", data.getUsers().stream().map(UserDataRenderer::user).toList());
    }
    document.put("edge_agent", agent);
    try {
      return HEADER + YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      // Plain maps, lists and strings always serialize; the message never carries the document.
      throw new UncheckedIOException("could not render the installer user-data", e);
    }
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
