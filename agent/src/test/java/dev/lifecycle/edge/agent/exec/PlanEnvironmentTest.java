package dev.lifecycle.edge.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.wire.Json;
import dev.lifecycle.edge.wire.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlanEnvironmentTest {

  static final String SECRET = "Zk9vYmFyLWpvaW4tc2VjcmV0LWZvci10ZXN0cy1vbmx5";
  static final String PLAN_JSON = "{\"generation\":3,\"action\":\"Join\",\"cluster\":\"store\",\"role\":\"worker\","
      + "\"profile\":\"edge\",\"profileVersion\":\"1.0.0\",\"controlPlaneEndpoint\":\"192.168.42.10\","
      + "\"layers\":[{\"name\":\"ubuntu\",\"type\":\"os\",\"version\":\"22.4.0\"},"
      + "{\"name\":\"k3s\",\"type\":\"kubernetes\",\"version\":\"1.30.2\",\"image\":\"registry.example.com/k3s:v1.30.2\","
      + "\"values\":{\"binary\":\"/opt/edge/k3s\",\"airgapImages\":\"/opt/edge/k3s-airgap-images-amd64.tar.zst\"}}],"
      + "\"podCIDR\":\"10.42.0.0/16\",\"serviceCIDR\":\"10.43.0.0/16\","
      + "\"nodeLabels\":{\"example.com/tier\":\"edge\",\"zone\":\"north\"},"
      + "\"nodeTaints\":[{\"key\":\"dedicated\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"},"
      + "{\"key\":\"edge\",\"effect\":\"NoExecute\"}],"
      + "\"registries\":{\"mirrors\":{\"docker.io\":{\"endpoint\":[\"https://mirror.local:5000\"]}}},"
      + "\"joinSecret\":\"" + SECRET + "\"}";

  @Test
  @DisplayName("When a plan carries everything, then the hook gets ranges, the kubernetes layer, node name, labels "
      + "and taints in variables, and the plan, join secret and registries in 0600 files that go afterwards")
  void everything() throws IOException {
    Plan plan = Json.read(PLAN_JSON, Plan.class);
    Path directory;
    try (PlanEnvironment environment = PlanEnvironment.prepare(plan, PLAN_JSON, "store-w-1")) {
      var variables = environment.variables();
      assertThat(variables).containsEntry("EDGE_POD_CIDR", "10.42.0.0/16")
          .containsEntry("EDGE_SERVICE_CIDR", "10.43.0.0/16")
          .containsEntry("EDGE_KUBERNETES_DISTRIBUTION", "k3s")
          .containsEntry("EDGE_KUBERNETES_VERSION", "1.30.2")
          .containsEntry("EDGE_KUBERNETES_IMAGE", "registry.example.com/k3s:v1.30.2")
          .containsEntry("EDGE_KUBERNETES_BINARY", "/opt/edge/k3s")
          .containsEntry("EDGE_KUBERNETES_AIRGAP_IMAGES", "/opt/edge/k3s-airgap-images-amd64.tar.zst")
          .containsEntry("EDGE_NODE_NAME", "store-w-1")
          .containsEntry("EDGE_NODE_LABELS", "example.com/tier=edge\nzone=north")
          .containsEntry("EDGE_NODE_TAINTS", "dedicated=gpu:NoSchedule\nedge:NoExecute");
      assertThat(variables.values()).as("the secret is in no variable").noneMatch(v -> v.contains(SECRET));

      Path planFile = Path.of(variables.get("EDGE_PLAN_FILE"));
      Path secretFile = Path.of(variables.get("EDGE_JOIN_SECRET_FILE"));
      Path registries = Path.of(variables.get("EDGE_REGISTRIES_FILE"));
      directory = planFile.getParent();
      assertThat(Files.readString(planFile)).isEqualTo(PLAN_JSON);
      assertThat(Files.readString(secretFile)).isEqualTo(SECRET);
      assertThat(Json.mapper().readTree(Files.readString(registries)))
          .isEqualTo(Json.mapper().readTree("{\"mirrors\":{\"docker.io\":{\"endpoint\":[\"https://mirror.local:5000\"]}}}"));
      for (Path file : new Path[] {planFile, secretFile, registries}) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
            .isEqualTo("rw-------");
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
      assertThat(environment.redact("k3s agent --token " + SECRET + " --server https://192.168.42.10:6443"))
          .isEqualTo("k3s agent --token (join secret hidden) --server https://192.168.42.10:6443");
    }
    assertThat(directory).as("the files are deleted with their directory").doesNotExist();
  }

  @Test
  @DisplayName("When a plan carries no join secret, registries, labels, taints or kubernetes layer, then those "
      + "variables are empty and no such file is written")
  void nothing() throws IOException {
    Plan plan = new Plan(1L, "Reset", "store", null, null, null, null, null, null, null);
    try (PlanEnvironment environment = PlanEnvironment.prepare(plan, "{}", null)) {
      assertThat(environment.variables()).containsEntry("EDGE_JOIN_SECRET_FILE", "")
          .containsEntry("EDGE_REGISTRIES_FILE", "")
          .containsEntry("EDGE_NODE_LABELS", "")
          .containsEntry("EDGE_NODE_TAINTS", "")
          .containsEntry("EDGE_KUBERNETES_DISTRIBUTION", "")
          .containsEntry("EDGE_KUBERNETES_VERSION", "")
          .containsEntry("EDGE_KUBERNETES_BINARY", "")
          .containsEntry("EDGE_POD_CIDR", "")
          .containsEntry("EDGE_NODE_NAME", "");
      try (var files = Files.list(Path.of(environment.variables().get("EDGE_PLAN_FILE")).getParent())) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("plan.json");
      }
      assertThat(environment.redact("nothing to hide")).isEqualTo("nothing to hide");
    }
  }

  @Test
  @DisplayName("When a plan carries a registry's credentials and CA, then the registries file is k3s's form with auth "
      + "and tls.ca_file naming the CA written beside it, and hook output hides the password")
  void registryCredentialsAndCa() throws IOException {
    String password = "r3gistry-pa55word";
    String ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    Plan plan = new Plan(1L, "Join", "store", "worker", "edge", "1.0.0", "10.0.0.1", java.util.List.of(), null, null,
        null, null, null, java.util.Map.of(), java.util.List.of(), new Plan.Registries(
            java.util.Map.of("docker.io", new Plan.Registries.Mirror(java.util.List.of("https://reg.local:5000"),
                java.util.Map.of("^(.*)$", "mirror/$1"))),
            java.util.Map.of("reg.local:5000", new Plan.Registries.Config(new Plan.Registries.Auth("u", password), ca))),
        SECRET);
    try (PlanEnvironment environment = PlanEnvironment.prepare(plan, "{}", "w")) {
      Path caDirectory = Path.of(environment.variables().get("EDGE_REGISTRY_CA_DIR"));
      Path caFile = caDirectory.resolve("reg.local-5000.crt");
      assertThat(Files.readString(caFile)).isEqualTo(ca);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caFile))).isEqualTo("rw-------");
      assertThat(Json.mapper().readTree(Files.readString(Path.of(environment.variables().get("EDGE_REGISTRIES_FILE")))))
          .isEqualTo(Json.mapper().readTree("{\"mirrors\":{\"docker.io\":{\"endpoint\":[\"https://reg.local:5000\"],"
              + "\"rewrite\":{\"^(.*)$\":\"mirror/$1\"}}},\"configs\":{\"reg.local:5000\":{\"auth\":{\"username\":\"u\","
              + "\"password\":\"" + password + "\"},\"tls\":{\"ca_file\":\"" + caFile + "\"}}}}"));
      assertThat(environment.variables().values()).noneMatch(v -> v.contains(password));
      assertThat(environment.redact("login u " + password + " " + SECRET))
          .isEqualTo("login u (registry password hidden) (join secret hidden)");
      assertThat(plan.registries().configs().get("reg.local:5000").auth().toString()).doesNotContain(password);
    }
  }
}
