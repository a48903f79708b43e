package dev.lifecycle.edge.api.v1alpha1.gitops;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.CrdFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generates the Argo CD health checks from one source in src/test/resources/argocd/ (read from the test
 * classpath, so the operator's tests render them too): {@code health.lua.in}, the part every kind shares (the
 * helpers and the status-contract checks: no status yet, a stale observedGeneration), and {@code KIND.lua.in},
 * the kind's own verdict. A kind file opens with the comment lines that explain its check, which go to the top
 * of the script. Argo CD runs every check in a VM of its own (no require), so each generated script holds the
 * shared part again. The build writes them ({@link #main}) as Argo CD's resource_customizations lay them out,
 * KIND/health.lua under the group, to api/target/gitops/argocd/; they are not committed.
 */
public final class ArgoCdHealthScripts {

  /** How the shared status-contract checks speak of a kind before the operator has acted on it. */
  record Waiting(String unseen, String stale) {
  }

  private static final Map<String, Waiting> WAITING = Map.of(
      "ClusterProfile", new Waiting("check the profile", "check"),
      "RegistrationToken", new Waiting("issue the token", "act on"),
      "EdgeHost", new Waiting("see the host", "act on"),
      "EdgeCluster", new Waiting("see the cluster", "act on"),
      "ImageRegistry", new Waiting("check the registry", "check"));

  private ArgoCdHealthScripts() {
  }

  /** The kinds, in the order of {@link CrdFiles#KINDS}. */
  public static List<String> kinds() {
    return CrdFiles.KINDS.stream().map(Class::getSimpleName).toList();
  }

  /** The health check of a kind, as Argo CD gets it. */
  public static String render(String kind) {
    Waiting waiting = WAITING.get(kind);
    if (waiting == null) {
      throw new IllegalArgumentException("no Argo CD health check is defined for " + kind);
    }
    List<String> lines = source(kind + ".lua.in").lines().toList();
    int about = 0;
    while (about < lines.size() && lines.get(about).startsWith("--")) {
      about++;
    }
    int verdict = about < lines.size() && lines.get(about).isBlank() ? about + 1 : about;
    return source("health.lua.in")
        .replace("{{kind}}", kind)
        .replace("{{about}}", asText(lines.subList(0, about)))
        .replace("{{unseen}}", waiting.unseen())
        .replace("{{stale}}", waiting.stale())
        .replace("{{verdict}}\n", asText(lines.subList(verdict, lines.size())));
  }

  private static String source(String file) {
    try (InputStream in = ArgoCdHealthScripts.class.getResourceAsStream("/argocd/" + file)) {
      if (in == null) {
        throw new IllegalStateException("argocd/" + file + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read argocd/" + file, e);
    }
  }

  private static String asText(List<String> lines) {
    return lines.stream().map(line -> line + "\n").collect(Collectors.joining());
  }

  /** Where a kind's health check lies below {@code dir}: GROUP/KIND/health.lua, as in Argo CD's repository. */
  public static Path script(Path dir, String kind) {
    return dir.resolve(ApiGroup.GROUP).resolve(kind).resolve("health.lua");
  }

  /** Writes every kind's health check below {@code dir}. */
  public static void write(Path dir) throws IOException {
    for (String kind : kinds()) {
      Path script = script(dir, kind);
      Files.createDirectories(script.getParent());
      Files.writeString(script, render(kind));
    }
  }

  /** The build's step (exec-maven-plugin, at process-test-classes): writes the health checks below args[0]. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ArgoCdHealthScripts OUTPUT_DIR");
    }
    write(Path.of(args[0]));
  }
}
