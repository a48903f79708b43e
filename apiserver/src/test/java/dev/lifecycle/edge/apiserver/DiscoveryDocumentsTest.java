package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DiscoveryDocumentsTest {

  private final DiscoveryDocuments documents = DiscoveryDocuments.of(CrdInstaller.load());

  @Test
  @DisplayName("When the project's CRDs are installed, then their group is listed after the built-in groups")
  void groupList() {
    assertThat(documents.groupList().getGroups()).extracting(g -> g.getName()).containsExactly(
        "apiextensions.k8s.io", "authorization.k8s.io", "coordination.k8s.io", "events.k8s.io",
        "edge.lifecycle.dev");
    assertThat(documents.group("edge.lifecycle.dev").orElseThrow().getPreferredVersion().getGroupVersion())
        .isEqualTo("edge.lifecycle.dev/v1alpha1");
    assertThat(documents.group("nope.example")).isEmpty();
  }

  @Test
  @DisplayName("When a kind is listed, then it carries kubectl's names: plural, singular, short name, category")
  void resourceNames() {
    APIResourceList list = documents.resources("edge.lifecycle.dev", "v1alpha1").orElseThrow();

    APIResource hosts = list.getResources().stream().filter(r -> r.getName().equals("edgehosts")).findFirst()
        .orElseThrow();
    assertThat(hosts.getKind()).isEqualTo("EdgeHost");
    assertThat(hosts.getSingularName()).isEqualTo("edgehost");
    assertThat(hosts.getShortNames()).containsExactly("eh");
    assertThat(hosts.getCategories()).containsExactly("edge");
    assertThat(hosts.getNamespaced()).isTrue();
    assertThat(hosts.getVerbs()).containsExactlyElementsOf(BuiltInApis.RESOURCE_VERBS);

    APIResource status = list.getResources().stream().filter(r -> r.getName().equals("edgehosts/status"))
        .findFirst().orElseThrow();
    assertThat(status.getKind()).isEqualTo("EdgeHost");
    assertThat(status.getVerbs()).containsExactly("get", "patch", "update");
    List<String> names = new ArrayList<>();
    list.getResources().forEach(r -> names.add(r.getName()));
    assertThat(names.indexOf("edgehosts")).isLessThan(names.indexOf("edgehosts/status"));
  }

  @Test
  @DisplayName("When the core API is listed, then namespaces are cluster-scoped and pods are in category all")
  void coreResources() {
    List<APIResource> core = DiscoveryDocuments.coreResources().getResources();

    assertThat(core).filteredOn(r -> r.getName().equals("namespaces")).singleElement()
        .satisfies(r -> {
          assertThat(r.getNamespaced()).isFalse();
          assertThat(r.getShortNames()).containsExactly("ns");
        });
    assertThat(core).filteredOn(r -> r.getName().equals("pods")).singleElement()
        .satisfies(r -> assertThat(r.getCategories()).containsExactly("all"));
    assertThat(core).extracting(APIResource::getName).contains("secrets", "configmaps", "events", "services",
        "serviceaccounts");
  }

  @Test
  @DisplayName("When a group serves several versions, then they are ordered GA, beta, alpha, highest first")
  void versionOrder() {
    List<String> served = List.of("v1alpha1", "v1", "v2beta1", "v1beta2", "v2", "foo", "v1beta1");
    CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("widgets.versions.example").endMetadata()
        .withNewSpec().withGroup("versions.example").withScope("Namespaced")
        .withNewNames().withKind("Widget").withPlural("widgets").endNames()
        .withVersions(served.stream().map(name -> new CustomResourceDefinitionVersionBuilder().withName(name)
            .withServed(true).build()).toList())
        .endSpec()
        .build();

    APIGroup group = DiscoveryDocuments.of(List.of(crd)).group("versions.example").orElseThrow();

    assertThat(group.getVersions()).extracting(GroupVersionForDiscovery::getVersion)
        .containsExactly("v2", "v1", "v2beta1", "v1beta2", "v1beta1", "v1alpha1", "foo");
    assertThat(group.getPreferredVersion().getVersion()).isEqualTo("v2");
  }
}
