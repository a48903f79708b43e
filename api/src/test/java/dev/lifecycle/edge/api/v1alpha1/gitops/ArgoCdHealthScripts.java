package dev.lifecycle.edge.api.v1alpha1.gitops;

import dev.lifecycle.edge.api.v1alpha1.CrdFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generates the Argo CD health checks (gitops/argocd/edge.lifecycle.dev/KIND/health.lua) from one source in
 * src/test/resources/argocd/: {@code health.lua.in}, the part every kind shares (the helpers and the
 * status-contract checks: no status yet, a stale observedGeneration), and {@code KIND.lua.in}, the kind's own
 * verdict. A kind file opens with the comment lines that explain its check, which go to the top of the
 * script. Argo CD runs every check in a VM of its own (no require), so each generated file holds the shared
 * part again; the committed files are checked against this rendering, as crds/ is against the generator.
 */
public final class ArgoCdHealthScripts {

  /** How the shared status-contract checks speak of a kind before the operator has acted on it. */
  record Waiting(String unseen, String stale) {
  }

  private static final Map<String, Waiting> WAITING = Map.of(
      "ClusterProfile", new Waiting("check the profile", "check"),
      "RegistrationToken", new Waiting("issue the token", "act on"),
      "EdgeHost", new Waiting("see the host", "act on"),
      "EdgeCluster", new Waiting("see the cluster", "act on"));

  private ArgoCdHealthScripts() {
  }

  static Path source() {
    return Path.of("src", "test", "resources", "argocd");
  }

  /** The health check of a kind, as Argo CD gets it. */
  public static String render(String kind) {
    Waiting waiting = WAITING.get(kind);
    if (waiting == null) {
      throw new IllegalArgumentException("no Argo CD health check is defined for " + kind);
    }
    List<String> lines = CrdFiles.read(source().resolve(kind + ".lua.in")).lines().toList();
    int about = 0;
    while (about < lines.size() && lines.get(about).startsWith("--")) {
      about++;
    }
    int verdict = about < lines.size() && lines.get(about).isBlank() ? about + 1 : about;
    return CrdFiles.read(source().resolve("health.lua.in"))
        .replace("{{kind}}", kind)
        .replace("{{about}}", asText(lines.subList(0, about)))
        .replace("{{unseen}}", waiting.unseen())
        .replace("{{stale}}", waiting.stale())
        .replace("{{verdict}}\n", asText(lines.subList(verdict, lines.size())));
  }

  private static String asText(List<String> lines) {
    return lines.stream().map(line -> line + "\n").collect(Collectors.joining());
  }

  /** Rewrites every kind's committed health check from the source. */
  public static void publish() throws IOException {
    for (String kind : ArgoCdHealth.kinds()) {
      Files.writeString(ArgoCdHealth.script(kind), render(kind));
    }
  }
}
