package dev.lifecycle.edge.site.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SemanticVersionsTest {

  @Test
  @DisplayName("When versions are sorted, then they follow semver precedence: numbers numerically, pre-releases "
      + "before their release, build metadata ignored")
  void precedence() {
    List<String> versions = new ArrayList<>(List.of("1.10.0", "1.0.0", "1.0.0-rc.1", "1.0.0-alpha", "1.0.0-alpha.1",
        "1.0.0-beta.11", "1.0.0-beta.2", "1.0.0-alpha.beta", "1.9.0", "2.0.0"));
    versions.sort(SemanticVersions.PRECEDENCE);

    assertThat(versions).containsExactly("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.9.0", "1.10.0", "2.0.0");
    assertThat(SemanticVersions.compare("1.2.0+vars.0123", "1.2.0")).isZero();
    assertThatThrownBy(() -> SemanticVersions.compare("v1.2", "1.2.0")).isInstanceOf(IllegalArgumentException.class);
  }
}
