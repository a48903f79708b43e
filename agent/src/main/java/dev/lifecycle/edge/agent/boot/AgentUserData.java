package dev.lifecycle.edge.agent.boot;

import dev.lifecycle.edge.wire.LinkToken;
import dev.lifecycle.edge.wire.Site;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code edge_agent} block of the installer user-data the operator renders into a
 * RegistrationToken's Secret (key {@code user-data}): where to register, with which token, which CA
 * the gateway's TLS certificate chains to, and the token's network defaults. Every other top-level
 * key of the cloud-config ({@code users}, {@code write_files}, {@code runcmd}, ...) is cloud-init's.
 *
 * <p>With {@code management: local} the host is managed by a site controller it links to with a link
 * token ({@code link_token} here, or from the site user-data or the command line): the block then has no
 * gateway, token or CA, as the link token carries the controller's address and certificate fingerprint.
 *
 * @param gatewayUrl the gateway's base URL; null with {@code management: local}
 * @param token the registration token; never shown by {@link #toString()}; null with {@code management: local}
 * @param tokenNamespace the token's namespace, for messages; may be null
 * @param tokenName the token's name, for messages; may be null
 * @param gatewayCa PEM certificates of the CA to trust for the gateway's TLS; empty: the JDK's trusted CAs
 * @param networkDefaults the token's network defaults ({@code edge_agent.network}) as the lowest site layer;
 *     null when the token sets none
 * @param registry the token's private registry ({@code edge_agent.registry}), for what the installer pulls before
 *     the host has a plan; the plans carry the cluster's own
 * @param management who manages the host ({@code edge_agent.management}, central unless set)
 * @param linkToken the link token of {@code edge_agent.link_token}, only with {@code management: local}
 */
public record AgentUserData(URI gatewayUrl, String token, String tokenNamespace, String tokenName,
    Optional<String> gatewayCa, Site networkDefaults, Optional<Registry> registry, Management management,
    Optional<LinkToken> linkToken) {

  /** Centrally managed. */
  public AgentUserData(URI gatewayUrl, String token, String tokenNamespace, String tokenName,
      Optional<String> gatewayCa, Site networkDefaults, Optional<Registry> registry) {
    this(gatewayUrl, token, tokenNamespace, tokenName, gatewayCa, networkDefaults, registry, Management.CENTRAL,
        Optional.empty());
  }

  /** Centrally managed, without a registry. */
  public AgentUserData(URI gatewayUrl, String token, String tokenNamespace, String tokenName,
      Optional<String> gatewayCa, Site networkDefaults) {
    this(gatewayUrl, token, tokenNamespace, tokenName, gatewayCa, networkDefaults, Optional.empty());
  }

  /** Managed by a site controller: network defaults, registry and, if the installer carries one, the link token. */
  public static AgentUserData local(Site networkDefaults, Optional<Registry> registry, Optional<LinkToken> linkToken) {
    return new AgentUserData(null, null, null, null, Optional.empty(), networkDefaults, registry, Management.LOCAL,
        linkToken);
  }

  /**
   * A private registry as the operator renders it from an ImageRegistry (docs/registries.md).
   *
   * @param endpoint its https:// URL
   * @param ca the CA (PEM) its certificate chains to, if given
   * @param rules its mapping rules, in order, as {from, to} pairs
   * @param username the user name, if it has credentials
   * @param password the password; never shown by {@link #toString()}
   */
  public record Registry(URI endpoint, Optional<String> ca, List<Rule> rules, Optional<String> username,
      Optional<String> password) {

    /** Never shows the password. */
    @Override
    public String toString() {
      return "Registry[endpoint=" + endpoint + ", ca=" + (ca.isPresent() ? "set" : "none") + ", rules=" + rules
          + ", credentials=" + (username.isPresent() ? username.get() + "/(hidden)" : "none") + "]";
    }
  }

  /** A mapping rule: {@code from} (a repository or prefix/*) to {@code to}. */
  public record Rule(String from, String to) {
  }

  /** The block this reader takes from the cloud-config. */
  public static final String BLOCK = "edge_agent";

  public AgentUserData {
    Objects.requireNonNull(management, "management");
    Objects.requireNonNull(gatewayCa, "gatewayCa");
    Objects.requireNonNull(linkToken, "linkToken");
    if (management == Management.CENTRAL) {
      Objects.requireNonNull(gatewayUrl, "gatewayUrl");
      Objects.requireNonNull(token, "token");
      if (linkToken.isPresent()) {
        throw new IllegalArgumentException("a link token is only for management: local");
      }
    } else if (gatewayUrl != null || token != null || gatewayCa.isPresent()) {
      throw new IllegalArgumentException("management: local takes no gateway, token or CA");
    }
  }

  /**
   * Reads the {@code edge_agent} block of {@code file}.
   *
   * @throws UserDataException naming the file, line and field of the first problem
   */
  public static AgentUserData read(Path file) {
    Fields root = Fields.of(file, "", YamlDocument.read(file));
    Fields agent = root.mapping(BLOCK).orElseThrow(() -> new UserDataException(file, 0, null, "holds no "
        + BLOCK + " block: use the user-data the operator rendered into the RegistrationToken's Secret "
        + "(key user-data)"));
    agent.only("management", "link_token", "gateway_url", "gateway_ca", "token", "token_namespace", "token_name",
        "agent_url", "network", "registry");
    Management management = agent.text("management", text -> Management.parse(text).isPresent(),
        Management.EXPECTED).flatMap(Management::parse).orElse(Management.CENTRAL);
    agent.text("agent_url", Values::httpUrl, Values.HTTP_URL);
    Site network = agent.mapping("network").map(AgentUserData::network).orElse(null);
    Optional<Registry> registry = agent.mapping("registry").map(AgentUserData::registry);
    if (management == Management.LOCAL) {
      for (String central : List.of("gateway_url", "gateway_ca", "token", "token_namespace", "token_name")) {
        agent.refuse(central, "not with management: local: a host managed by a site controller reaches it at the "
            + "address of its link token, trusts the certificate the link token names and registers with the "
            + "link token's own registration token");
      }
      return local(network, registry, agent.parsed("link_token", LinkToken::parse));
    }
    agent.refuse("link_token", "a link token links a host to a site controller: only with management: local "
        + "(this user-data is for hosts the management cluster's gateway manages)");
    URI gateway = URI.create(agent.required("gateway_url", Values::httpUrl, Values.HTTP_URL));
    String token = agent.required("token", Values::any, "the registration token");
    Optional<String> ca = agent.text("gateway_ca", Values::pemCertificates, Values.PEM);
    return new AgentUserData(gateway, token, agent.text("token_namespace").orElse(null),
        agent.text("token_name").orElse(null), ca, network, registry);
  }

  private static Registry registry(Fields registry) {
    registry.only("endpoint", "ca", "rules", "auth");
    URI endpoint = URI.create(registry.required("endpoint", text -> text.startsWith("https://") && Values.httpUrl(text),
        "an https:// URL with a host"));
    Optional<String> ca = registry.text("ca", Values::pemCertificates, Values.PEM);
    List<Rule> rules = registry.mappings("rules").stream().map(rule -> {
      rule.only("from", "to");
      return new Rule(rule.required("from", Values::any, "a repository or a prefix ending in /*"),
          rule.required("to", Values::any, "a repository or a prefix ending in /*"));
    }).toList();
    Optional<Fields> auth = registry.mapping("auth");
    auth.ifPresent(fields -> fields.only("username", "password"));
    return new Registry(endpoint, ca, rules,
        auth.map(fields -> fields.required("username", Values::any, "the registry user name")),
        auth.map(fields -> fields.required("password", Values::any, "the registry password")));
  }

  private static Site network(Fields network) {
    network.only("dns_servers", "ntp_servers", "proxy");
    List<String> dns = network.texts("dns_servers", Values::ipv4, Values.IPV4);
    List<String> ntp = network.texts("ntp_servers", Values::name, Values.NAME);
    Site.Proxy proxy = network.mapping("proxy").map(fields -> {
      fields.only("http_proxy", "https_proxy", "no_proxy");
      return new Site.Proxy(fields.text("http_proxy", Values::httpUrl, Values.HTTP_URL).orElse(null),
          fields.text("https_proxy", Values::httpUrl, Values.HTTP_URL).orElse(null),
          fields.texts("no_proxy", Values::any, Values.TEXT));
    }).orElse(null);
    return new Site(null, dns.isEmpty() ? null : new Site.Network(null, List.of(), null, dns), proxy, List.of(), ntp);
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    if (management == Management.LOCAL) {
      return "AgentUserData[management=local, linkToken=" + linkToken.map(LinkToken::toString).orElse("none")
          + ", networkDefaults=" + networkDefaults + ", registry=" + registry.map(Registry::toString).orElse("none")
          + "]";
    }
    return "AgentUserData[gatewayUrl=" + gatewayUrl + ", token=" + tokenNamespace + "/" + tokenName
        + ", gatewayCa=" + (gatewayCa.isPresent() ? "set" : "none") + ", networkDefaults=" + networkDefaults
        + ", registry=" + registry.map(Registry::toString).orElse("none") + "]";
  }
}
