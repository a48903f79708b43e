package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.AttributeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StoreKeysTest {

  @Test
  @DisplayName("When a stored key is written down and read back, then it is the same key and still matches label queries")
  void roundTrip() {
    AttributeSet key = new KubernetesAttributesExtractor().extract(new ConfigMapBuilder().withNewMetadata()
        .withName("cm").withNamespace("site").addToLabels("app", "edge").addToLabels("tier", "db").endMetadata()
        .build());

    AttributeSet restored = StoreKeys.fromStore(StoreKeys.toStore(key));

    assertThat(restored).isEqualTo(key);
    assertThat(restored.matches(new KubernetesAttributesExtractor()
        .fromPath("/api/v1/namespaces/site/configmaps?labelSelector=app%3Dedge"))).isTrue();
    assertThat(StoreKeys.identity(restored)).isEqualTo("configmaps/site/cm");
  }

  @Test
  @DisplayName("When a durable API is given a port out of range, then it is refused before anything starts")
  void badPort() {
    assertThatThrownBy(() -> EmbeddedApiOptions.inMemory(70000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }
}
