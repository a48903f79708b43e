package dev.lifecycle.edge.operator.chart;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The manifests {@code helm template} rendered, as typed fabric8 objects. */
record RenderedChart(List<HasMetadata> objects) {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static RenderedChart parse(String manifests) {
    List<HasMetadata> objects = Arrays.stream(manifests.split("(?m)^---\\s*$"))
        .filter(RenderedChart::hasContent)
        .map(document -> (HasMetadata) SERIALIZATION.unmarshal(document))
        .filter(Objects::nonNull)
        .toList();
    return new RenderedChart(objects);
  }

  /** A document of only comments and blank lines holds no object. */
  private static boolean hasContent(String document) {
    return document.lines().map(String::strip).anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name
        + " rendered; rendered: " + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
  }

  /** Objects of the kind (for kinds fabric8 has no class for, such as ServiceMonitor). */
  List<HasMetadata> ofKind(String kind) {
    return objects.stream().filter(o -> o.getKind().equals(kind)).toList();
  }

  Deployment deployment() {
    return one(Deployment.class, HelmChart.RELEASE);
  }

  Container operatorContainer() {
    return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  List<String> args() {
    return operatorContainer().getArgs();
  }
}
