package dev.lifecycle.edge.operator.rbac;

import dev.lifecycle.edge.apiserver.ApiRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the Kubernetes authorizer sees in a request: the verb, the API group, the resource (with
 * {@code /subresource}), the namespace and the object's name, read from the HTTP method and path the
 * way the API server's request-info resolver reads them. A path outside {@code /api} and
 * {@code /apis/<group>/<version>} (discovery, {@code /version}) is a non-resource request.
 *
 * @param verb the verb; empty for a non-resource request
 * @param group the API group, {@code ""} for the core group
 * @param resource the plural resource, with {@code /subresource} when it is one
 * @param namespace the namespace, or null for a cluster-wide request
 * @param name the object's name, or null for a collection
 * @param path the path, without the query string
 */
record RequestAttributes(Optional<Verb> verb, String group, String resource, String namespace, String name,
    String path) {

  static RequestAttributes of(ApiRequest request) {
    String target = request.target();
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? "" : target.substring(question + 1);
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    int start;
    String group;
    if (segments.size() >= 3 && segments.get(0).equals("api")) {
      group = "";
      start = 2;
    } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      start = 3;
    } else {
      return new RequestAttributes(Optional.empty(), "", "", null, null, path);
    }
    List<String> rest = segments.subList(start, segments.size());
    String namespace = null;
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0);
    String name = rest.size() > 1 ? rest.get(1) : null;
    if (rest.size() > 2) {
      resource = resource + "/" + rest.get(2);
    }
    return new RequestAttributes(Optional.of(verb(request.method(), name != null, query)), group, resource, namespace,
        name, path);
  }

  private static Verb verb(String method, boolean named, String query) {
    return switch (method) {
      case "GET", "HEAD" -> named ? Verb.GET : watching(query) ? Verb.WATCH : Verb.LIST;
      case "POST" -> Verb.CREATE;
      case "PUT" -> Verb.UPDATE;
      case "PATCH" -> Verb.PATCH;
      case "DELETE" -> named ? Verb.DELETE : Verb.DELETECOLLECTION;
      default -> throw new IllegalArgumentException("an HTTP method the API server does not serve: " + method);
    };
  }

  private static boolean watching(String query) {
    return Arrays.stream(query.split("&")).anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
  }

  boolean isResourceRequest() {
    return verb.isPresent();
  }

  /** Such as {@code update edge.lifecycle.dev/edgehosts/status}. */
  String describe() {
    return verb.map(v -> v.rbacName() + " " + (group.isEmpty() ? "" : group + "/") + resource)
        .orElse("non-resource " + path);
  }
}
