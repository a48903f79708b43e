package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventTablesTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:10:00Z");
  /** A Warning the operator wrote with every field, and a Normal one with an eventTime only. */
  private static final String EVENTS = """
      {"kind": "EventList", "metadata": {"resourceVersion": "9"}, "items": [
        {"metadata": {"name": "store.1", "namespace": "ns"}, "type": "Warning", "reason": "BatchFailed",
         "message": " host-2 failed \\n", "count": 3,
         "firstTimestamp": "2026-11-24T12:00:00Z", "lastTimestamp": "2026-11-24T12:09:00Z",
         "involvedObject": {"kind": "EdgeCluster", "name": "store", "fieldPath": "spec.upgradeStrategy"},
         "source": {"component": "edge-operator", "host": "node-1"}},
        {"metadata": {"name": "store.2", "namespace": "ns"}, "type": "Normal", "reason": "Created",
         "eventTime": "2026-11-24T12:09:58.123456Z", "involvedObject": {"kind": "EdgeHost", "name": "h"},
         "reportingComponent": "edge-operator"}]}
      """;

  @Test
  @DisplayName("When Events are tabled, then each row is LAST SEEN, TYPE, REASON, OBJECT, MESSAGE as kubectl shows "
      + "them, and subobject, source, first seen, count and name for -o wide")
  void eventColumns() {
    JsonNode table = new EventTables().table(Serialization.unmarshal(EVENTS, JsonNode.class), NOW);

    assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("9");
    assertThat(table.path("columnDefinitions")).extracting(c -> c.path("name").asText() + ":"
        + c.path("priority").asInt()).containsExactly("Last Seen:0", "Type:0", "Reason:0", "Object:0", "Subobject:1",
        "Source:1", "Message:0", "First Seen:1", "Count:1", "Name:1");
    assertThat(table.path("rows").get(0).path("cells")).extracting(JsonNode::asText).containsExactly("60s",
        "Warning", "BatchFailed", "edgecluster/store", "spec.upgradeStrategy", "edge-operator, node-1",
        "host-2 failed", "10m", "3", "store.1");
    assertThat(table.path("rows").get(1).path("cells")).extracting(JsonNode::asText).containsExactly("1s",
        "Normal", "Created", "edgehost/h", "", "", "", "1s", "0", "store.2");
    assertThat(table.path("rows").get(1).path("object").path("metadata").path("name").asText())
        .isEqualTo("store.2");
  }
}
