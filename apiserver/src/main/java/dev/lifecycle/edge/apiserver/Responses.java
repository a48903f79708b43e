package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;

/** The responses the embedded API builds itself: JSON documents and Kubernetes {@code Status} failures. */
final class Responses {

  static final String CONTENT_TYPE = "Content-Type";
  static final String JSON = "application/json";

  private Responses() {
  }

  static MockResponse json(Object document) {
    return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setHeader(CONTENT_TYPE, JSON)
        .setBody(Serialization.asJson(document));
  }

  static MockResponse text(String body) {
    return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setHeader(CONTENT_TYPE, "text/plain")
        .setBody(body);
  }

  static MockResponse notFound() {
    return status(HttpURLConnection.HTTP_NOT_FOUND, "NotFound", "the server could not find the requested resource");
  }

  static MockResponse status(int code, String reason, String message) {
    return new MockResponse().setResponseCode(code).setHeader(CONTENT_TYPE, JSON).setBody(Serialization.asJson(
        new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build()));
  }
}
