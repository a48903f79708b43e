package dev.lifecycle.edge.operator.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.apiserver.ApiRequest;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestAttributesTest {

  private static RequestAttributes of(String method, String target) {
    return RequestAttributes.of(new ApiRequest(method, target, "test"));
  }

  @Test
  @DisplayName("When a collection is read, then it is a list, or a watch with watch=true, cluster-wide without a "
      + "namespace")
  void listAndWatch() {
    assertThat(of("GET", "/apis/edge.lifecycle.dev/v1alpha1/edgehosts?resourceVersion=0"))
        .isEqualTo(new RequestAttributes(Optional.of(Verb.LIST), "edge.lifecycle.dev", "edgehosts", null, null,
            "/apis/edge.lifecycle.dev/v1alpha1/edgehosts"));
    assertThat(of("GET", "/api/v1/secrets?labelSelector=a%3Db&allowWatchBookmarks=true&watch=true"))
        .isEqualTo(new RequestAttributes(Optional.of(Verb.WATCH), "", "secrets", null, null, "/api/v1/secrets"));
    assertThat(of("GET", "/api/v1/namespaces/store/secrets").verb()).contains(Verb.LIST);
    assertThat(of("GET", "/api/v1/namespaces/store/secrets").namespace()).isEqualTo("store");
  }

  @Test
  @DisplayName("When one object or its status is addressed, then the method gives the verb and the path the "
      + "resource, subresource, namespace and name")
  void objects() {
    assertThat(of("PUT", "/apis/edge.lifecycle.dev/v1alpha1/namespaces/store/edgehosts/h-1/status"))
        .isEqualTo(new RequestAttributes(Optional.of(Verb.UPDATE), "edge.lifecycle.dev", "edgehosts/status",
            "store", "h-1", "/apis/edge.lifecycle.dev/v1alpha1/namespaces/store/edgehosts/h-1/status"));
    assertThat(of("GET", "/api/v1/namespaces/store/secrets/tok").verb()).contains(Verb.GET);
    assertThat(of("POST", "/api/v1/namespaces/store/events").verb()).contains(Verb.CREATE);
    assertThat(of("PATCH", "/apis/coordination.k8s.io/v1/namespaces/ops/leases/lock").describe())
        .isEqualTo("patch coordination.k8s.io/leases");
    assertThat(of("DELETE", "/api/v1/namespaces/store/secrets/tok").verb()).contains(Verb.DELETE);
    assertThat(of("DELETE", "/api/v1/namespaces/store/secrets").verb()).contains(Verb.DELETECOLLECTION);
  }

  @Test
  @DisplayName("When a namespace itself is addressed, then its resource is namespaces, cluster-wide")
  void namespaces() {
    RequestAttributes attributes = of("GET", "/api/v1/namespaces/store");
    assertThat(attributes.resource()).isEqualTo("namespaces");
    assertThat(attributes.name()).isEqualTo("store");
    assertThat(attributes.namespace()).isNull();
  }

  @Test
  @DisplayName("When discovery or /version is called, then it is a non-resource request")
  void nonResource() {
    assertThat(of("GET", "/version").isResourceRequest()).isFalse();
    assertThat(of("GET", "/apis").isResourceRequest()).isFalse();
    assertThat(of("GET", "/apis/edge.lifecycle.dev/v1alpha1").isResourceRequest()).isFalse();
    assertThat(of("GET", "/api/v1").isResourceRequest()).isFalse();
  }
}
