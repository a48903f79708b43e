package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServerSideApplyIT {

  private static final String NS = "ssa";

  @RegisterExtension
  static final EmbeddedApiPerClass api = EmbeddedApiPerClass.withNamespace(NS);

  private static EdgeHost host(String name) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    host.setSpec(new EdgeHostSpec("m-" + name));
    return host;
  }

  @Test
  @DisplayName("When a server-side apply PATCH arrives, then it gets 415 with a Status saying SSA is not supported")
  void rawServerSideApply() {
    api.client().resource(host("applied")).create();

    HttpResponse<String> response = api.http().patch(
        "/apis/edge.lifecycle.dev/v1alpha1/namespaces/" + NS + "/edgehosts/applied?fieldManager=kubectl&force=true",
        "application/apply-patch+yaml",
        "apiVersion: edge.lifecycle.dev/v1alpha1\nkind: EdgeHost\nmetadata:\n  name: applied\nspec:\n  machineId: x\n");

    assertThat(response.statusCode()).isEqualTo(415);
    JsonNode status = Serialization.unmarshal(response.body(), JsonNode.class);
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("code").asInt()).isEqualTo(415);
    assertThat(status.path("message").asText()).contains("server-side apply", "not supported",
        "embedded Kubernetes API");
    assertThat(api.client().resources(EdgeHost.class).inNamespace(NS).withName("applied").get().getSpec()
        .getMachineId()).isEqualTo("m-applied");
  }

  @Test
  @DisplayName("When the fabric8 client applies server-side, then it fails with 415 and the clear message")
  void clientServerSideApply() {
    assertThatThrownBy(() -> api.client().resource(host("client-applied")).serverSideApply())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(415);
          assertThat(e.getMessage()).contains("server-side apply");
          assertThat(e.getStatus().getMessage()).isEqualTo(EmbeddedApiDispatcher.SSA_NOT_SUPPORTED);
        });
  }

  @Test
  @DisplayName("When a strategic merge patch arrives, then it gets 415 with a Status naming the alternatives")
  void strategicMergePatch() {
    HttpResponse<String> response = api.http().patch("/api/v1/namespaces/" + NS,
        "application/strategic-merge-patch+json", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body()).contains("--type merge");
  }
}
