package dev.lifecycle.edge.api.v1alpha1.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistryStatus;
import dev.lifecycle.edge.api.v1alpha1.CrdFiles;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterStatus;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.api.v1alpha1.UpgradeStatus;
import dev.lifecycle.edge.api.v1alpha1.validation.PublishedCrds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Argo CD health checks that {@link ArgoCdHealthScripts} generates from src/test/resources/argocd/ give
 * the verdict docs/gitops.md promises for every phase of every kind, run by a Lua VM on objects shaped as Argo
 * CD hands them over. Each fixture under src/test/resources/health/KIND/ names its verdict ({@code # expect:})
 * and a part of its message ({@code # message:}). The committed gitops/argocd/argocd-cm.yaml holds the same
 * checks; with -Dcrds.update=true (the update-crds profile) it is rewritten first.
 */
class ArgoCdHealthTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Path FIXTURES = Path.of("src", "test", "resources", "health");

  record Fixture(Path file, JsonNode object, String expect, String message) {
    @Override
    public String toString() {
      return file.getParent().getFileName() + "/" + file.getFileName();
    }
  }

  @BeforeAll
  static void updateWhenAsked() throws IOException {
    if (Boolean.getBoolean("crds.update")) {
      ArgoCdConfigMap.publish();
    }
  }

  static Stream<Fixture> fixtures() throws IOException {
    try (Stream<Path> files = Files.walk(FIXTURES)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(ArgoCdHealthTest::fixture).toList()
          .stream();
    }
  }

  private static Fixture fixture(Path file) {
    try {
      String text = Files.readString(file);
      return new Fixture(file, YAML.readTree(text), header(text, "# expect:"), header(text, "# message:"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String header(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no '" + prefix + "' line"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  @DisplayName("When Argo CD assesses an object in this state, then it shows the documented health and says why")
  void verdict(Fixture fixture) {
    ArgoCdHealth.Verdict verdict = ArgoCdHealth.assess(fixture.object());
    assertThat(verdict.status()).as("health of %s", fixture).isEqualTo(fixture.expect());
    assertThat(verdict.message()).as("message of %s", fixture).contains(fixture.message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  @DisplayName("When a fixture stands for an object the operator writes, then the API server would accept it")
  void fixtureIsAValidObject(Fixture fixture) {
    assertThat(PublishedCrds.validate(fixture.object()))
        .as("schema errors in %s", fixture).isEmpty();
  }

  @Test
  @DisplayName("When a kind gains a phase, then its health check has a fixture for it, and for no status and a stale one")
  void everyPhaseOfEveryKindIsCovered() throws IOException {
    Map<String, List<? extends Enum<?>>> phases = Map.of(
        "ClusterProfile", List.of(ClusterProfileStatus.Phase.values()),
        "RegistrationToken", List.of(RegistrationTokenStatus.Phase.values()),
        "EdgeHost", List.of(EdgeHostStatus.Phase.values()),
        "EdgeCluster", List.of(EdgeClusterStatus.Phase.values()),
        "ImageRegistry", List.of(ImageRegistryStatus.Phase.values()));
    List<Fixture> all = fixtures().toList();
    for (String kind : ArgoCdHealthScripts.kinds()) {
      List<Fixture> ofKind = all.stream().filter(f -> kind.equals(f.object().path("kind").asText())).toList();
      Set<String> covered = ofKind.stream().map(f -> f.object().path("status").path("phase").asText())
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(covered).as("phases of %s with a fixture", kind)
          .containsAll(phases.get(kind).stream().map(Enum::name).toList());
      assertThat(ofKind).as("%s without a status", kind).anyMatch(f -> f.object().path("status").isMissingNode());
      assertThat(ofKind).as("%s with a stale observedGeneration", kind).anyMatch(f ->
          f.object().path("status").path("observedGeneration").asLong()
              < f.object().path("metadata").path("generation").asLong());
    }
    Set<String> upgradePhases = all.stream()
        .map(f -> f.object().path("status").path("upgrade").path("phase").asText())
        .collect(Collectors.toSet());
    assertThat(upgradePhases).as("rollout phases with a fixture")
        .containsAll(Arrays.stream(UpgradeStatus.Phase.values()).map(Enum::name).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  @DisplayName("When a health check answers, then Argo CD accepts the status and a person gets a message")
  void answersWhatArgoCdAccepts(Fixture fixture) {
    ArgoCdHealth.Verdict verdict = ArgoCdHealth.assess(fixture.object());
    assertThat(ArgoCdHealth.STATUSES).contains(verdict.status());
    assertThat(verdict.message()).isNotBlank();
  }

  @Test
  @DisplayName("When a health check uses a library Argo CD does not open, then it fails here too")
  void sandboxIsArgoCdsOwn() {
    JsonNode object = YAML.createObjectNode().put("kind", "EdgeHost");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> ArgoCdHealth.assess("return {status = os.time()}", object, "probe.lua"))
        .isInstanceOf(org.luaj.vm2.LuaError.class)
        .hasMessageContaining("attempt to index ? (a nil value)");
  }

  @Test
  @DisplayName("When the build writes the checks, then each kind's is GROUP/KIND/health.lua, as Argo CD lays them out")
  void writtenAsArgoCdLaysThemOut(@TempDir Path dir) throws IOException {
    ArgoCdHealthScripts.write(dir);

    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/')))
          .containsExactlyInAnyOrderElementsOf(ArgoCdHealthScripts.kinds().stream()
              .map(kind -> "edge.lifecycle.dev/" + kind + "/health.lua").toList());
    }
    for (String kind : ArgoCdHealthScripts.kinds()) {
      assertThat(Files.readString(ArgoCdHealthScripts.script(dir, kind))).isEqualTo(ArgoCdHealthScripts.render(kind));
    }
  }

  @Test
  @DisplayName("When the source of a removed kind's health check is left over, then it is found")
  void noStraySources() throws IOException {
    try (Stream<Path> sources = Files.list(Path.of("src", "test", "resources", "argocd"))) {
      assertThat(sources.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(Stream.concat(
          Stream.of("health.lua.in"), ArgoCdHealthScripts.kinds().stream().map(kind -> kind + ".lua.in")).toList());
    }
  }

  @Test
  @DisplayName("When a user pastes gitops/argocd/argocd-cm.yaml, then it holds every health check verbatim")
  void configMapHoldsTheHealthChecksVerbatim() throws IOException {
    String committed = CrdFiles.read(ArgoCdConfigMap.file());
    assertThat(committed)
        .as("gitops/argocd/argocd-cm.yaml is stale: run mvn -B -Pupdate-crds -pl api -am verify and commit the result")
        .isEqualTo(ArgoCdConfigMap.render());
    JsonNode configMap = YAML.readTree(committed);
    assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(configMap.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
    JsonNode data = configMap.path("data");
    assertThat(data.size()).isEqualTo(ArgoCdHealthScripts.kinds().size());
    for (String kind : ArgoCdHealthScripts.kinds()) {
      assertThat(data.path(ArgoCdConfigMap.key(kind)).asText())
          .as("%s in argocd-cm.yaml", kind)
          .isEqualTo(ArgoCdHealthScripts.render(kind));
    }
  }
}
