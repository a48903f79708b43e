package dev.lifecycle.edge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.forge.RegistryContent;
import dev.lifecycle.edge.oci.DistributionRegistry;
import dev.lifecycle.edge.oci.ImageReference;
import dev.lifecycle.edge.oci.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar edge-operator.jar bundle build} and {@code bundle verify} as a user runs them, against the real
 * registry (Debian package docker-registry): Helm's native library, the registry client and the signing all
 * from the shaded jar.
 */
@Tag("system")
class BundleJarSystemIT {

  @TempDir
  Path dir;

  @Test
  @DisplayName("When edge-operator.jar bundle build runs for a profile with an image and a chart, then it writes a "
      + "bundle holding the chart's rendered images, which bundle verify accepts; a missing tag fails naming the layer")
  void buildAndVerifyWithTheJar() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.anonymous(Files.createDirectories(dir.resolve("registry")))) {
      String host = registry.host();
      RegistryContent content = new RegistryContent(RegistryClient.builder().plainHttp(host).build());
      RegistryContent.Layer base = content.layer(ImageReference.parse(host + "/edge/base:1"), "base", "base");
      for (String image : List.of("edge/os:1.4.0", "app/web:1.0", "app/migrate:2.0", "app/cleanup:3")) {
        content.multiArch(ImageReference.parse(host + "/" + image), base, "amd64", "arm64");
      }
      RegistryContent.helmPush(RegistryContent.packageWebChart(dir, "1.0.0"), host);
      Path key = SigningKey.generate(SignatureAlgorithm.ED25519).writeFiles(dir.resolve("forge")).get(0);
      Path profile = Files.writeString(dir.resolve("profile.yaml"), """
          apiVersion: edge.lifecycle.dev/v1alpha1
          kind: ClusterProfile
          metadata: {name: store-edge-1.1.0, labels: {edge.lifecycle.dev/profile: store-edge}}
          spec:
            version: 1.1.0
            layers:
              - {name: edge-os, type: os, version: 1.4.0, image: "%1$s/edge/os:%2$s"}
              - name: web
                type: addon
                version: 1.0.0
                chart: {repository: "oci://%1$s/charts", name: web}
                values: {registry: "%1$s"}
          """.formatted(host, "1.4.0"));

      Run build = jar("bundle", "build", "--profile-file", profile.toString(), "--platform", "linux/arm64",
          "--plain-http", host, "--sign-key", key.toString(), "--out", dir.resolve("b.tar.zst").toString());
      assertThat(build.exit()).as(build.output()).isZero();
      assertThat(build.output()).contains("wrote " + dir.resolve("b.tar.zst"));

      Run verify = jar("bundle", "verify", "--trust", dir.resolve("forge.pub").toString(), "--in",
          dir.resolve("b.tar.zst").toString());
      assertThat(verify.exit()).as(verify.output()).isZero();
      assertThat(verify.output()).contains("image " + host + "/app/migrate:2.0 sha256:")
          .contains("image " + host + "/app/cleanup:3 sha256:").contains("[linux/arm64]")
          .contains("chart oci://" + host + "/charts/web:1.0.0 sha256:");

      Files.writeString(profile, Files.readString(profile).replace("/edge/os:1.4.0", "/edge/os:1.5.0"));
      Run missing = jar("bundle", "build", "--profile-file", profile.toString(), "--platform", "linux/arm64",
          "--plain-http", host, "--sign-key", key.toString(), "--out", dir.resolve("c.tar.zst").toString());
      assertThat(missing.exit()).as(missing.output()).isEqualTo(1);
      assertThat(missing.output()).contains("image " + host + "/edge/os:1.5.0 (layer 'edge-os' in profile store-edge "
          + "1.1.0): manifest unknown");
      assertThat(dir.resolve("c.tar.zst")).doesNotExist();
    }
  }

  private Run jar(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LauncherJar.java(), "-jar", LauncherJar.path().toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile(dir, "output-", ".txt");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    process.getOutputStream().close();
    boolean exited = process.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    assertThat(exited).as("exited within 3 minutes: %s", Files.readString(output)).isTrue();
    return new Run(process.exitValue(), Files.readString(output));
  }

  private record Run(int exit, String output) {
  }
}
