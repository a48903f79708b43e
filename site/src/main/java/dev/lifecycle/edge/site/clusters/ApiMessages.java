package dev.lifecycle.edge.site.clusters;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What the site's API said when it refused a write, as one sentence (the API's own message, not the client's). */
final class ApiMessages {

  private ApiMessages() {
  }

  static String of(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
