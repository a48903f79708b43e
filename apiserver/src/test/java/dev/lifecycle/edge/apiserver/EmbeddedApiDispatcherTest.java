package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EmbeddedApiDispatcherTest {

  private static final String HOSTS = "/apis/edge.lifecycle.dev/v1alpha1/namespaces/ns/edgehosts";
  private static final String HOST = "{\"apiVersion\":\"edge.lifecycle.dev/v1alpha1\",\"kind\":\"EdgeHost\","
      + "\"metadata\":{\"name\":\"h1\"},\"spec\":{\"machineId\":\"m\"}}";

  private final EmbeddedApiDispatcher dispatcher = new EmbeddedApiDispatcher();

  private MockResponse send(HttpMethod method, String path, String contentType, String body) {
    Headers headers = contentType == null ? Headers.builder().build()
        : Headers.builder().add("Content-Type", contentType).build();
    Buffer buffer = body == null ? null : new Buffer(body.getBytes(StandardCharsets.UTF_8));
    return dispatcher.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers, buffer));
  }

  private static String body(MockResponse response) {
    return new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("When the path carries a query string or a trailing slash, then only the path is kept")
  void pathOf() {
    assertThat(EmbeddedApiDispatcher.pathOf(HOSTS + "/h1/status?fieldManager=x")).isEqualTo(HOSTS + "/h1/status");
    assertThat(EmbeddedApiDispatcher.pathOf("/apis/")).isEqualTo("/apis");
    assertThat(EmbeddedApiDispatcher.pathOf("/")).isEqualTo("/");
  }

  @Test
  @DisplayName("When a create carries dryRun, then it is refused and nothing is stored")
  void dryRunRefused() {
    MockResponse response = send(HttpMethod.POST, HOSTS + "?dryRun=All", "application/json", HOST);

    assertThat(response.code()).isEqualTo(400);
    assertThat(body(response)).contains(EmbeddedApiDispatcher.DRY_RUN_NOT_SUPPORTED);
    assertThat(send(HttpMethod.GET, HOSTS + "/h1", null, null).code()).isEqualTo(404);
  }

  @Test
  @DisplayName("When an object is created and patched, then the answers are 201 and 200, in JSON")
  void createThenPatch() {
    assertThat(send(HttpMethod.POST, HOSTS + "?fieldManager=x", "application/json", HOST).code()).isEqualTo(201);

    MockResponse patched = send(HttpMethod.PATCH, HOSTS + "/h1?fieldManager=x", "application/merge-patch+json",
        "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");

    assertThat(patched.code()).isEqualTo(200);
    assertThat(patched.header("Content-Type")).isEqualTo("application/json");
    assertThat(body(patched)).contains("\"a\":\"b\"");
  }

  @Test
  @DisplayName("When a path outside /api and /apis is asked for, then the answer is 404, not every object")
  void unknownPath() {
    send(HttpMethod.POST, HOSTS, "application/json", HOST);

    MockResponse response = send(HttpMethod.GET, "/openapi/v2?timeout=32s", null, null);

    assertThat(response.code()).isEqualTo(404);
    assertThat(body(response)).contains("\"kind\":\"Status\"").doesNotContain("EdgeHost");
  }
}
