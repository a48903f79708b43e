package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NameIndexTest {

  private static final KubernetesAttributesExtractor EXTRACTOR = new KubernetesAttributesExtractor();

  private static AttributeSet path(String path) {
    return EXTRACTOR.fromPath(path);
  }

  @Test
  @DisplayName("When a path names one object, then its identity is plural, namespace and name; a list has none")
  void identities() {
    assertThat(NameIndex.identity(path("/apis/edge.lifecycle.dev/v1alpha1/namespaces/ns/edgehosts/h-1")))
        .contains("edgehosts/ns/h-1");
    assertThat(NameIndex.identity(path("/apis/edge.lifecycle.dev/v1alpha1/namespaces/ns/edgehosts/h-1/status")))
        .contains("edgehosts/ns/h-1");
    assertThat(NameIndex.identity(path("/api/v1/namespaces/ns"))).contains("namespaces//ns");
    assertThat(NameIndex.identity(path("/apis/edge.lifecycle.dev/v1alpha1/namespaces/ns/edgehosts"))).isEmpty();
  }

  @Test
  @DisplayName("When an object is written, renamed by its attributes or deleted, then the index follows it")
  void followsWrites() {
    NameIndex index = new NameIndex();
    AttributeSet first = path("/apis/edge.lifecycle.dev/v1alpha1/namespaces/ns/edgehosts/h-1");
    AttributeSet relabelled = first.add(new Attribute("labels:site", "s"));

    index.moved(null, first);
    assertThat(index.keyOf("edgehosts/ns/h-1")).contains(first);
    index.moved(first, relabelled);
    assertThat(index.keyOf("edgehosts/ns/h-1")).contains(relabelled);
    index.moved(relabelled, null);
    assertThat(index.keyOf("edgehosts/ns/h-1")).isEmpty();
  }
}
