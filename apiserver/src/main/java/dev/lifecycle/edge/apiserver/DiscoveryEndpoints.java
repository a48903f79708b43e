package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers the GET requests that are not about stored objects: {@code /version}, health, the root
 * paths, discovery under {@code /api} and {@code /apis}, and the custom resources' OpenAPI v3 schemas
 * under {@code /openapi/v3} (for {@code kubectl explain}). Any other path outside {@code /api}
 * and {@code /apis} gets a 404 (the CRUD store would answer it with a list of every object).
 */
final class DiscoveryEndpoints {

  private final Supplier<List<CustomResourceDefinition>> installedCrds;

  DiscoveryEndpoints(Supplier<List<CustomResourceDefinition>> installedCrds) {
    this.installedCrds = installedCrds;
  }

  /** The answer for a GET of the path (without query), or empty when the CRUD store should answer. */
  Optional<MockResponse> answer(String path) {
    if (path.equals("/api") || path.startsWith("/api/")) {
      return core(path.substring(1).split("/"));
    }
    if (path.equals("/apis") || path.startsWith("/apis/")) {
      return groups(path.substring(1).split("/"));
    }
    if (path.equals(OpenApiDocuments.ROOT) || path.startsWith(OpenApiDocuments.ROOT + "/")) {
      return Optional.of(OpenApiDocuments.of(installedCrds.get()).answer(path).map(Responses::json)
          .orElseGet(Responses::notFound));
    }
    switch (path) {
      case "/version":
        return Optional.of(Responses.json(DiscoveryDocuments.version()));
      case "/":
        return Optional.of(Responses.json(documents().rootPaths()));
      case "/healthz":
      case "/livez":
      case "/readyz":
        return Optional.of(Responses.text("ok"));
      default:
        return Optional.of(Responses.notFound());
    }
  }

  private static Optional<MockResponse> core(String[] segments) {
    if (segments.length == 1) {
      return Optional.of(Responses.json(DiscoveryDocuments.coreVersions()));
    }
    if (segments.length > 2) {
      return Optional.empty();
    }
    return Optional.of(segments[1].equals("v1") ? Responses.json(DiscoveryDocuments.coreResources())
        : Responses.notFound());
  }

  private Optional<MockResponse> groups(String[] segments) {
    switch (segments.length) {
      case 1:
        return Optional.of(Responses.json(documents().groupList()));
      case 2:
        return Optional.of(documents().group(segments[1]).map(Responses::json).orElseGet(Responses::notFound));
      case 3:
        return Optional.of(documents().resources(segments[1], segments[2]).map(Responses::json)
            .orElseGet(Responses::notFound));
      default:
        return Optional.empty();
    }
  }

  private DiscoveryDocuments documents() {
    return DiscoveryDocuments.of(installedCrds.get());
  }
}
