package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Kubernetes API for the demo, development and tests: the fabric8 mock server's CRUD
 * store, served on the loopback interface over plain HTTP ({@link ApiHttpServer}), with discovery so
 * that kubectl and the fabric8 client work against it, and the project's CRDs installed. Faults can be
 * injected for reliability tests ({@link #injectFaults}); none are by default.
 *
 * <pre>{@code
 * try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
 *   api.client().resources(EdgeHost.class).inNamespace("default").list();
 * }
 * }</pre>
 */
public final class EmbeddedKubernetes implements AutoCloseable {

  /** The namespace of the client and the kubeconfig, created at start like in a real cluster. */
  public static final String DEFAULT_NAMESPACE = "default";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKubernetes.class);

  private final ApiHttpServer server;
  private final EmbeddedApiDispatcher dispatcher;
  private final String url;
  private final KubernetesClient client;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKubernetes(ApiHttpServer server, EmbeddedApiDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.url = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.port();
    this.client = clientOf(url);
  }

  /** Starts the API on a free port of the loopback interface. */
  public static EmbeddedKubernetes start() {
    return start(0);
  }

  /** Starts the API on the given port of the loopback interface (0: any free port). */
  public static EmbeddedKubernetes start(int port) {
    EmbeddedApiLogging.quiet();
    EmbeddedApiDispatcher dispatcher = new EmbeddedApiDispatcher();
    ApiHttpServer server;
    try {
      server = ApiHttpServer.start(InetAddress.getLoopbackAddress(), port, dispatcher);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot start the embedded Kubernetes API on port " + port, e);
    }
    EmbeddedKubernetes api = new EmbeddedKubernetes(server, dispatcher);
    try {
      api.createNamespace(DEFAULT_NAMESPACE);
      api.createNamespace("kube-system");
      CrdInstaller.install(api.client);
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
    LOG.info("Embedded Kubernetes API listening on {}", api.url);
    return api;
  }

  /** The base URL of the API, such as {@code http://127.0.0.1:41234}. */
  public String url() {
    return url;
  }

  /** The port the API listens on. */
  public int port() {
    return server.port();
  }

  /** A client of this API (default namespace {@value #DEFAULT_NAMESPACE}); closed with the API. */
  public KubernetesClient client() {
    return client;
  }

  /** A new client of this API, for a caller that wants its own; the caller closes it. */
  public KubernetesClient newClient() {
    return clientOf(url);
  }

  /**
   * A new client of this API that sends this User-Agent, for a caller that faults should spare
   * ({@link FaultInjection#sparing}); the caller closes it.
   */
  public KubernetesClient newClient(String userAgent) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(config(url)).withUserAgent(userAgent).build())
        .build();
  }

  /**
   * Tells the listener of every request from now on (method, path with query, User-Agent), before it
   * is served, on the server's thread: for tests that audit which API calls a client makes.
   */
  public void onRequest(Consumer<ApiRequest> listener) {
    dispatcher.addListener(listener);
  }

  /**
   * From now on, injects these faults into every request and watch (replacing any before;
   * {@link FaultInjection#NONE} stops them). The API starts without faults, so that its namespaces and
   * CRDs are in place.
   */
  public void injectFaults(FaultInjection faults) {
    dispatcher.inject(faults);
  }

  /** The faults injected so far. */
  public FaultCounts faultCounts() {
    return dispatcher.faultCounts();
  }

  /** Creates a namespace (so that {@code kubectl get ns} lists it); returns it as stored. */
  public Namespace createNamespace(String name) {
    return client.namespaces().resource(new NamespaceBuilder()
        .withNewMetadata().withName(name).addToLabels("kubernetes.io/metadata.name", name).endMetadata()
        .withNewStatus().withPhase("Active").endStatus()
        .build()).create();
  }

  /** Writes a kubeconfig for this API to the file (kubectl --kubeconfig FILE, or KUBECONFIG=FILE). */
  public Path writeKubeconfig(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, Kubeconfig.yaml(url, DEFAULT_NAMESPACE), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write kubeconfig " + file, e);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      dispatcher.stopFaults();
      client.close();
      server.close();
    }
  }

  private static KubernetesClient clientOf(String url) {
    return new KubernetesClientBuilder().withConfig(config(url)).build();
  }

  private static Config config(String url) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace(DEFAULT_NAMESPACE)
        .withHttp2Disable(true)
        .build();
  }
}
