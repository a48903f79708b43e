package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventFieldSelectorTest {

  private static final JsonNode EVENTS = Serialization.unmarshal("""
      {"kind": "List", "metadata": {"resourceVersion": "7"}, "items": [
        {"metadata": {"name": "e1"}, "reason": "Formed", "type": "Normal",
         "involvedObject": {"kind": "EdgeCluster", "name": "store-0042", "namespace": "default"}},
        {"metadata": {"name": "e2"}, "reason": "Claimed", "type": "Normal",
         "involvedObject": {"kind": "EdgeHost", "name": "store-0042", "namespace": "default"}},
        {"metadata": {"name": "e3"}, "reason": "UpgradeStalled", "type": "Warning",
         "involvedObject": {"kind": "EdgeCluster", "name": "store-0042", "namespace": "default"}}]}
      """, JsonNode.class);

  @Test
  @DisplayName("When kubectl describe's selector is given, then only the Events about that object are kept")
  void describeSelector() {
    EventFieldSelector selector = EventFieldSelector.of("/api/v1/namespaces/default/events",
        "fieldSelector=involvedObject.name%3Dstore-0042%2CinvolvedObject.namespace%3Ddefault%2C"
            + "involvedObject.kind%3DEdgeCluster&limit=500").orElseThrow();

    JsonNode filtered = selector.filter(EVENTS);

    assertThat(filtered.path("items")).extracting(e -> e.path("metadata").path("name").asText())
        .containsExactly("e1", "e3");
    assertThat(filtered.path("metadata").path("resourceVersion").asText()).isEqualTo("7");
    assertThat(filtered.path("kind").asText()).isEqualTo("EventList");
  }

  @Test
  @DisplayName("When a term says == or !=, then it keeps equal or different values")
  void operators() {
    assertThat(EventFieldSelector.of("/api/v1/events", "fieldSelector=type%3D%3DWarning").orElseThrow()
        .filter(EVENTS).path("items")).hasSize(1);
    assertThat(EventFieldSelector.of("/api/v1/events", "fieldSelector=type!%3DWarning,reason%3DClaimed")
        .orElseThrow().filter(EVENTS).path("items")).extracting(e -> e.path("reason").asText())
        .containsExactly("Claimed");
  }

  @Test
  @DisplayName("When the request is no list of Events with a selector (another kind, a watch, none), then the "
      + "store answers it as it is")
  void notApplicable() {
    assertThat(EventFieldSelector.of("/api/v1/namespaces/default/secrets", "fieldSelector=type%3Dx")).isEmpty();
    assertThat(EventFieldSelector.of("/api/v1/namespaces/default/events", "watch=true&fieldSelector=type%3Dx"))
        .isEmpty();
    assertThat(EventFieldSelector.of("/api/v1/namespaces/default/events", "limit=500")).isEmpty();
    assertThat(EventFieldSelector.of("/api/v1/namespaces/default/events/e1", "fieldSelector=type%3Dx")).isEmpty();
  }

  @Test
  @DisplayName("When the selector is taken out of a query, then the other parameters stay")
  void withoutSelector() {
    assertThat(EventFieldSelector.withoutSelector("fieldSelector=a%3Db&limit=500")).isEqualTo("limit=500");
    assertThat(EventFieldSelector.withoutSelector("fieldSelector=a%3Db")).isEmpty();
  }

  @Test
  @DisplayName("When a term has no operator, then it is refused naming the term")
  void malformed() {
    assertThatThrownBy(() -> EventFieldSelector.of("/api/v1/events", "fieldSelector=reason"))
        .hasMessageContaining("reason");
  }
}
