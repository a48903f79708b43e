package dev.lifecycle.edge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoSamplesTest {

  @Test
  @DisplayName("When a sample is added to samples/, then the demo applies it or says why not: its list and the "
      + "directory agree")
  void everySampleIsAppliedOrExcused() throws IOException {
    List<String> listed = new ArrayList<>(DemoSamples.FILES);
    listed.addAll(DemoSamples.NOT_APPLIED);
    try (Stream<Path> files = Files.list(Path.of("..", "samples"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted())
          .containsExactlyElementsOf(listed.stream().sorted().toList());
    }
    assertThat(DemoSamples.FILES).as("applied in file order").isSorted();
  }
}
