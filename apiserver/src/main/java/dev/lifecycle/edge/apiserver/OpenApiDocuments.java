package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OpenAPI v3 documents a real API server publishes for CustomResourceDefinitions, built from the
 * installed CRDs' {@code openAPIV3Schema}, so that {@code kubectl explain edgecluster.spec} works
 * against the embedded API: {@code /openapi/v3} lists one path per served group-version, and each
 * path's document holds one schema per kind, named and tagged with its group, version and kind, and
 * each resource's paths whose operations name that kind, as kubectl looks them up. Every write
 * operation declares the {@code fieldValidation} query parameter, as a real API server does, so that
 * {@code kubectl create} and {@code apply} work; the embedded API accepts it and, like the fabric8
 * mock it is built on, validates nothing against the schema. Only the custom resources are described: the built-in kinds have no schema here.
 */
final class OpenApiDocuments {

  static final String ROOT = "/openapi/v3";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Schemas by group-version path ({@code apis/edge.lifecycle.dev/v1alpha1}), then by schema name. */
  private final Map<String, Map<String, JsonNode>> schemas;
  /** The resources' paths by group-version path, then by resource path; each names its kind. */
  private final Map<String, Map<String, JsonNode>> paths;

  private OpenApiDocuments(Map<String, Map<String, JsonNode>> schemas, Map<String, Map<String, JsonNode>> paths) {
    this.schemas = schemas;
    this.paths = paths;
  }

  static OpenApiDocuments of(List<CustomResourceDefinition> crds) {
    Map<String, Map<String, JsonNode>> schemas = new TreeMap<>();
    Map<String, Map<String, JsonNode>> paths = new TreeMap<>();
    for (CustomResourceDefinition crd : crds) {
      String group = crd.getSpec().getGroup();
      String kind = crd.getSpec().getNames().getKind();
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        if (!Boolean.TRUE.equals(version.getServed()) || version.getSchema() == null
            || version.getSchema().getOpenAPIV3Schema() == null) {
          continue;
        }
        ObjectNode schema = (ObjectNode) Serialization.jsonMapper()
            .valueToTree(version.getSchema().getOpenAPIV3Schema());
        ObjectNode gvk = JSON.objectNode().put("group", group).put("kind", kind).put("version", version.getName());
        schema.set("x-kubernetes-group-version-kind", JSON.arrayNode().add(gvk));
        String groupVersion = "apis/" + group + "/" + version.getName();
        schemas.computeIfAbsent(groupVersion, path -> new TreeMap<>())
            .put(schemaName(group, version.getName(), kind), schema);
        // kubectl explain finds a resource's kind through its paths' operations; kubectl create and apply look
        // for the fieldValidation parameter of its PATCH (without it, they demand an OpenAPI v2 document).
        String collection = "/" + groupVersion + ("Namespaced".equals(crd.getSpec().getScope())
            ? "/namespaces/{namespace}/" : "/") + crd.getSpec().getNames().getPlural();
        Map<String, JsonNode> resourcePaths = paths.computeIfAbsent(groupVersion, path -> new TreeMap<>());
        resourcePaths.put(collection, operations(gvk, "get", "post"));
        resourcePaths.put(collection + "/{name}", operations(gvk, "get", "put", "patch", "delete"));
      }
    }
    return new OpenApiDocuments(schemas, paths);
  }

  /** The operations of one path, each naming the kind and taking a fieldValidation query parameter. */
  private static ObjectNode operations(ObjectNode gvk, String... methods) {
    ObjectNode path = JSON.objectNode();
    for (String method : methods) {
      ObjectNode operation = path.putObject(method);
      operation.set("x-kubernetes-group-version-kind", gvk.deepCopy());
      operation.putArray("parameters").addObject().put("name", "fieldValidation").put("in", "query")
          .put("description", "Accepted; the embedded API does not validate against the schema.")
          .putObject("schema").put("type", "string");
    }
    return path;
  }

  /**
   * The answer for a GET of a path under {@value #ROOT} (without its query), or empty when there is none:
   * the index of group-versions, or one group-version's document.
   */
  Optional<JsonNode> answer(String path) {
    if (path.equals(ROOT)) {
      return Optional.of(index());
    }
    String groupVersion = path.startsWith(ROOT + "/") ? path.substring(ROOT.length() + 1) : "";
    return Optional.ofNullable(schemas.get(groupVersion)).map(kinds -> document(paths.get(groupVersion), kinds));
  }

  /** {@code {"paths": {"apis/g/v": {"serverRelativeURL": "/openapi/v3/apis/g/v?hash=..."}}}}. */
  private JsonNode index() {
    ObjectNode paths = JSON.objectNode();
    schemas.forEach((groupVersion, kinds) -> paths.set(groupVersion, JSON.objectNode()
        .put("serverRelativeURL", ROOT + "/" + groupVersion + "?hash="
            + hash(document(this.paths.get(groupVersion), kinds)))));
    return JSON.objectNode().set("paths", paths);
  }

  private static JsonNode document(Map<String, JsonNode> resourcePaths, Map<String, JsonNode> kinds) {
    ObjectNode document = JSON.objectNode().put("openapi", "3.0.0");
    document.set("info", JSON.objectNode().put("title", "Kubernetes").put("version", DiscoveryDocuments.GIT_VERSION));
    document.set("paths", JSON.objectNode().setAll(resourcePaths));
    ObjectNode components = JSON.objectNode();
    components.set("schemas", JSON.objectNode().setAll(kinds));
    document.set("components", components);
    return document;
  }

  /** As the API server names a CRD's schema: the group reversed, the version, the kind. */
  static String schemaName(String group, String version, String kind) {
    List<String> labels = new ArrayList<>(List.of(group.split("\\.")));
    Collections.reverse(labels);
    return String.join(".", labels) + "." + version + "." + kind;
  }

  private static String hash(JsonNode document) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-512");
      byte[] bytes = digest.digest(document.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(bytes, 0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is part of every JDK", e);
    }
  }
}
