package dev.lifecycle.edge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Answer of {@code GET /v1/plan}, in the shape of {@code EdgeHost.status.plan}: what the operator
 * wants this host to run, plus the cluster's join secret, which only this answer carries.
 *
 * @param generation increases with every change of the plan
 * @param action Init, Join, Upgrade, Configure or Reset
 * @param cluster the EdgeCluster the plan belongs to
 * @param role control-plane or worker
 * @param profile the ClusterProfile the layers come from
 * @param profileVersion the version of that profile
 * @param controlPlaneEndpoint the address joining hosts reach the control plane at
 * @param layers the layers to install, as the profile lists them
 * @param issuedAt when the operator issued the plan (RFC 3339); a rollout's hostTimeout counts from here
 * @param rollout the rollout that issued the plan, unset for formation and reset plans
 * @param site the operator's site settings for the host (token network defaults, then the EdgeHost's
 *     spec.site); the agent merges them between its user-data defaults and its site user-data
 * @param podCidr the range pod addresses come from (JSON {@code podCIDR})
 * @param serviceCidr the range service addresses come from (JSON {@code serviceCIDR})
 * @param nodeLabels labels the host's node gets in the cluster
 * @param nodeTaints taints the host's node gets in the cluster
 * @param registries where the cluster pulls images from, in the shape of k3s's registries.yaml
 * @param joinSecret the cluster's join secret; set by the gateway in its answer, never stored in status
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Plan(Long generation, String action, String cluster, String role, String profile,
    String profileVersion, String controlPlaneEndpoint, List<JsonNode> layers, String issuedAt, String rollout,
    Site site, @JsonProperty("podCIDR") String podCidr, @JsonProperty("serviceCIDR") String serviceCidr,
    Map<String, String> nodeLabels, List<Taint> nodeTaints, Registries registries, String joinSecret) {

  /** The action that wipes a host: simulated failures never apply to it. */
  public static final String RESET = "Reset";
  /** The action that only re-applies site settings, keeping the host's cluster, role and version. */
  public static final String CONFIGURE = "Configure";

  public Plan {
    layers = Copies.list(layers);
    nodeLabels = Copies.map(nodeLabels);
    nodeTaints = Copies.list(nodeTaints);
  }

  /** A plan without site settings, cluster settings or join secret. */
  public Plan(Long generation, String action, String cluster, String role, String profile, String profileVersion,
      String controlPlaneEndpoint, List<JsonNode> layers, String issuedAt, String rollout) {
    this(generation, action, cluster, role, profile, profileVersion, controlPlaneEndpoint, layers, issuedAt, rollout,
        null, null, null, Map.of(), List.of(), null, null);
  }

  /** Whether this plan asks the host to leave its cluster. */
  public boolean isReset() {
    return RESET.equals(action);
  }

  /** Whether this plan only re-applies the host's site settings. */
  public boolean isConfigure() {
    return CONFIGURE.equals(action);
  }

  /** The action with the profile and version it installs, as logs name a plan: "Upgrade edge 1.1.0", "Reset". */
  public String describe() {
    return Stream.of(action, profile, profileVersion).filter(Objects::nonNull)
        .collect(Collectors.joining(" "));
  }

  /** Never shows the join secret. */
  @Override
  public String toString() {
    return "Plan[generation=" + generation + ", " + describe() + ", cluster=" + cluster + ", role=" + role
        + ", joinSecret=" + (joinSecret == null ? "none" : "(hidden)") + "]";
  }

  /**
   * A Kubernetes node taint.
   *
   * @param key the taint's key, such as dedicated
   * @param value the taint's value, may be empty
   * @param effect NoSchedule, PreferNoSchedule or NoExecute
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Taint(String key, String value, String effect) {

    /** The form kubectl and k3s take: {@code key=value:Effect}, or {@code key:Effect} without a value. */
    public String format() {
      return key + (value == null || value.isEmpty() ? "" : "=" + value) + ":" + effect;
    }
  }

  /**
   * Registry mirrors and settings, in the shape of k3s's and containerd's {@code registries.yaml}
   * ({@code mirrors} with {@code rewrite}, {@code configs} per registry host), except that a config carries its
   * CA as PEM ({@code caPem}): the agent writes it to a file and names that file as {@code tls.ca_file}.
   *
   * @param mirrors per registry host (such as docker.io), the endpoints to pull from instead
   * @param configs per mirror host (host:port), its credentials (set by the gateway in its answer only) and CA
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Registries(Map<String, Mirror> mirrors, Map<String, Config> configs) {

    public Registries {
      mirrors = Copies.map(mirrors);
      configs = Copies.map(configs);
    }

    /** Mirrors only. */
    public Registries(Map<String, Mirror> mirrors) {
      this(mirrors, Map.of());
    }

    /**
     * @param endpoint the mirror URLs, tried in order (k3s's singular name)
     * @param rewrite regular expressions over the repository path and their replacements (k3s's rewrite)
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Mirror(List<String> endpoint, Map<String, String> rewrite) {
      public Mirror {
        endpoint = Copies.list(endpoint);
        rewrite = Copies.map(rewrite);
      }

      public Mirror(List<String> endpoint) {
        this(endpoint, Map.of());
      }
    }

    /**
     * @param auth the credentials, set by the gateway only in the plan it hands out
     * @param caPem the CA certificates (PEM) the registry's certificate is checked against
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Config(Auth auth, String caPem) {
    }

    /**
     * Registry credentials, as k3s's {@code configs.<host>.auth} takes them.
     *
     * @param username the user name
     * @param password the password or token; {@link #toString()} never shows it
     */
    public record Auth(String username, String password) {
      @Override
      public String toString() {
        return "Auth[username=" + username + ", password=(hidden)]";
      }
    }
  }
}
