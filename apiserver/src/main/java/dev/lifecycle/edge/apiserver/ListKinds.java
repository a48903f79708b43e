package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Names a core list by its kind, as the API server does ({@code EventList}, {@code SecretList}): the
 * store answers every list as {@code List}, which kubectl's typed clients cannot decode into the list
 * they asked for ({@code kubectl events} then shows no Event).
 */
final class ListKinds {

  private static final Pattern CORE_LIST = Pattern.compile("/api/v1(?:/namespaces/[^/]+)?/([a-z]+)");
  private static final Map<String, String> KINDS = BuiltInApis.coreV1().stream()
      .filter(resource -> !resource.getName().contains("/"))
      .collect(Collectors.toMap(APIResource::getName, APIResource::getKind));
  /** How the store's list answers begin; other answers are not parsed. */
  private static final String STORE_LIST = "{\"apiVersion\":\"v1\",\"kind\":\"List\"";

  private ListKinds() {
  }

  /** The answer to a GET of {@code path}, its kind {@code <Kind>List} when it is a core list. */
  static MockResponse named(String path, MockResponse answer) {
    Optional<String> kind = coreKind(path);
    if (kind.isEmpty() || answer.code() != HttpURLConnection.HTTP_OK || answer.getBody() == null) {
      return answer;
    }
    String body = new String(answer.getBody().getBytes(), StandardCharsets.UTF_8);
    if (!body.startsWith(STORE_LIST)) {
      return answer;
    }
    ObjectNode list = (ObjectNode) Serialization.unmarshal(body, JsonNode.class);
    list.put("kind", kind.get() + "List");
    return Responses.json(list);
  }

  /** The kind of the core resources a list path names ({@code /api/v1/namespaces/ns/events}: Event). */
  static Optional<String> coreKind(String path) {
    Matcher matcher = CORE_LIST.matcher(path);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.ofNullable(KINDS.get(matcher.group(1)));
  }
}
