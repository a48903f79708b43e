package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StaleStatusUpdateTest {

  private static final String STORED = "{\"kind\":\"EdgeHost\",\"metadata\":{\"name\":\"h1\",\"resourceVersion\":\"7\"}}";

  @Test
  @DisplayName("When a status PUT names the stored resourceVersion, or none, then there is no conflict")
  void noConflict() {
    assertThat(StaleStatusUpdate.conflict(STORED, "{\"metadata\":{\"resourceVersion\":\"7\"}}")).isEmpty();
    assertThat(StaleStatusUpdate.conflict(STORED, "{\"metadata\":{\"name\":\"h1\"}}")).isEmpty();
    assertThat(StaleStatusUpdate.conflict(STORED, "")).isEmpty();
  }

  @Test
  @DisplayName("When a status PUT names an older resourceVersion, then the conflict names the kind and object")
  void conflict() {
    assertThat(StaleStatusUpdate.conflict(STORED, "{\"metadata\":{\"resourceVersion\":\"6\"}}"))
        .hasValueSatisfying(m -> assertThat(m).contains("EdgeHost \"h1\"", "the object has been modified"));
  }

  @Test
  @DisplayName("When resourceVersion is read, then only metadata's counts: nested look-alikes, other fields' values, "
      + "numbers and bodies that are no JSON object are told apart")
  void resourceVersionReadFromMetadataOnly() {
    assertThat(StaleStatusUpdate.resourceVersion("{\"spec\":{\"metadata\":{\"resourceVersion\":\"1\"}},"
        + "\"status\":[{\"resourceVersion\":\"2\"}],\"metadata\":{\"labels\":{\"resourceVersion\":\"3\"},"
        + "\"name\":\"resourceVersion\",\"resourceVersion\":\"42\"}}")).isEqualTo("42");
    assertThat(StaleStatusUpdate.resourceVersion("{\"metadata\":{\"resourceVersion\":17}}")).isEqualTo("17");
    assertThat(StaleStatusUpdate.resourceVersion("{\"metadata\":{\"resourceVersion\":null}}")).isEmpty();
    assertThat(StaleStatusUpdate.resourceVersion("{\"metadata\":{\"name\":\"h1\"}}")).isEmpty();
    assertThat(StaleStatusUpdate.resourceVersion("[1, 2]")).isEmpty();
    assertThat(StaleStatusUpdate.resourceVersion("{\"metadata\": {\"resourceVersion\": ")).isEmpty();
    assertThat(StaleStatusUpdate.conflict(STORED, "not json")).isEmpty();
  }

  @Test
  @DisplayName("When the request is a PUT on a status path, then the check applies, and otherwise not")
  void applies() {
    assertThat(StaleStatusUpdate.applies("PUT", "/apis/g/v1/namespaces/n/things/a/status")).isTrue();
    assertThat(StaleStatusUpdate.applies("PATCH", "/apis/g/v1/namespaces/n/things/a/status")).isFalse();
    assertThat(StaleStatusUpdate.applies("PUT", "/apis/g/v1/namespaces/n/things/a")).isFalse();
  }
}
