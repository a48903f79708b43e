package dev.lifecycle.edge.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RenderedImagesTest {

  @Test
  @DisplayName("When helm template prints a Deployment with an init container, then both images are found with their role, kind and name")
  void deploymentWithInitContainer() {
    String yaml = """
        ---
        # Source: web/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              initContainers:
                - name: migrate
                  image: registry.local/app/migrate:2.0
              containers:
                - name: web
                  image: registry.local/app/web:1.0
                - name: sidecar
                  image: "registry.local/app/sidecar:1.2"
        """;
    assertThat(RenderedImages.of(yaml)).containsExactly(
        new ManifestImage("registry.local/app/migrate:2.0", "initContainer", "Deployment", "web"),
        new ManifestImage("registry.local/app/web:1.0", "container", "Deployment", "web"),
        new ManifestImage("registry.local/app/sidecar:1.2", "container", "Deployment", "web"));
    assertThat(RenderedImages.of(yaml).get(0).describe()).isEqualTo("initContainer of Deployment web");
  }

  @Test
  @DisplayName("When the output holds a CronJob, a Pod with an ephemeral container, a Service and a ConfigMap in several documents, "
      + "then the CronJob's job template and the Pod's containers are read and the other kinds are ignored")
  void multiDocument() {
    String yaml = """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data:
          image: registry.local/app/only-at-run-time:1
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: cleanup
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: cleanup
                      image: registry.local/app/cleanup:3
        ---
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
        spec:
          containers:
            - name: main
              image: registry.local/app/main:1
          ephemeralContainers:
            - name: shell
              image: registry.local/tools/busybox:1.36
        """;
    assertThat(RenderedImages.of(yaml)).extracting(ManifestImage::image, ManifestImage::describe).containsExactly(
        org.assertj.core.groups.Tuple.tuple("registry.local/app/cleanup:3", "container of CronJob cleanup"),
        org.assertj.core.groups.Tuple.tuple("registry.local/app/main:1", "container of Pod debug"),
        org.assertj.core.groups.Tuple.tuple("registry.local/tools/busybox:1.36", "ephemeralContainer of Pod debug"));
  }

  @Test
  @DisplayName("When a List holds a StatefulSet, a DaemonSet, a ReplicaSet and a Job, then each one's pod template is read")
  void list() {
    String yaml = """
        apiVersion: v1
        kind: List
        items:
          - kind: StatefulSet
            metadata: {name: db}
            spec: {template: {spec: {containers: [{name: db, image: postgres:16}]}}}
          - kind: DaemonSet
            metadata: {name: agent}
            spec: {template: {spec: {containers: [{name: agent, image: "ghcr.io/x/agent@sha256:0000000000000000000000000000000000000000000000000000000000000000"}]}}}
          - kind: ReplicaSet
            metadata: {name: rs}
            spec: {template: {spec: {containers: [{name: c, image: rs:1}]}}}
          - kind: Job
            metadata: {name: once}
            spec: {template: {spec: {initContainers: [{name: wait, image: busybox}], containers: [{name: c, image: job:1}]}}}
        """;
    assertThat(RenderedImages.of(yaml)).extracting(ManifestImage::describe).containsExactly(
        "container of StatefulSet db", "container of DaemonSet agent", "container of ReplicaSet rs",
        "initContainer of Job once", "container of Job once");
    assertThat(RenderedImages.of(yaml)).extracting(ManifestImage::image).containsExactly("postgres:16",
        "ghcr.io/x/agent@sha256:0000000000000000000000000000000000000000000000000000000000000000", "rs:1", "busybox",
        "job:1");
  }

  @Test
  @DisplayName("When the chart renders nothing, then there is no image; when the text is not YAML, then the error says so")
  void emptyAndBroken() {
    assertThat(RenderedImages.of("")).isEmpty();
    assertThat(RenderedImages.of("---\n# Source: x/templates/empty.yaml\n")).isEmpty();
    assertThatThrownBy(() -> RenderedImages.of("kind: Pod\n  spec: [\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the rendered manifests are not YAML: ");
  }
}
