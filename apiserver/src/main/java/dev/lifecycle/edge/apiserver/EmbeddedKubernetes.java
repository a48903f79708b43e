package dev.lifecycle.edge.apiserver;

import dev.lifecycle.edge.apiserver.store.DurableStore;
import dev.lifecycle.edge.apiserver.store.Recovery;
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
import java.util.Optional;
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
  private final Optional<DurableStore> store;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKubernetes(ApiHttpServer server, EmbeddedApiDispatcher dispatcher, Optional<DurableStore> store) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.store = store;
    this.url = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.port();
    this.client = clientOf(url);
  }

  /** Starts the API on a free port of the loopback interface. */
  public static EmbeddedKubernetes start() {
    return start(0);
  }

  /** Starts the API, in memory, on the given port of the loopback interface (0: any free port). */
  public static EmbeddedKubernetes start(int port) {
    return start(EmbeddedApiOptions.inMemory(port));
  }

  /**
   * Starts a durable API on the store directory (such as {@code DIR/store}, created if need be) and the
   * port of the loopback interface (0: any free port): what the directory holds is loaded (a torn log
   * tail cut, see {@link #recovery()}), and every write is synced to disk before its answer. Refuses
   * with {@link dev.lifecycle.edge.apiserver.store.StoreLockedException} when another process has the
   * directory open.
   */
  public static EmbeddedKubernetes startDurable(Path storeDirectory, int port) {
    return start(EmbeddedApiOptions.durable(storeDirectory, port));
  }

  /**
   * Starts the API as the options say. The namespaces {@value #DEFAULT_NAMESPACE} and kube-system and the
   * project's CRDs are created when absent; a durable store's CRDs are updated to this program's when
   * they differ.
   */
  public static EmbeddedKubernetes start(EmbeddedApiOptions options) {
    EmbeddedApiLogging.quiet();
    EmbeddedApiDispatcher dispatcher = new EmbeddedApiDispatcher();
    Optional<DurableStore> store = options.storeDirectory().map(dir -> DurableStore.open(dir, options.compaction()));
    ApiHttpServer server;
    try {
      store.ifPresent(durable -> dispatcher.restore(durable.objects(), durable.resourceVersion(),
          StoreJournal.onto(durable, dispatcher::resourceVersion)));
      server = ApiHttpServer.start(InetAddress.getLoopbackAddress(), options.port(), dispatcher);
    } catch (RuntimeException e) {
      store.ifPresent(DurableStore::close);
      throw new IllegalStateException("cannot start the embedded Kubernetes API on port " + options.port() + ": "
          + e.getMessage(), e);
    }
    EmbeddedKubernetes api = new EmbeddedKubernetes(server, dispatcher, store);
    try {
      if (store.isPresent()) {
        api.createNamespaceIfAbsent(DEFAULT_NAMESPACE);
        api.createNamespaceIfAbsent("kube-system");
        CrdInstaller.installOrUpdate(api.client);
      } else {
        api.createNamespace(DEFAULT_NAMESPACE);
        api.createNamespace("kube-system");
        CrdInstaller.install(api.client);
      }
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
    LOG.info("Embedded Kubernetes API listening on {}{}", api.url,
        store.map(durable -> ", durable in " + options.storeDirectory().get()).orElse(" (in memory)"));
    return api;
  }

  /** What the durable store found at start (a cut log tail, how many objects); empty for an in-memory API. */
  public Optional<Recovery> recovery() {
    return store.map(DurableStore::recovery);
  }

  /**
   * Folds a durable store's log into a new snapshot now, between two writes (before a backup, or to see
   * the directory at its smallest); the store also does so on its own when its log outgrows the
   * compaction policy. Refused for an in-memory API.
   */
  public void compactStore() {
    DurableStore durable = store.orElseThrow(() -> new IllegalStateException("an in-memory API has no store to compact"));
    dispatcher.whileNoWrites(durable::compact);
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

  private void createNamespaceIfAbsent(String name) {
    if (client.namespaces().withName(name).get() == null) {
      createNamespace(name);
    }
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
      try {
        server.close();
      } finally {
        store.ifPresent(DurableStore::close);
      }
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
