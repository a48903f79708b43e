package dev.lifecycle.edge.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The operator's Deployment as the defaults render it: command line, image, security, probes, resources. */
class ChartDeploymentTest {

  private final RenderedChart chart = HelmChart.withDefaults().render();

  @Test
  @DisplayName("When installed with the defaults, then the operator runs with exactly the command line of the "
      + "contract: gateway on 9443, metrics on 8080, TLS from the mounted Secret, the default rate limits, no leader election")
  void commandLine() {
    assertThat(chart.args()).containsExactly("run", "--gateway-port", "9443", "--metrics-port", "8080",
        "--tls-cert", "/etc/edge-operator/tls/tls.crt", "--tls-key", "/etc/edge-operator/tls/tls.key",
        "--gateway-host-qps", "10", "--gateway-host-burst", "100", "--gateway-address-qps", "50",
        "--gateway-address-burst", "200", "--gateway-failure-qps", "1", "--gateway-failure-burst", "10");
    assertThat(chart.operatorContainer().getEnv()).singleElement().satisfies(env -> {
      assertThat(env.getName()).isEqualTo("POD_NAMESPACE");
      assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
    });
  }

  @Test
  @DisplayName("When gateway.rateLimits are set, then they are passed as the run flags of the gateway's limits")
  void rateLimits() {
    List<String> args = HelmChart.withDefaults().set("gateway.rateLimits.host.qps", 2.5)
        .set("gateway.rateLimits.address.qps", 400).set("gateway.rateLimits.address.burst", 2000).render().args();
    assertThat(args).containsSequence("--gateway-host-qps", "2.5", "--gateway-host-burst", "100")
        .containsSequence("--gateway-address-qps", "400", "--gateway-address-burst", "2000");
  }

  @Test
  @DisplayName("When gateway.url is set, then it is passed as --gateway-url, for the installer user-data")
  void gatewayUrl() {
    RenderedChart withUrl = HelmChart.withDefaults().set("gateway.url", "https://edge-gateway.example.com:9443")
        .render();
    List<String> args = withUrl.args();
    assertThat(args.subList(args.size() - 2, args.size()))
        .containsExactly("--gateway-url", "https://edge-gateway.example.com:9443");
  }

  @Test
  @DisplayName("When no tag is set, then the image is the chart's appVersion, which is the project's version; a "
      + "set tag and repository win")
  void image() throws IOException {
    String appVersion = (String) Serialization.unmarshal(Files.readString(HelmChart.DIRECTORY.resolve("Chart.yaml")),
        Map.class).get("appVersion");
    assertThat(appVersion).isEqualTo(projectVersion().replace("-SNAPSHOT", ""));
    assertThat(chart.operatorContainer().getImage()).isEqualTo("ghcr.io/edge-lifecycle/edge-operator:" + appVersion);

    RenderedChart pinned = HelmChart.withDefaults().set("image.repository", "registry.example.com/edge-operator")
        .set("image.tag", "0.1.0-rc1").render();
    assertThat(pinned.operatorContainer().getImage()).isEqualTo("registry.example.com/edge-operator:0.1.0-rc1");
  }

  @Test
  @DisplayName("When installed, then the pod meets the restricted Pod Security Standard: non-root 65532, read-only "
      + "root filesystem, no privilege escalation, no capabilities, RuntimeDefault seccomp, /tmp an emptyDir")
  void restrictedSecurity() {
    PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
    PodSecurityContext podSecurity = pod.getSecurityContext();
    assertThat(podSecurity.getRunAsNonRoot()).isTrue();
    assertThat(podSecurity.getRunAsUser()).isEqualTo(65532L);
    assertThat(podSecurity.getRunAsGroup()).isEqualTo(65532L);
    assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    SecurityContext container = chart.operatorContainer().getSecurityContext();
    assertThat(container.getRunAsNonRoot()).isTrue();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getPrivileged()).isNotEqualTo(Boolean.TRUE);

    assertThat(chart.operatorContainer().getVolumeMounts())
        .anySatisfy(mount -> {
          assertThat(mount.getMountPath()).isEqualTo("/tmp");
          Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
              .orElseThrow();
          assertThat(volume.getEmptyDir()).isNotNull();
        });
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
  }

  @Test
  @DisplayName("When the pod runs, then startup and liveness probe /healthz and readiness /readyz on the metrics "
      + "port, 8080")
  void probes() {
    Container container = chart.operatorContainer();
    assertProbe(container, container.getStartupProbe(), "/healthz");
    assertProbe(container, container.getLivenessProbe(), "/healthz");
    assertProbe(container, container.getReadinessProbe(), "/readyz");
    assertThat(container.getStartupProbe().getPeriodSeconds() * container.getStartupProbe().getFailureThreshold())
        .as("seconds a slow start may take before the kubelet restarts it").isGreaterThanOrEqualTo(60);
  }

  private static void assertProbe(Container container, Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    String portName = probe.getHttpGet().getPort().getStrVal();
    ContainerPort port = container.getPorts().stream().filter(p -> p.getName().equals(portName)).findFirst()
        .orElseThrow(() -> new AssertionError("the probe's port " + portName + " is not a container port"));
    assertThat(port.getContainerPort()).isEqualTo(8080);
  }

  @Test
  @DisplayName("When installed, then the container has memory and CPU requests and a memory limit")
  void resources() {
    Map<String, Quantity> requests = chart.operatorContainer().getResources().getRequests();
    assertThat(requests).containsKeys("cpu", "memory");
    assertThat(chart.operatorContainer().getResources().getLimits()).containsKey("memory");
  }

  @Test
  @DisplayName("When one replica runs, then there is no leader election and upgrades recreate the pod, so two "
      + "operators never reconcile at once")
  void singleReplica() {
    Deployment deployment = chart.deployment();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(chart.args()).doesNotContain("--leader-election", "--leader-election-namespace");
    assertThat(chart.ofKind("PodDisruptionBudget")).isEmpty();
  }

  @Test
  @DisplayName("When installed, then the pod runs as the chart's own ServiceAccount, with the pod selector's labels")
  void serviceAccountAndLabels() {
    Deployment deployment = chart.deployment();
    assertThat(chart.ofKind("ServiceAccount")).extracting(o -> o.getMetadata().getName())
        .containsExactly(deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(chart.objects()).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "Helm")
        .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE));
  }

  /** The project's version, from the parent pom. */
  private static String projectVersion() throws IOException {
    String pom = Files.readString(Path.of("..", "pom.xml"));
    Matcher matcher = Pattern.compile("<artifactId>edge-lifecycle-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(pom);
    assertThat(matcher.find()).as("the parent pom's version").isTrue();
    return matcher.group(1);
  }
}
