package dev.lifecycle.edge.operator.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What --keep-running prints after the summary: where everything is, and kubectl commands that work. */
final class KeepRunning {

  private KeepRunning() {
  }

  static void hints(Terminal terminal, DemoEnvironment environment, Path workDir, Optional<Path> log) {
    Path kubeconfig = environment.writeKubeconfig(workDir.resolve("kubeconfig")).toAbsolutePath();
    terminal.line("");
    terminal.heading("Everything keeps running until Ctrl-C");
    terminal.line("  kubeconfig: " + kubeconfig);
    terminal.line("  API:        " + environment.apiUrl());
    terminal.line("  gateway:    " + environment.gatewayUrl());
    terminal.line("  metrics:    " + environment.metricsUrl());
    log.ifPresent(path -> terminal.line("  log:        " + path.toAbsolutePath()));
    terminal.line("");
    terminal.line("Try:");
    for (String command : commands(kubeconfig)) {
      terminal.line("  " + command);
    }
    terminal.line("");
    terminal.line("kubectl explain needs a real cluster: the embedded API serves no OpenAPI schema. Read the "
        + "field docs in crds/ (every field's description), or apply crds/ to a cluster and run "
        + "kubectl explain edgecluster.spec there.");
  }

  /** The kubectl commands that work against the embedded API. */
  static List<String> commands(Path kubeconfig) {
    String kubectl = "kubectl --kubeconfig " + kubeconfig;
    return List.of(
        kubectl + " get edge",
        kubectl + " get edgehosts -o wide",
        kubectl + " describe edgecluster store-0042",
        kubectl + " get edgecluster store-0042 -o jsonpath='{.status.upgrade}'");
  }
}
