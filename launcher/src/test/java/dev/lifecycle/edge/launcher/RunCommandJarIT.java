package dev.lifecycle.edge.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenStatus;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as a user runs it: java -jar edge-operator.jar run, against the kubeconfig's cluster. */
class RunCommandJarIT {

  @Test
  @DisplayName("When edge-operator.jar run is pointed at a cluster by KUBECONFIG, then it reconciles there")
  void runReconcilesTheKubeconfigCluster(@TempDir Path dir) throws IOException, InterruptedException {
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
      api.createNamespace("jar");
      Path log = dir.resolve("operator.log");
      ProcessBuilder command = new ProcessBuilder(LauncherJar.java(),
          "-jar", LauncherJar.path().toString(), "run", "--gateway-url", "https://gateway.example.com", "--insecure",
          "--gateway-port", "0")
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      command.environment().put("KUBECONFIG", kubeconfig.toString());
      Process operator = command.start();
      try {
        operator.getOutputStream().close();
        RegistrationToken token = new RegistrationToken();
        token.setMetadata(new ObjectMetaBuilder().withName("store-0042").withNamespace("jar").build());
        RegistrationTokenSpec spec = new RegistrationTokenSpec();
        spec.setTtl("24h");
        token.setSpec(spec);
        api.client().resource(token).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          RegistrationToken read = api.client().resources(RegistrationToken.class).inNamespace("jar")
              .withName("store-0042").get();
          assertThat(read.getStatus()).as("status; operator log:%n%s", Files.readString(log)).isNotNull();
          assertThat(read.getStatus().getPhase()).isEqualTo(RegistrationTokenStatus.Phase.Active);
        });
        String userData = new String(Base64.getDecoder().decode(api.client().secrets().inNamespace("jar")
            .withName("store-0042").get().getData().get("user-data")), StandardCharsets.UTF_8);
        assertThat(userData).contains("https://gateway.example.com");
      } finally {
        operator.destroy();
        if (!operator.waitFor(10, TimeUnit.SECONDS)) {
          operator.destroyForcibly();
        }
      }
      assertThat(Files.readString(log)).contains("reconciling against " + api.url());
    }
  }
}
