package dev.lifecycle.edge.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chart in helm/edge-operator, rendered by real Helm in-process (helm-java, offline) as release
 * {@value #RELEASE} in namespace {@value #NAMESPACE}, with the values a test sets: each value as
 * {@code --set}, a file's content as {@code --set-file}.
 */
final class HelmChart {

  static final Path DIRECTORY = Path.of("..", "helm", "edge-operator");
  static final String RELEASE = "edge-operator";
  static final String NAMESPACE = "edge-system";

  /** One {@code --set} or {@code --set-file}. */
  private record Value(String key, Object value, boolean file) {
  }

  /** Charts rendered so far, by their values (in the order set). */
  private static final Map<List<Value>, RenderedChart> RENDERED = new ConcurrentHashMap<>();

  private final List<Value> values = new ArrayList<>();

  private HelmChart() {
  }

  /** The chart with its default values. */
  static HelmChart withDefaults() {
    return new HelmChart();
  }

  /**
   * {@code --set key=value}. helm-java passes every value in one comma-separated string, so a list is
   * set item by item: {@code set("watchNamespaces[0]", "a")}.
   */
  HelmChart set(String key, Object value) {
    values.add(new Value(key, value, false));
    return this;
  }

  /** {@code --set-file key=file}: the file's content as the value. */
  HelmChart setFile(String key, Path file) {
    values.add(new Value(key, file, true));
    return this;
  }

  /**
   * {@code helm template}, parsed; throws IllegalStateException with Helm's message when Helm refuses.
   * Values without files render once per test run and are shared (the tests only read the objects).
   */
  RenderedChart render() {
    if (values.stream().anyMatch(Value::file)) {
      return renderNow();
    }
    return RENDERED.computeIfAbsent(List.copyOf(values), ignored -> renderNow());
  }

  private RenderedChart renderNow() {
    TemplateCommand command = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
    for (Value value : values) {
      command = value.file() ? command.setFile(value.key(), (Path) value.value()) : command.set(value.key(),
          value.value());
    }
    return RenderedChart.parse(command.call());
  }

  /** What {@code helm install} prints after installing: the rendered NOTES.txt (a client-only dry run). */
  String notes() {
    InstallCommand command = new Helm(DIRECTORY).install().withName(RELEASE).withNamespace(NAMESPACE).dryRun()
        .clientOnly();
    for (Value value : values) {
      command = value.file() ? command.setFile(value.key(), (Path) value.value()) : command.set(value.key(),
          value.value());
    }
    String output = command.call().getOutput();
    int notes = output.indexOf("NOTES:");
    return notes < 0 ? "" : output.substring(notes);
  }
}
