package dev.lifecycle.edge.api.v1alpha1.gitops;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ready-to-merge argocd-cm snippet (gitops/argocd/argocd-cm.yaml): every kind's health check, as
 * {@link ArgoCdHealthScripts} generates it, under its
 * {@code resource.customizations.health.<group>_<kind>} key.
 */
public final class ArgoCdConfigMap {

  private ArgoCdConfigMap() {
  }

  public static Path file() {
    return Path.of("..", "gitops", "argocd", "argocd-cm.yaml");
  }

  /** The argocd-cm data key of a kind's health check. */
  public static String key(String kind) {
    return "resource.customizations.health." + ApiGroup.GROUP + "_" + kind;
  }

  /** The snippet, with the generated health checks. */
  public static String render() {
    StringBuilder yaml = new StringBuilder()
        .append("# Argo CD health checks for the ").append(ApiGroup.GROUP).append(" kinds (docs/gitops.md).\n")
        .append("# Generated from api/src/test/resources/argocd/ (edit the source there, then run\n")
        .append("# mvn -B -Pupdate-crds -pl api -am verify), like the health.lua per kind the build writes to\n")
        .append("# api/target/gitops/argocd/").append(ApiGroup.GROUP).append("/.\n")
        .append("# Merge it into the argocd-cm of your Argo CD; the other keys stay as they are:\n")
        .append("#   kubectl -n argocd patch configmap argocd-cm --type merge --patch-file gitops/argocd/argocd-cm.yaml\n")
        .append("apiVersion: v1\n")
        .append("kind: ConfigMap\n")
        .append("metadata:\n")
        .append("  name: argocd-cm\n")
        .append("  namespace: argocd\n")
        .append("  labels:\n")
        .append("    app.kubernetes.io/name: argocd-cm\n")
        .append("    app.kubernetes.io/part-of: argocd\n")
        .append("data:\n");
    for (String kind : ArgoCdHealthScripts.kinds()) {
      yaml.append("  ").append(key(kind)).append(": |\n");
      for (String line : ArgoCdHealthScripts.render(kind).split("\n", -1)) {
        if (!line.isEmpty()) {
          yaml.append("    ").append(line);
        }
        yaml.append('\n');
      }
      // split keeps an empty last element after the final newline: drop the extra blank line it adds.
      yaml.setLength(yaml.length() - 1);
    }
    return yaml.toString();
  }

  /** Rewrites the committed snippet from the source of the health checks. */
  public static void publish() throws IOException {
    Files.writeString(file(), render());
  }
}
