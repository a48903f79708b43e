package dev.lifecycle.edge.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's certificate: from an existing Secret, from values, or none with --insecure. */
class ChartTlsTest {

  private static final String TLS_DIR = "/etc/edge-operator/tls";
  private static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
  private static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIGHfake\n-----END PRIVATE KEY-----\n";

  @TempDir
  Path dir;

  @Test
  @DisplayName("When no certificate is given, then the gateway reads tls.crt and tls.key from Secret "
      + "<release>-gateway-tls, which the chart expects to exist and does not render")
  void existingSecretByDefault() {
    RenderedChart chart = HelmChart.withDefaults().render();
    assertThat(tlsVolume(chart).getSecret().getSecretName()).isEqualTo(HelmChart.RELEASE + "-gateway-tls");
    assertThat(chart.all(Secret.class)).isEmpty();
    assertThat(chart.args()).containsSequence("--tls-cert", TLS_DIR + "/tls.crt")
        .containsSequence("--tls-key", TLS_DIR + "/tls.key");
  }

  @Test
  @DisplayName("When gateway.tls.secretName names a Secret (cert-manager's, say), then the gateway mounts that one")
  void namedSecret() {
    RenderedChart chart = HelmChart.withDefaults().set("gateway.tls.secretName", "gateway-cert").render();
    assertThat(tlsVolume(chart).getSecret().getSecretName()).isEqualTo("gateway-cert");
    assertThat(chart.all(Secret.class)).isEmpty();
  }

  @Test
  @DisplayName("When cert and key are given with --set-file, then the chart renders them into a kubernetes.io/tls "
      + "Secret the gateway mounts, and a new certificate rolls the pods")
  void certificateFromValues() throws IOException {
    RenderedChart chart = withCertificate(CERT).render();
    Secret secret = chart.one(Secret.class, HelmChart.RELEASE + "-gateway-tls");
    assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(decoded(secret, "tls.crt")).isEqualTo(CERT);
    assertThat(decoded(secret, "tls.key")).isEqualTo(KEY);
    assertThat(tlsVolume(chart).getSecret().getSecretName()).isEqualTo(secret.getMetadata().getName());

    String checksum = podAnnotation(chart);
    String renewed = podAnnotation(withCertificate(CERT.replace("fake", "renewed")).render());
    assertThat(checksum).isNotBlank().isNotEqualTo(renewed);
  }

  @Test
  @DisplayName("When gateway.insecure is true, then the gateway gets --insecure and no certificate is mounted")
  void insecure() {
    RenderedChart chart = HelmChart.withDefaults().set("gateway.insecure", true).render();
    assertThat(chart.args()).contains("--insecure").doesNotContain("--tls-cert", "--tls-key");
    assertThat(chart.operatorContainer().getVolumeMounts()).extracting(VolumeMount::getMountPath)
        .doesNotContain(TLS_DIR);
    assertThat(HelmChart.withDefaults().render().args()).doesNotContain("--insecure");
  }

  @Test
  @DisplayName("When insecure is asked for beside a certificate, or a certificate without its key, then Helm "
      + "refuses with a message that says what to change")
  void contradictionsAreRefused() throws IOException {
    assertThatThrownBy(() -> withCertificate(CERT).set("gateway.insecure", true).render())
        .hasMessageContaining("gateway.insecure serves plain HTTP");
    Path cert = Files.writeString(dir.resolve("alone.crt"), CERT);
    assertThatThrownBy(() -> HelmChart.withDefaults().setFile("gateway.tls.cert", cert).render())
        .hasMessageContaining("give both cert and key");
  }

  @Test
  @DisplayName("When gateway.tls.ca is given, then the chart renders it into a ConfigMap the operator reads with "
      + "--gateway-ca-file, to put into installer user-data, and a new CA rolls the pods")
  void caFromValues() throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.crt"), CERT);
    RenderedChart chart = HelmChart.withDefaults().setFile("gateway.tls.ca", ca).render();

    ConfigMap map = chart.one(ConfigMap.class, HelmChart.RELEASE + "-gateway-ca");
    assertThat(map.getData()).containsEntry("ca.crt", CERT);
    assertThat(chart.args()).containsSequence("--gateway-ca-file", "/etc/edge-operator/gateway-ca/ca.crt");
    assertThat(chart.operatorContainer().getVolumeMounts()).extracting(VolumeMount::getMountPath)
        .contains("/etc/edge-operator/gateway-ca");
    assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("checksum/gateway-ca");
  }

  @Test
  @DisplayName("When gateway.tls.caFromSecret is true, then ca.crt of the TLS Secret is mounted and named by "
      + "--gateway-ca-file; without either, the operator gets no CA file")
  void caFromSecret() {
    RenderedChart chart = HelmChart.withDefaults().set("gateway.tls.caFromSecret", true).render();

    assertThat(chart.args()).containsSequence("--gateway-ca-file", TLS_DIR + "/ca.crt");
    assertThat(tlsVolume(chart).getSecret().getItems()).extracting(item -> item.getKey())
        .containsExactly("tls.crt", "tls.key", "ca.crt");
    assertThat(HelmChart.withDefaults().render().args()).doesNotContain("--gateway-ca-file");
    assertThat(HelmChart.withDefaults().render().all(ConfigMap.class)).isEmpty();
  }

  @Test
  @DisplayName("When a CA is given twice, or beside gateway.insecure, then Helm refuses with what to change")
  void caContradictions() throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.crt"), CERT);
    assertThatThrownBy(() -> HelmChart.withDefaults().setFile("gateway.tls.ca", ca)
        .set("gateway.tls.caFromSecret", true).render()).hasMessageContaining("not both");
    assertThatThrownBy(() -> HelmChart.withDefaults().set("gateway.insecure", true)
        .set("gateway.tls.caFromSecret", true).render())
        .hasMessageContaining("leave out gateway.tls.ca and gateway.tls.caFromSecret");
  }

  @Test
  @DisplayName("When agent.url is set, then the operator renders it into installer user-data with --agent-url")
  void agentUrl() {
    assertThat(HelmChart.withDefaults().set("agent.url", "https://downloads.example.com/edge-agent.jar").render()
        .args()).containsSequence("--agent-url", "https://downloads.example.com/edge-agent.jar");
    assertThat(HelmChart.withDefaults().render().args()).doesNotContain("--agent-url");
  }

  private HelmChart withCertificate(String certificate) throws IOException {
    Path cert = Files.writeString(dir.resolve("tls-" + certificate.hashCode() + ".crt"), certificate);
    Path key = Files.writeString(dir.resolve("tls.key"), KEY);
    return HelmChart.withDefaults().setFile("gateway.tls.cert", cert).setFile("gateway.tls.key", key);
  }

  private static Volume tlsVolume(RenderedChart chart) {
    VolumeMount mount = chart.operatorContainer().getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals(TLS_DIR)).findFirst()
        .orElseThrow(() -> new AssertionError("nothing is mounted at " + TLS_DIR));
    assertThat(mount.getReadOnly()).isTrue();
    PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
    return pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
  }

  private static String podAnnotation(RenderedChart chart) {
    return chart.deployment().getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/gateway-tls");
  }

  private static String decoded(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
