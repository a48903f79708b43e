package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResourcePathTest {

  @Test
  @DisplayName("When a namespaced object's status path is read, then group, version, namespace, plural, name and "
      + "subresource are found")
  void namespacedStatus() {
    assertThat(ResourcePath.parse("/apis/edge.lifecycle.dev/v1alpha1/namespaces/site/edgehosts/h-1/status"))
        .contains(new ResourcePath("edge.lifecycle.dev", "v1alpha1", "site", "edgehosts", "h-1", "status"));
  }

  @Test
  @DisplayName("When collections and cluster-scoped objects are read, then the missing parts are null")
  void collectionsAndClusterScope() {
    assertThat(ResourcePath.parse("/apis/edge.lifecycle.dev/v1alpha1/namespaces/site/edgeclusters"))
        .contains(new ResourcePath("edge.lifecycle.dev", "v1alpha1", "site", "edgeclusters", null, null));
    assertThat(ResourcePath.parse("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x.dev"))
        .contains(new ResourcePath("apiextensions.k8s.io", "v1", null, "customresourcedefinitions", "x.dev", null));
    assertThat(ResourcePath.parse("/apis/edge.lifecycle.dev/v1alpha1/namespaces/site/edgehosts/h/status").get()
        .isStatus()).isTrue();
  }

  @Test
  @DisplayName("When the path is the core API, discovery or malformed, then it is no group's resource")
  void notAGroupResource() {
    assertThat(ResourcePath.parse("/api/v1/namespaces/site/secrets/s")).isEmpty();
    assertThat(ResourcePath.parse("/apis/edge.lifecycle.dev/v1alpha1")).isEmpty();
    assertThat(ResourcePath.parse("/apis/edge.lifecycle.dev//namespaces/site/edgehosts")).isEmpty();
    assertThat(ResourcePath.parse("/apis/g/v/namespaces/n/p/name/status/extra")).isEmpty();
  }
}
