package dev.lifecycle.edge.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What --keep-running prints after the summary: where everything is, and kubectl commands that work. */
final class KeepRunning {

  private KeepRunning() {
  }

  /**
   * @param cluster the demo's EdgeCluster
   * @param previousProfile the ClusterProfile the cluster ran before the upgrade (the patch command rolls back to it)
   */
  static void hints(Terminal terminal, DemoEnvironment environment, Path workDir, Optional<Path> log, String cluster,
      String previousProfile) {
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
    for (String command : commands(kubeconfig, cluster, previousProfile)) {
      terminal.line("  " + command);
    }
  }

  /**
   * The kubectl commands that work against the embedded API: the printer columns, an object's story
   * with its Events, a field's documentation, and a rollout back to the previous profile version.
   */
  static List<String> commands(Path kubeconfig, String cluster, String previousProfile) {
    String kubectl = "kubectl --kubeconfig " + kubeconfig;
    return List.of(
        kubectl + " get edge",
        kubectl + " get edgehosts -o wide",
        kubectl + " describe edgecluster " + cluster,
        kubectl + " explain edgecluster.spec.upgradeStrategy",
        kubectl + " patch edgecluster " + cluster + " --type merge -p '{\"spec\":{\"profileRef\":{\"name\":\""
            + previousProfile + "\"}}}'   # back to the previous version");
  }
}
