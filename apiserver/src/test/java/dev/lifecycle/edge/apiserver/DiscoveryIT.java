package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiscoveryIT {

  private static final String GROUP = "edge.lifecycle.dev";
  private static final String NS = "discovery";
  private static final Map<String, String> SHORT_NAMES = Map.of(
      "ClusterProfile", "cprof", "RegistrationToken", "rtok", "EdgeHost", "eh", "EdgeCluster", "ec",
      "ImageRegistry", "ireg");

  @RegisterExtension
  static final EmbeddedApiPerClass api = EmbeddedApiPerClass.withNamespace(NS);

  @BeforeAll
  static void start() {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName("h1").build());
    host.setSpec(new EdgeHostSpec("m-1"));
    api.client().resource(host).inNamespace(NS).create();
  }

  @Test
  @DisplayName("When kubectl asks for /version, then it gets a Kubernetes 1.31 version")
  void version() {
    JsonNode version = api.http().getJson("/version");
    assertThat(version.path("major").asText()).isEqualTo("1");
    assertThat(version.path("minor").asText()).isEqualTo("31");
    assertThat(version.path("gitVersion").asText()).isEqualTo("v1.31.0");

    VersionInfo info = api.client().getKubernetesVersion();
    assertThat(info.getMajor()).isEqualTo("1");
    assertThat(info.getGitVersion()).isEqualTo("v1.31.0");
  }

  @Test
  @DisplayName("When kubectl walks discovery from /apis, then it finds every kind with plural, short name, "
      + "category, scope and status subresource, and lists each by its plural")
  void kubectlDiscovery() {
    JsonNode groups = api.http().getJson("/apis");
    assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
    JsonNode edge = StreamSupport.stream(groups.path("groups").spliterator(), false)
        .filter(g -> g.path("name").asText().equals(GROUP)).findFirst().orElseThrow();
    assertThat(edge.path("preferredVersion").path("groupVersion").asText()).isEqualTo(GROUP + "/v1alpha1");
    assertThat(api.http().getJson("/apis/" + GROUP).path("name").asText()).isEqualTo(GROUP);

    String groupVersion = edge.path("preferredVersion").path("groupVersion").asText();
    JsonNode list = api.http().getJson("/apis/" + groupVersion + "?timeout=32s");
    assertThat(list.path("kind").asText()).isEqualTo("APIResourceList");
    assertThat(list.path("groupVersion").asText()).isEqualTo(groupVersion);
    List<String> names = new ArrayList<>();
    list.path("resources").forEach(r -> names.add(r.path("name").asText()));

    SHORT_NAMES.forEach((kind, shortName) -> {
      JsonNode resource = StreamSupport.stream(list.path("resources").spliterator(), false)
          .filter(r -> r.path("kind").asText().equals(kind) && !r.path("name").asText().contains("/"))
          .findFirst().orElseThrow();
      String plural = resource.path("name").asText();
      assertThat(plural).as(kind).isEqualTo(kind.equals("ImageRegistry") ? "imageregistries" : kind.toLowerCase() + "s");
      assertThat(resource.path("singularName").asText()).isEqualTo(kind.toLowerCase());
      assertThat(resource.path("namespaced").asBoolean()).as(kind).isTrue();
      assertThat(resource.path("shortNames")).extracting(JsonNode::asText).containsExactly(shortName);
      assertThat(resource.path("categories")).extracting(JsonNode::asText).containsExactly("edge");
      assertThat(resource.path("verbs")).extracting(JsonNode::asText).contains("get", "list", "watch", "create",
          "update", "patch", "delete");
      assertThat(names).as(kind).contains(plural + "/status");

      HttpResponse<String> listed = api.http().get("/apis/" + groupVersion + "/namespaces/" + NS + "/" + plural);
      assertThat(listed.statusCode()).as(plural).isEqualTo(200);
      assertThat(listed.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(api.client().genericKubernetesResources(groupVersion, kind).inNamespace(NS).list().getItems())
          .as(kind).hasSize(kind.equals("EdgeHost") ? 1 : 0);
    });
  }

  @Test
  @DisplayName("When kubectl asks for the core and built-in groups, then it finds the resources the operator uses")
  void builtIns() {
    assertThat(api.http().getJson("/api").path("versions")).extracting(JsonNode::asText).containsExactly("v1");
    JsonNode core = api.http().getJson("/api/v1");
    assertThat(core.path("groupVersion").asText()).isEqualTo("v1");
    List<String> coreNames = new ArrayList<>();
    core.path("resources").forEach(r -> coreNames.add(r.path("name").asText()));
    assertThat(coreNames).contains("namespaces", "secrets", "configmaps", "events", "services", "serviceaccounts",
        "pods");

    APIGroupList groups = api.client().getApiGroups();
    assertThat(groups.getGroups()).extracting(g -> g.getName())
        .contains(GROUP, "apiextensions.k8s.io", "coordination.k8s.io", "events.k8s.io");
    assertThat(api.client().getApiResources("coordination.k8s.io/v1").getResources()).extracting(APIResource::getName)
        .contains("leases");
    assertThat(api.client().getApiResources("apiextensions.k8s.io/v1").getResources())
        .filteredOn(r -> r.getName().equals("customresourcedefinitions"))
        .singleElement().satisfies(r -> assertThat(r.getShortNames()).contains("crd"));
    assertThat(api.client().namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
        .contains("default", "kube-system", NS);
    assertThat(api.client().apiextensions().v1().customResourceDefinitions().list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .contains("edgehosts.edge.lifecycle.dev", "clusterprofiles.edge.lifecycle.dev",
            "registrationtokens.edge.lifecycle.dev", "edgeclusters.edge.lifecycle.dev");
  }

  @Test
  @DisplayName("When fabric8 reads discovery, then getApiResources lists the five kinds and their status")
  void fabric8Discovery() {
    APIResourceList resources = api.client().getApiResources(GROUP + "/v1alpha1");

    assertThat(resources.getResources()).extracting(APIResource::getName).containsExactlyInAnyOrder(
        "clusterprofiles", "clusterprofiles/status", "registrationtokens", "registrationtokens/status",
        "edgehosts", "edgehosts/status", "edgeclusters", "edgeclusters/status", "imageregistries",
        "imageregistries/status");
    assertThat(api.client().supports(EdgeHost.class)).isTrue();
    assertThat(api.client().hasApiGroup(GROUP, true)).isTrue();
  }

  @Test
  @DisplayName("When a CRD of a new group is created through the API, then discovery shows its group and kind")
  void laterCrdShowsUp() {
    CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("widgets.example.test").endMetadata()
        .withNewSpec().withGroup("example.test").withScope("Cluster")
        .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").withShortNames("wd")
        .endNames()
        .addNewVersion().withName("v1beta1").withServed(true).withStorage(false).endVersion()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
        .endSpec().build();
    api.client().apiextensions().v1().customResourceDefinitions().resource(crd).create();

    JsonNode group = api.http().getJson("/apis/example.test");
    assertThat(group.path("preferredVersion").path("version").asText()).isEqualTo("v1");
    assertThat(group.path("versions")).extracting(v -> v.path("version").asText()).containsExactly("v1", "v1beta1");
    APIResourceList resources = api.client().getApiResources("example.test/v1");
    assertThat(resources.getResources()).singleElement().satisfies(r -> {
      assertThat(r.getName()).isEqualTo("widgets");
      assertThat(r.getNamespaced()).isFalse();
      assertThat(r.getShortNames()).containsExactly("wd");
    });
    assertThat(api.client().getApiGroups().getGroups()).extracting(g -> g.getName()).contains("example.test");
  }

  @Test
  @DisplayName("When a path is not served, then the answer is a 404 Status, not a list of everything")
  void unknownPaths() {
    assertThat(api.http().get("/apis/unknown.example").statusCode()).isEqualTo(404);
    assertThat(api.http().get("/apis/" + GROUP + "/v9").statusCode()).isEqualTo(404);
    assertThat(api.http().get("/openapi/v2").statusCode()).isEqualTo(404);
    assertThat(api.http().get("/readyz").body()).isEqualTo("ok");
  }
}
