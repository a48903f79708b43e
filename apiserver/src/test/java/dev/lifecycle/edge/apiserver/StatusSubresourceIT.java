package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostStatus;
import dev.lifecycle.edge.api.v1alpha1.SiteSettings;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatusSubresourceIT {

  private static final String NS = "status";
  private static final String HOSTS = "/apis/edge.lifecycle.dev/v1alpha1/namespaces/" + NS + "/edgehosts/";

  @RegisterExtension
  static final EmbeddedApiPerClass api = EmbeddedApiPerClass.withNamespace(NS);

  private static EdgeHost create(String name) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName(name).build());
    host.setSpec(new EdgeHostSpec("machine-" + name));
    EdgeHostStatus ignored = new EdgeHostStatus();
    ignored.setPhase(EdgeHostStatus.Phase.Failed);
    host.setStatus(ignored);
    return api.client().resource(host).inNamespace(NS).create();
  }

  private static Resource<EdgeHost> host(String name) {
    return api.client().resources(EdgeHost.class).inNamespace(NS).withName(name);
  }

  @Test
  @DisplayName("When a host is created with a status, then the status is dropped, as with a status subresource")
  void createDropsStatus() {
    EdgeHost created = create("created");

    assertThat(created.getStatus()).isNull();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  @DisplayName("When the status is updated, then it persists, the spec does not change and generation stays")
  void updateStatus() {
    EdgeHost host = create("update-status");
    host.getSpec().setMachineId("changed-through-status");
    host.setStatus(new EdgeHostStatus());
    host.getStatus().setPhase(EdgeHostStatus.Phase.Available);

    api.client().resource(host).inNamespace(NS).updateStatus();

    EdgeHost stored = host("update-status").get();
    assertThat(stored.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Available);
    assertThat(stored.getSpec().getMachineId()).isEqualTo("machine-update-status");
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  @DisplayName("When the status is patched by the client, then it persists and the answer is the stored object")
  void patchStatus() {
    EdgeHost host = create("patch-status");
    host.setStatus(new EdgeHostStatus());
    host.getStatus().setPhase(EdgeHostStatus.Phase.Running);
    host.getStatus().setProfileVersion("1.0.0");

    EdgeHost answered = api.client().resource(host).inNamespace(NS).patchStatus();

    assertThat(answered.getStatus().getProfileVersion()).isEqualTo("1.0.0");
    EdgeHost stored = host("patch-status").get();
    assertThat(stored.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Running);
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  @DisplayName("When the status path is patched with ?fieldManager=, then the status persists, not the spec, "
      + "and the answer is 200")
  void rawStatusPatchWithQueryString() {
    create("raw");

    HttpResponse<String> response = api.http().patch(HOSTS + "raw/status?fieldManager=edge-operator",
        "application/merge-patch+json",
        "{\"spec\":{\"machineId\":\"sneaky\"},\"status\":{\"phase\":\"Provisioning\",\"profileVersion\":\"1.1.0\"}}");

    assertThat(response.statusCode()).isEqualTo(200);
    EdgeHost stored = host("raw").get();
    assertThat(stored.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Provisioning);
    assertThat(stored.getStatus().getProfileVersion()).isEqualTo("1.1.0");
    assertThat(stored.getSpec().getMachineId()).isEqualTo("machine-raw");
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  @DisplayName("When the main resource is patched with ?fieldManager=, then the spec changes, the status does not, "
      + "generation bumps and the answer is 200")
  void rawMainPatch() {
    create("main");
    api.http().patch(HOSTS + "main/status", "application/merge-patch+json", "{\"status\":{\"phase\":\"Running\"}}");

    HttpResponse<String> response = api.http().patch(HOSTS + "main?fieldManager=kubectl-edit",
        "application/merge-patch+json",
        "{\"spec\":{\"site\":{\"hostname\":\"new-name\"}},\"status\":{\"phase\":\"Failed\"}}");

    assertThat(response.statusCode()).isEqualTo(200);
    EdgeHost stored = host("main").get();
    assertThat(stored.getSpec().getSite().getHostname()).isEqualTo("new-name");
    assertThat(stored.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Running);
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  @DisplayName("When the main resource is updated, then the status is kept, and generation bumps only on a spec change")
  void updateKeepsStatus() {
    EdgeHost host = create("update");
    host.setStatus(new EdgeHostStatus());
    host.getStatus().setPhase(EdgeHostStatus.Phase.Available);
    host = api.client().resource(host).inNamespace(NS).updateStatus();

    host.getMetadata().setLabels(java.util.Map.of("site", "store-1"));
    host.getStatus().setPhase(EdgeHostStatus.Phase.Failed);
    host = api.client().resource(host).inNamespace(NS).update();
    assertThat(host.getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Available);
    assertThat(host.getMetadata().getGeneration()).isEqualTo(1L);

    host.getSpec().setSite(hostname("other"));
    host = api.client().resource(host).inNamespace(NS).update();
    assertThat(host.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(host("update").get().getStatus().getPhase()).isEqualTo(EdgeHostStatus.Phase.Available);
  }

  @Test
  @DisplayName("When an update carries a stale resourceVersion, then it fails with 409 and changes nothing")
  void staleUpdateConflicts() {
    EdgeHost first = create("conflict");
    EdgeHost stale = host("conflict").get();
    first.getSpec().setSite(hostname("winner"));
    api.client().resource(first).inNamespace(NS).update();

    stale.getSpec().setSite(hostname("loser"));
    assertThatThrownBy(() -> api.client().resource(stale).inNamespace(NS).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    stale.setStatus(new EdgeHostStatus());
    assertThatThrownBy(() -> api.client().resource(stale).inNamespace(NS).updateStatus())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(host("conflict").get().getSpec().getSite().getHostname()).isEqualTo("winner");
  }

  /** Site settings naming a hostname: a spec change the CRD allows (machineId is immutable once set). */
  private static SiteSettings hostname(String hostname) {
    SiteSettings site = new SiteSettings();
    site.setHostname(hostname);
    return site;
  }
}
