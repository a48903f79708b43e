package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrinterColumnPathTest {

  private static final JsonNode CLUSTER = Serialization.unmarshal("""
      {"metadata": {"name": "store-0042"},
       "status": {"phase": "Running", "usedBy": ["a", "b"],
                  "conditions": [{"type": "Reconciling", "status": "False"},
                                 {"type": "Ready", "status": "True", "message": "all hosts healthy"}]}}
      """, JsonNode.class);

  @Test
  @DisplayName("When a path names fields, then it finds the value; when a field is missing, then nothing")
  void fields() {
    assertThat(PrinterColumnPath.parse(".status.phase").find(CLUSTER)).extracting(JsonNode::asText)
        .containsExactly("Running");
    assertThat(PrinterColumnPath.parse(".status.upgrade.phase").find(CLUSTER)).isEmpty();
    assertThat(PrinterColumnPath.parse(".status.usedBy").find(CLUSTER).get(0).isArray()).isTrue();
  }

  @Test
  @DisplayName("When a path filters a list by a field's value, then it finds the matching element's field")
  void filter() {
    assertThat(PrinterColumnPath.parse(".status.conditions[?(@.type==\"Ready\")].status").find(CLUSTER))
        .extracting(JsonNode::asText).containsExactly("True");
    assertThat(PrinterColumnPath.parse("{.status.conditions[?(@.type=='Ready')].message}").find(CLUSTER))
        .extracting(JsonNode::asText).containsExactly("all hosts healthy");
    assertThat(PrinterColumnPath.parse(".status.conditions[?(@.type==\"Stalled\")].status").find(CLUSTER)).isEmpty();
  }

  @Test
  @DisplayName("When a path indexes a list, then it finds that element, or nothing past the end")
  void index() {
    assertThat(PrinterColumnPath.parse(".status.usedBy[1]").find(CLUSTER)).extracting(JsonNode::asText)
        .containsExactly("b");
    assertThat(PrinterColumnPath.parse(".status.usedBy[5]").find(CLUSTER)).isEmpty();
  }

  @Test
  @DisplayName("When a path is not of the simple form, then it is refused with the path in the message")
  void refused() {
    assertThatThrownBy(() -> PrinterColumnPath.parse(".status..phase")).hasMessageContaining(".status..phase");
    assertThatThrownBy(() -> PrinterColumnPath.parse(".items[*].name")).isInstanceOf(IllegalArgumentException.class);
  }
}
