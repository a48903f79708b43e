package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DistributionRegistryTest {

  @Test
  @DisplayName("When the registry program is missing, then the system tests fail (not skip) naming the Debian package")
  void missingProgramFails() {
    assertThatThrownBy(() -> DistributionRegistry.requireInstalled(Path.of("/nonexistent/docker-registry")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("/nonexistent/docker-registry")
        .hasMessageContaining("install the Debian package docker-registry (apt-get install -y docker-registry");
  }
}
