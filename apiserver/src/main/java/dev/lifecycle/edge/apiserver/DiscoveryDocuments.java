package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.RootPaths;
import io.fabric8.kubernetes.api.model.RootPathsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesVersionPriority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The discovery documents of the embedded API ({@code /version}, {@code /api}, {@code /api/v1},
 * {@code /apis}, {@code /apis/<group>}, {@code /apis/<group>/<version>}), in the shapes kubectl and
 * the fabric8 client read, built from the built-in resources and the CustomResourceDefinitions
 * installed at the time of the request.
 */
final class DiscoveryDocuments {

  static final String MAJOR = "1";
  static final String MINOR = "31";
  static final String GIT_VERSION = "v1.31.0";

  private static final String SCALE = "scale";

  private final Map<String, Map<String, List<APIResource>>> groups;

  private DiscoveryDocuments(Map<String, Map<String, List<APIResource>>> groups) {
    this.groups = groups;
  }

  /** The documents for the built-in resources plus the served versions of the given CRDs. */
  static DiscoveryDocuments of(List<CustomResourceDefinition> crds) {
    Map<String, Map<String, List<APIResource>>> groups = new LinkedHashMap<>();
    BuiltInApis.groups().forEach((groupVersion, resources) -> {
      String[] parts = groupVersion.split("/", 2);
      groups.computeIfAbsent(parts[0], g -> new LinkedHashMap<>()).put(parts[1], new ArrayList<>(resources));
    });
    Map<String, Map<String, List<APIResource>>> custom = new TreeMap<>();
    for (CustomResourceDefinition crd : crds) {
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        if (Boolean.FALSE.equals(version.getServed())) {
          continue;
        }
        custom.computeIfAbsent(crd.getSpec().getGroup(), g -> new LinkedHashMap<>())
            .computeIfAbsent(version.getName(), v -> new ArrayList<>())
            .addAll(resourcesOf(crd, version));
      }
    }
    custom.forEach((group, versions) -> versions.forEach((version, resources) ->
        groups.computeIfAbsent(group, g -> new LinkedHashMap<>())
            .computeIfAbsent(version, v -> new ArrayList<>())
            .addAll(resources)));
    Map<String, Map<String, List<APIResource>>> ordered = new LinkedHashMap<>();
    groups.forEach((group, versions) -> ordered.put(group, byPriority(versions)));
    return new DiscoveryDocuments(ordered);
  }

  /** A group's versions in the order Kubernetes lists them, most preferred first (GA, beta, alpha, others). */
  private static Map<String, List<APIResource>> byPriority(Map<String, List<APIResource>> versions) {
    Map<String, List<APIResource>> ordered = new LinkedHashMap<>();
    KubernetesVersionPriority.sortByPriority(List.copyOf(versions.keySet()), version -> version)
        .forEach(version -> ordered.put(version, versions.get(version)));
    return ordered;
  }

  /** {@code /version}: the version of Kubernetes this API claims to be. */
  static Map<String, String> version() {
    Map<String, String> version = new LinkedHashMap<>();
    version.put("major", MAJOR);
    version.put("minor", MINOR);
    version.put("gitVersion", GIT_VERSION);
    version.put("gitCommit", "9edcffcde5595e8a5b1a35f88c421764e575afce");
    version.put("gitTreeState", "clean");
    version.put("buildDate", "2024-08-13T07:28:49Z");
    version.put("goVersion", "go1.22.5");
    version.put("compiler", "gc");
    version.put("platform", "linux/amd64");
    return version;
  }

  /** {@code /}: every path this API serves discovery on. */
  RootPaths rootPaths() {
    List<String> paths = new ArrayList<>(List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v3",
        "/readyz", "/version"));
    groups.forEach((group, versions) -> {
      paths.add("/apis/" + group);
      versions.keySet().forEach(version -> paths.add("/apis/" + group + "/" + version));
    });
    return new RootPathsBuilder().withPaths(paths).build();
  }

  /** {@code /api}: the core API versions. */
  static APIVersions coreVersions() {
    return new APIVersionsBuilder().withVersions("v1").build();
  }

  /** {@code /api/v1}: the core resources. */
  static APIResourceList coreResources() {
    return new APIResourceListBuilder().withGroupVersion("v1").withResources(BuiltInApis.coreV1()).build();
  }

  /** {@code /apis}: every group, built-in and from CRDs, with its versions. */
  APIGroupList groupList() {
    List<APIGroup> list = new ArrayList<>();
    groups.keySet().forEach(group -> list.add(group(group).orElseThrow()));
    return new APIGroupListBuilder().withGroups(list).build();
  }

  /** {@code /apis/<group>}, or empty when no such group is served. */
  Optional<APIGroup> group(String group) {
    Map<String, List<APIResource>> versions = groups.get(group);
    if (versions == null || versions.isEmpty()) {
      return Optional.empty();
    }
    List<GroupVersionForDiscovery> served = new ArrayList<>();
    versions.keySet().forEach(version -> served.add(new GroupVersionForDiscovery(group + "/" + version, version)));
    return Optional.of(new APIGroupBuilder()
        .withName(group)
        .withVersions(served)
        .withPreferredVersion(served.get(0))
        .build());
  }

  /** {@code /apis/<group>/<version>}, or empty when that version of the group is not served. */
  Optional<APIResourceList> resources(String group, String version) {
    return Optional.ofNullable(groups.get(group))
        .map(versions -> versions.get(version))
        .map(resources -> new APIResourceListBuilder()
            .withGroupVersion(group + "/" + version)
            .withResources(resources)
            .build());
  }

  private static List<APIResource> resourcesOf(CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
    CustomResourceDefinitionNames names = crd.getSpec().getNames();
    boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
    String singular = names.getSingular() == null ? names.getKind().toLowerCase(Locale.ROOT)
        : names.getSingular();
    List<APIResource> resources = new ArrayList<>();
    resources.add(BuiltInApis.resource(names.getPlural(), singular, names.getKind(), namespaced,
        listOrEmpty(names.getShortNames()), listOrEmpty(names.getCategories())));
    if (version.getSubresources() != null && version.getSubresources().getStatus() != null) {
      resources.add(BuiltInApis.subresource(names.getPlural() + "/status", names.getKind(), namespaced));
    }
    if (version.getSubresources() != null && version.getSubresources().getScale() != null) {
      resources.add(new APIResourceBuilder(BuiltInApis.subresource(names.getPlural() + "/" + SCALE, "Scale",
          namespaced)).withGroup("autoscaling").withVersion("v1").build());
    }
    return resources;
  }

  private static List<String> listOrEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
