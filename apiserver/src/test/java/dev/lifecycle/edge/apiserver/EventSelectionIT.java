package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events selected by the object they are about, as kubectl describe finds them. */
class EventSelectionIT {

  private static final String NS = "events";
  private static EmbeddedKubernetes api;
  private static EdgeHost host;

  @BeforeAll
  static void start() {
    api = EmbeddedKubernetes.start();
    api.createNamespace(NS);
    KubernetesClient client = api.client();
    EdgeHost draft = new EdgeHost();
    draft.setMetadata(new ObjectMetaBuilder().withName("store-0042-a")
        .withNamespace(NS).build());
    draft.setSpec(new EdgeHostSpec("store-0042-0"));
    host = client.resource(draft).create();
    client.resource(event("about-host", "EdgeHost", "store-0042-a", "Claimed", "claimed by machine store-0042-0"))
        .create();
    client.resource(event("about-other", "EdgeHost", "store-0042-b", "Registered", "another host")).create();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  @DisplayName("When Events are listed with a field selector on involvedObject, then only that object's come back")
  void fieldSelector() {
    assertThat(api.client().v1().events().inNamespace(NS).withField("involvedObject.name", "store-0042-a")
        .withField("involvedObject.kind", "EdgeHost").list().getItems())
        .extracting(Event::getReason).containsExactly("Claimed");
    assertThat(api.client().v1().events().inNamespace(NS).list().getItems()).hasSize(2);
  }

  @Test
  @DisplayName("When kubectl describe shows an object, then its Events are listed")
  void kubectlDescribe(@TempDir Path dir) throws IOException, InterruptedException {
    Path kubectl = Stream.of(String.valueOf(System.getenv("PATH")).split(File.pathSeparator))
        .map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(kubectl != null, "kubectl is not on the PATH");
    Path output = dir.resolve("describe.txt");
    Process process = new ProcessBuilder(kubectl.toString(), "--kubeconfig",
        api.writeKubeconfig(dir.resolve("kubeconfig")).toString(), "describe", "edgehost", "store-0042-a", "-n", NS)
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String described = Files.readString(output, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(described).isZero();
    assertThat(described).containsPattern("Normal +Claimed .*claimed by machine store-0042-0")
        .doesNotContain("another host");
  }

  private static Event event(String name, String kind, String object, String reason, String message) {
    String now = Instant.now().toString();
    return new EventBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewInvolvedObject().withApiVersion("edge.lifecycle.dev/v1alpha1").withKind(kind).withName(object)
        .withNamespace(NS).withUid(object.equals("store-0042-a") ? host.getMetadata().getUid() : "other-uid")
        .endInvolvedObject()
        .withReason(reason).withMessage(message).withType("Normal").withFirstTimestamp(now).withLastTimestamp(now)
        .withCount(1).withNewSource().withComponent("edge-operator").endSource()
        .build();
  }
}
