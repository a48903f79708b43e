package dev.lifecycle.edge.apiserver;

import dev.lifecycle.edge.validation.FieldError;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.stream.Collectors;

/** The API server's answers to an object it will not store, with its words. */
final class InvalidObjects {

  static final int UNPROCESSABLE_ENTITY = 422;

  private InvalidObjects() {
  }

  /**
   * 422 Invalid: {@code EdgeCluster.edge.lifecycle.dev "x" is invalid: spec.workers.count: Invalid value: -1: ...},
   * with one cause per error (reason such as FieldValueInvalid, field, message).
   */
  static MockResponse invalid(String kind, String group, String name, List<FieldError> errors) {
    return new MockResponse().setResponseCode(UNPROCESSABLE_ENTITY).setHeader(Responses.CONTENT_TYPE, Responses.JSON)
        .setBody(Serialization.asJson(new StatusBuilder()
            .withStatus("Failure")
            .withCode(UNPROCESSABLE_ENTITY)
            .withReason("Invalid")
            .withMessage(FieldError.invalidMessage(kind, group, name, errors))
            .withNewDetails()
            .withName(name)
            .withGroup(group)
            .withKind(kind)
            .withCauses(errors.stream().map(e -> new StatusCauseBuilder()
                .withReason(e.type().reason())
                .withField(e.fieldText())
                .withMessage(e.body())
                .build()).toList())
            .endDetails()
            .build()));
  }

  /**
   * 400 BadRequest, as a Strict field validation answers unknown fields:
   * {@code EdgeCluster in version "v1alpha1" cannot be handled as a EdgeCluster: strict decoding error: unknown
   * field "spec.wokers"}.
   */
  static MockResponse unknownFields(String kind, String version, List<String> fields) {
    String message = kind + " in version \"" + version + "\" cannot be handled as a " + kind + ": strict decoding "
        + "error: " + fields.stream().map(f -> "unknown field \"" + f + "\"").collect(Collectors.joining(", "));
    return Responses.status(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", message);
  }

  /** The Warning header the API server sends for a field it dropped: {@code 299 - "unknown field \"spec.x\""}. */
  static String warning(String field) {
    String text = "unknown field \"" + field + "\"";
    return "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
