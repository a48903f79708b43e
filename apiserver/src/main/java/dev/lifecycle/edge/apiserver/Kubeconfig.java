package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/** A kubeconfig for kubectl (or any client) pointing at a plain-HTTP API server. */
final class Kubeconfig {

  static final String NAME = "edge-embedded";

  private Kubeconfig() {
  }

  /** The kubeconfig as YAML: one cluster, one user without credentials, one current context. */
  static String yaml(String serverUrl, String namespace) {
    Config config = new ConfigBuilder()
        .withApiVersion("v1")
        .withKind("Config")
        .withClusters(new NamedClusterBuilder().withName(NAME).withNewCluster().withServer(serverUrl).endCluster()
            .build())
        .withUsers(new NamedAuthInfoBuilder().withName(NAME).withNewUser().endUser().build())
        .withContexts(new NamedContextBuilder().withName(NAME).withNewContext().withCluster(NAME).withUser(NAME)
            .withNamespace(namespace).endContext().build())
        .withCurrentContext(NAME)
        .build();
    return Serialization.asYaml(config);
  }
}
