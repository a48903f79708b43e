package dev.lifecycle.edge.agent.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.wire.Json;
import dev.lifecycle.edge.wire.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a hook gets from its plan beyond the plan's own fields (see docs/hooks.md, "Plan environment"):
 * the pod and service ranges, the Kubernetes layer's distribution, version, image, binary and airgap
 * images, the node's name, labels and taints, and files: the whole plan ({@code EDGE_PLAN_FILE}), the
 * join secret alone ({@code EDGE_JOIN_SECRET_FILE}), the registry settings ({@code EDGE_REGISTRIES_FILE}, valid as
 * k3s's registries.yaml, which is a superset of JSON, with credentials when the plan has them) and the
 * registries' CA files ({@code EDGE_REGISTRY_CA_DIR}, which the file's {@code tls.ca_file} entries name).
 *
 * <p>The files live in a directory of their own under the system's temporary directory, readable by the
 * agent's user only (0700, files 0600), and are deleted with it on {@link #close()}, when the hook is
 * over. The join secret is never in a variable, so it is not in the hook's environment nor in what a
 * process listing shows.
 */
public final class PlanEnvironment implements AutoCloseable {

  static final String KUBERNETES_LAYER = "kubernetes";
  private static final Logger LOG = LoggerFactory.getLogger(PlanEnvironment.class);

  /** What a hook's output shows instead of the join secret. */
  static final String HIDDEN = "(join secret hidden)";
  /** What a hook's output shows instead of a registry password. */
  static final String HIDDEN_PASSWORD = "(registry password hidden)";

  private final Path directory;
  private final Map<String, String> variables;
  private final String joinSecret;
  private final List<String> registryPasswords;

  private PlanEnvironment(Path directory, Map<String, String> variables, String joinSecret,
      List<String> registryPasswords) {
    this.directory = directory;
    this.variables = variables;
    this.joinSecret = joinSecret;
    this.registryPasswords = registryPasswords;
  }

  /** The registry passwords the plan carries: hidden in hook output like the join secret. */
  private static List<String> secrets(Plan plan) {
    if (plan.registries() == null) {
      return List.of();
    }
    return plan.registries().configs().values().stream()
        .filter(c -> c != null && c.auth() != null && c.auth().password() != null && !c.auth().password().isEmpty())
        .map(c -> c.auth().password()).distinct().toList();
  }

  /**
   * Writes the plan's files and gathers its variables.
   *
   * @param plan the plan
   * @param planJson the plan as the gateway sent it (with the join secret)
   * @param nodeName the host's name (its EdgeHost's), the node's name in the cluster
   */
  public static PlanEnvironment prepare(Plan plan, String planJson, String nodeName) throws IOException {
    Path directory = Files.createTempDirectory("edge-plan-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      Map<String, String> variables = new LinkedHashMap<>();
      variables.put("EDGE_PLAN_ACTION", text(plan.action()));
      variables.put("EDGE_PLAN_GENERATION", String.valueOf(plan.generation()));
      variables.put("EDGE_CLUSTER", text(plan.cluster()));
      variables.put("EDGE_ROLE", text(plan.role()));
      variables.put("EDGE_PROFILE", text(plan.profile()));
      variables.put("EDGE_PROFILE_VERSION", text(plan.profileVersion()));
      variables.put("EDGE_CONTROL_PLANE_ENDPOINT", text(plan.controlPlaneEndpoint()));
      variables.put("EDGE_PLAN_FILE", privateFile(directory.resolve("plan.json"), planJson).toString());
      variables.put("EDGE_POD_CIDR", text(plan.podCidr()));
      variables.put("EDGE_SERVICE_CIDR", text(plan.serviceCidr()));
      Optional<JsonNode> kubernetes = kubernetesLayer(plan);
      variables.put("EDGE_KUBERNETES_DISTRIBUTION", field(kubernetes, "name"));
      variables.put("EDGE_KUBERNETES_VERSION", field(kubernetes, "version"));
      variables.put("EDGE_KUBERNETES_IMAGE", field(kubernetes, "image"));
      variables.put("EDGE_KUBERNETES_BINARY", value(kubernetes, "binary"));
      variables.put("EDGE_KUBERNETES_AIRGAP_IMAGES", value(kubernetes, "airgapImages"));
      variables.put("EDGE_JOIN_SECRET_FILE", plan.joinSecret() == null || plan.joinSecret().isEmpty() ? ""
          : privateFile(directory.resolve("join-secret"), plan.joinSecret()).toString());
      variables.put("EDGE_NODE_NAME", text(nodeName));
      variables.put("EDGE_NODE_LABELS", plan.nodeLabels().entrySet().stream()
          .map(label -> label.getKey() + "=" + text(label.getValue())).collect(Collectors.joining("\n")));
      variables.put("EDGE_NODE_TAINTS", plan.nodeTaints().stream().map(Plan.Taint::format)
          .collect(Collectors.joining("\n")));
      Plan.Registries registries = plan.registries();
      boolean anyRegistries = registries != null && !(registries.mirrors().isEmpty() && registries.configs().isEmpty());
      Path caDirectory = directory.resolve("registry-ca");
      variables.put("EDGE_REGISTRIES_FILE", !anyRegistries ? "" : privateFile(directory.resolve("registries.yaml"),
          Json.write(RegistriesFile.of(registries, caDirectory))).toString());
      variables.put("EDGE_REGISTRY_CA_DIR", !anyRegistries || !RegistriesFile.writeCas(registries, caDirectory) ? ""
          : caDirectory.toString());
      return new PlanEnvironment(directory, Map.copyOf(variables), plan.joinSecret(), secrets(plan));
    } catch (IOException | RuntimeException e) {
      delete(directory);
      throw e;
    }
  }

  /** The variables, every one set (empty when the plan has no such value). */
  public Map<String, String> variables() {
    return variables;
  }

  /**
   * A line of the hook's output with the join secret and the registry passwords hidden: a hook that prints them
   * leaks them nowhere.
   */
  public String redact(String line) {
    if (line == null) {
      return null;
    }
    String redacted = joinSecret == null || joinSecret.isEmpty() ? line : line.replace(joinSecret, HIDDEN);
    for (String password : registryPasswords) {
      redacted = redacted.replace(password, HIDDEN_PASSWORD);
    }
    return redacted;
  }

  /** Deletes the files; a file that cannot be deleted is logged (by path), never thrown about. */
  @Override
  public void close() {
    try {
      delete(directory);
    } catch (UncheckedIOException e) {
      LOG.warn("Could not delete the plan's files in {}: {}", directory, e.getCause().getMessage());
    }
  }

  /** The plan's layer of type kubernetes, if it has one. */
  static Optional<JsonNode> kubernetesLayer(Plan plan) {
    return plan.layers().stream()
        .filter(layer -> layer != null && KUBERNETES_LAYER.equalsIgnoreCase(layer.path("type").asText()))
        .findFirst();
  }

  private static String field(Optional<JsonNode> layer, String name) {
    return layer.map(l -> l.path(name)).filter(JsonNode::isValueNode).map(JsonNode::asText).orElse("");
  }

  private static String value(Optional<JsonNode> layer, String name) {
    return layer.map(l -> l.path("values").path(name)).filter(JsonNode::isValueNode).map(JsonNode::asText)
        .orElse("");
  }

  private static Path privateFile(Path file, String content) throws IOException {
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content);
    return file;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the plan's files in " + directory, e);
    }
  }
}
