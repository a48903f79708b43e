package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CrdInstallerTest {

  @Test
  @DisplayName("When a CRD is added to or removed from crds/, then the installer's list must follow")
  void listMatchesCommittedDirectory() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "crds"))) {
      List<String> committed = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
          .collect(Collectors.toList());
      assertThat(CrdInstaller.FILES).containsExactlyInAnyOrderElementsOf(committed);
    }
  }

  @Test
  @DisplayName("When the CRDs are loaded from the classpath, then each is named after its plural and group")
  void loadsFromClasspath() {
    List<CustomResourceDefinition> crds = CrdInstaller.load();

    assertThat(crds).extracting(c -> c.getMetadata().getName()).containsExactly(
        "clusterprofiles.edge.lifecycle.dev", "registrationtokens.edge.lifecycle.dev",
        "edgehosts.edge.lifecycle.dev", "edgeclusters.edge.lifecycle.dev", "imageregistries.edge.lifecycle.dev");
    assertThat(crds).allSatisfy(crd -> {
      assertThat(crd.getMetadata().getName())
          .isEqualTo(crd.getSpec().getNames().getPlural() + "." + crd.getSpec().getGroup());
      assertThat(crd.getSpec().getVersions()).anySatisfy(v -> assertThat(v.getStorage()).isTrue());
    });
  }
}
