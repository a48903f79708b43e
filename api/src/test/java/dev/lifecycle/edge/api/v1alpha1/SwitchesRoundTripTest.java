package dev.lifecycle.edge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The boolean switches users set (spec.paused, spec.revoked) are real properties, although each class also
 * has a @JsonIgnore'd isX() convenience: Jackson would otherwise drop the property altogether.
 */
class SwitchesRoundTripTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  @DisplayName("When a user sets spec.paused on an EdgeCluster, then the operator reads it")
  void pausedIsReadAndWritten() throws Exception {
    EdgeClusterSpec spec = json.readValue("{\"paused\":true}", EdgeClusterSpec.class);
    assertThat(spec.isPaused()).isTrue();
    assertThat(json.writeValueAsString(spec)).contains("\"paused\":true");
  }

  @Test
  @DisplayName("When a user sets spec.revoked on a RegistrationToken, then the operator reads it")
  void revokedIsReadAndWritten() throws Exception {
    RegistrationTokenSpec spec = json.readValue("{\"ttl\":\"1h\",\"revoked\":true}", RegistrationTokenSpec.class);
    assertThat(spec.isRevoked()).isTrue();
    assertThat(json.writeValueAsString(spec)).contains("\"revoked\":true");
  }
}
