package dev.lifecycle.edge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The CRDs committed in crds/ and in the chart are exactly what the build generates from the classes.
 * With -Dcrds.update=true (the update-crds profile) the test first rewrites them.
 */
class PublishedCrdsTest {

  @BeforeAll
  static void updateWhenAsked() throws IOException {
    if (Boolean.getBoolean("crds.update")) {
      CrdFiles.publish();
    }
  }

  @Test
  @DisplayName("When the API classes change, then the committed CRDs must be regenerated, or this fails")
  void committedCrdsMatchTheGeneratedOnes() {
    Map<String, String> expected = CrdFiles.render();
    for (Path dir : CrdFiles.publishedDirs()) {
      for (Map.Entry<String, String> file : expected.entrySet()) {
        Path committed = dir.resolve(file.getKey());
        assertThat(committed).as("%s is missing: run mvn -B -Pupdate-crds -pl api -am verify", committed).exists();
        assertThat(CrdFiles.read(committed))
            .as("%s is stale: run mvn -B -Pupdate-crds -pl api -am verify and commit the result", committed)
            .isEqualTo(file.getValue());
      }
    }
  }

  @Test
  @DisplayName("When a CRD file is left over from a removed kind, then it is found")
  void noStrayCrdFiles() throws IOException {
    for (Path dir : CrdFiles.publishedDirs()) {
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrderElementsOf(CrdFiles.render().keySet());
      }
    }
  }

  @Test
  @DisplayName("When kubectl prints a kind, then the columns come in the declared order with Age last")
  void printerColumnsKeepTheDeclaredOrder() {
    String edgeCluster = CrdFiles.render().get("edgeclusters.edge.lifecycle.dev.yaml");
    assertThat(edgeCluster.indexOf("name: Phase")).isLessThan(edgeCluster.indexOf("name: Version"));
    assertThat(edgeCluster.indexOf("name: Workers")).isLessThan(edgeCluster.indexOf("name: Age"));
  }
}
