package dev.lifecycle.edge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.apiserver.ApiRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestCountsTest {

  @Test
  void theOperatorsRequestsAreCountedByVerbAndResourceAndTheBenchmarksLeftOut() {
    ApiRequestCounts counts = new ApiRequestCounts();
    counts.count(new ApiRequest("PUT", "/apis/edge.lifecycle.dev/v1alpha1/namespaces/a/edgehosts/h1/status",
        "fabric8-kubernetes-client/7"));
    counts.count(new ApiRequest("PUT", "/apis/edge.lifecycle.dev/v1alpha1/namespaces/b/edgehosts/h2/status", null));
    counts.count(new ApiRequest("POST", "/api/v1/namespaces/a/events", "fabric8"));
    counts.count(new ApiRequest("GET", "/apis/edge.lifecycle.dev/v1alpha1/edgehosts?watch=true&resourceVersion=1",
        "fabric8"));
    counts.count(new ApiRequest("GET", "/apis/edge.lifecycle.dev/v1alpha1/namespaces/a/edgehosts",
        ApiRequestCounts.BENCHMARK_AGENT + "/1"));
    Map<String, Long> operator = counts.operator();
    assertThat(operator).containsExactlyInAnyOrderEntriesOf(Map.of("PUT edgehosts/status", 2L, "POST events", 1L,
        "GET edgehosts (watch)", 1L));
    assertThat(ApiRequestCounts.writes(operator)).isEqualTo(3);
  }
}
