package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusPutTest {

  private static final String STORED = "{\"apiVersion\":\"edge.example.com/v1alpha1\",\"kind\":\"EdgeHost\","
      + "\"metadata\":{\"name\":\"h1\",\"namespace\":\"n\",\"uid\":\"u-1\",\"resourceVersion\":\"7\",\"generation\":2,"
      + "\"labels\":{\"site\":\"north\"}},\"spec\":{\"machineId\":\"m-1\"},\"status\":{\"phase\":\"Available\"}}";

  private final AtomicLong versions = new AtomicLong(41);

  private static String request(String resourceVersion, String status) {
    return "{\"apiVersion\":\"edge.example.com/v1alpha1\",\"kind\":\"EdgeHost\",\"metadata\":{\"name\":\"h1\","
        + "\"namespace\":\"n\"" + (resourceVersion == null ? "" : ",\"resourceVersion\":\"" + resourceVersion + "\"")
        + ",\"labels\":{\"site\":\"elsewhere\"}},\"spec\":{\"machineId\":\"changed\"}"
        + (status == null ? "" : ",\"status\":" + status) + "}";
  }

  private static JsonNode tree(String json) {
    return Serialization.unmarshal(json, JsonNode.class);
  }

  @Test
  @DisplayName("When a status PUT changes the status, then only the status changes and the resourceVersion rises")
  void changeKeepsEverythingButStatus() {
    StatusPut.Result put = StatusPut.apply(STORED, request("7", "{\"phase\":\"Running\"}"), versions::incrementAndGet)
        .orElseThrow();

    assertThat(put.conflict()).isEmpty();
    assertThat(put.changed()).isTrue();
    JsonNode written = tree(put.object());
    assertThat(written.path("status").path("phase").asText()).isEqualTo("Running");
    assertThat(written.path("metadata").path("resourceVersion").asText()).isEqualTo("42");
    assertThat(written.path("metadata").path("labels").path("site").asText()).isEqualTo("north");
    assertThat(written.path("metadata").path("uid").asText()).isEqualTo("u-1");
    assertThat(written.path("metadata").path("generation").asInt()).isEqualTo(2);
    assertThat(written.path("spec").path("machineId").asText()).isEqualTo("m-1");
  }

  @Test
  @DisplayName("When a status PUT carries the status already stored, or no resourceVersion and the same status, then "
      + "nothing changes and no resourceVersion is drawn")
  void sameStatusChangesNothing() {
    for (String resourceVersion : new String[] {"7", null}) {
      StatusPut.Result put = StatusPut.apply(STORED, request(resourceVersion, "{\"phase\":\"Available\"}"),
          versions::incrementAndGet).orElseThrow();
      assertThat(put.changed()).isFalse();
      assertThat(put.object()).isEqualTo(STORED);
    }
    assertThat(versions.get()).isEqualTo(41);
  }

  @Test
  @DisplayName("When a status PUT names an older resourceVersion, then it is a conflict and nothing is written")
  void staleIsConflict() {
    StatusPut.Result put = StatusPut.apply(STORED, request("6", "{\"phase\":\"Running\"}"), versions::incrementAndGet)
        .orElseThrow();

    assertThat(put.conflict()).hasValueSatisfying(m -> assertThat(m).contains("EdgeHost \"h1\""));
    assertThat(put.changed()).isFalse();
    assertThat(versions.get()).isEqualTo(41);
  }

  @Test
  @DisplayName("When a status PUT has no status, then the stored status is removed, as the store's own handler does")
  void noStatusRemovesIt() {
    StatusPut.Result put = StatusPut.apply(STORED, request("7", null), versions::incrementAndGet).orElseThrow();

    assertThat(put.changed()).isTrue();
    assertThat(tree(put.object()).has("status")).isFalse();
  }

  @Test
  @DisplayName("When the body is no object naming kind, apiVersion and name, then the store's own handler answers it")
  void invalidBodiesAreLeftToTheStore() {
    assertThat(StatusPut.apply(STORED, "not json", versions::incrementAndGet)).isEmpty();
    assertThat(StatusPut.apply(STORED, "", versions::incrementAndGet)).isEmpty();
    assertThat(StatusPut.apply(STORED, "[]", versions::incrementAndGet)).isEmpty();
    assertThat(StatusPut.apply(STORED, "{\"kind\":\"EdgeHost\",\"metadata\":{\"name\":\"h1\"}}",
        versions::incrementAndGet)).isEmpty();
    assertThat(StatusPut.apply(STORED, "{\"apiVersion\":\"v1\",\"kind\":\"EdgeHost\",\"metadata\":{}}",
        versions::incrementAndGet)).isEmpty();
  }
}
