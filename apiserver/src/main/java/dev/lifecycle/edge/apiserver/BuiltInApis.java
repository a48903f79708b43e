package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in Kubernetes resources the embedded API announces in discovery, as a real API server
 * of the same version describes them: the core ({@code v1}) resources the project uses, and the
 * groups of CustomResourceDefinitions, access reviews, Leases and Events.
 */
final class BuiltInApis {

  /** Verbs of an ordinary resource. */
  static final List<String> RESOURCE_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  /** Verbs of a {@code status} (or {@code scale}) subresource. */
  static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  private static final List<String> NAMESPACE_VERBS = List.of("create", "delete", "get", "list", "patch", "update",
      "watch");

  private BuiltInApis() {
  }

  /** The core resources, served under {@code /api/v1}. */
  static List<APIResource> coreV1() {
    return List.of(
        resource("configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of()),
        resource("events", "event", "Event", true, List.of("ev"), List.of()),
        new APIResourceBuilder(resource("namespaces", "namespace", "Namespace", false, List.of("ns"), List.of()))
            .withVerbs(NAMESPACE_VERBS).build(),
        subresource("namespaces/status", "Namespace", false),
        resource("pods", "pod", "Pod", true, List.of("po"), List.of("all")),
        subresource("pods/status", "Pod", true),
        resource("secrets", "secret", "Secret", true, List.of(), List.of()),
        resource("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), List.of()),
        resource("services", "service", "Service", true, List.of("svc"), List.of("all")),
        subresource("services/status", "Service", true));
  }

  /** The built-in groups by group/version ({@code apiextensions.k8s.io/v1}), each with its resources. */
  static Map<String, List<APIResource>> groups() {
    Map<String, List<APIResource>> groups = new LinkedHashMap<>();
    groups.put("apiextensions.k8s.io/v1", List.of(
        resource("customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false,
            List.of("crd", "crds"), List.of("api-extensions")),
        subresource("customresourcedefinitions/status", "CustomResourceDefinition", false)));
    groups.put(AccessReviews.GROUP_VERSION, List.of(
        review("selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview"),
        review("selfsubjectrulesreviews", "selfsubjectrulesreview", "SelfSubjectRulesReview")));
    groups.put("coordination.k8s.io/v1", List.of(
        resource("leases", "lease", "Lease", true, List.of(), List.of())));
    groups.put("events.k8s.io/v1", List.of(
        resource("events", "event", "Event", true, List.of("ev"), List.of())));
    return groups;
  }

  static APIResource resource(String plural, String singular, String kind, boolean namespaced,
      List<String> shortNames, List<String> categories) {
    APIResourceBuilder builder = new APIResourceBuilder()
        .withName(plural)
        .withSingularName(singular)
        .withNamespaced(namespaced)
        .withKind(kind)
        .withVerbs(RESOURCE_VERBS);
    if (!shortNames.isEmpty()) {
      builder.withShortNames(shortNames);
    }
    if (!categories.isEmpty()) {
      builder.withCategories(categories);
    }
    return builder.build();
  }

  /** A review: created and answered, never stored (so {@code create} is its only verb). */
  static APIResource review(String plural, String singular, String kind) {
    return new APIResourceBuilder()
        .withName(plural)
        .withSingularName(singular)
        .withNamespaced(false)
        .withKind(kind)
        .withVerbs(List.of("create"))
        .build();
  }

  static APIResource subresource(String name, String kind, boolean namespaced) {
    return new APIResourceBuilder()
        .withName(name)
        .withSingularName("")
        .withNamespaced(namespaced)
        .withKind(kind)
        .withVerbs(SUBRESOURCE_VERBS)
        .build();
  }
}
