package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded API for the tests of one class, on a static {@code @RegisterExtension} field: started with the
 * class's namespace before its tests (and before its own {@code @BeforeAll}), closed after them; spoken to
 * through the fabric8 client or as kubectl does ({@link RawHttp}).
 */
final class EmbeddedApiPerClass implements BeforeAllCallback, AfterAllCallback {

  private final String namespace;
  private EmbeddedKubernetes api;
  private RawHttp http;

  private EmbeddedApiPerClass(String namespace) {
    this.namespace = namespace;
  }

  static EmbeddedApiPerClass withNamespace(String namespace) {
    return new EmbeddedApiPerClass(namespace);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    api = EmbeddedKubernetes.start();
    http = new RawHttp(api.url());
    api.createNamespace(namespace);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    api.close();
  }

  KubernetesClient client() {
    return api.client();
  }

  RawHttp http() {
    return http;
  }
}
