package dev.lifecycle.edge.site;

import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import dev.lifecycle.edge.operator.EdgeOperator;
import dev.lifecycle.edge.operator.OperatorServices;
import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayCa;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import dev.lifecycle.edge.operator.management.OperatorMeters;
import dev.lifecycle.edge.operator.management.OperatorProbes;
import dev.lifecycle.edge.site.server.CertificateFiles;
import dev.lifecycle.edge.site.server.ListenAddress;
import dev.lifecycle.edge.site.server.SiteCertificate;
import dev.lifecycle.edge.site.server.SiteRoutes;
import dev.lifecycle.edge.site.server.SiteServer;
import dev.lifecycle.edge.site.server.SubjectNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site controller: the data directory locked, the embedded API ({@link SiteStore}), the operator with every
 * reconciler watching the site's namespace, and one HTTPS port ({@link SiteServer}) serving the gateway, health,
 * metrics and the parts of {@link SiteMounts}. Started in that order, closed in the reverse one.
 */
public final class SiteController implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SiteController.class);

  private final SiteOptions options;
  private final SiteIdentity identity;
  private final Optional<TrustStore> trust;
  private final EmbeddedKubernetes api;
  private final SiteServer server;
  private final Gateway gateway;
  private final OperatorProbes probes;
  private final List<AutoCloseable> opened;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SiteController(SiteOptions options, SiteIdentity identity, Optional<TrustStore> trust,
      EmbeddedKubernetes api, SiteServer server, Gateway gateway, OperatorProbes probes, List<AutoCloseable> opened) {
    this.options = options;
    this.identity = identity;
    this.trust = trust;
    this.api = api;
    this.server = server;
    this.gateway = gateway;
    this.probes = probes;
    this.opened = opened;
  }

  /**
   * Starts everything; returns once the port serves the gateway and the operator has synced.
   *
   * @throws IllegalArgumentException when a given file (certificate, key, trusted key) is not usable
   * @throws IllegalStateException when the directory is in use by another site controller, the port cannot be
   *     bound, or a part cannot start
   */
  public static SiteController start(SiteOptions options, SiteStore store, SiteMounts mounts) {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      SiteDirectory directory = options.directory();
      opened.add(DirectoryLock.acquire(directory));
      Optional<TrustStore> trust = TrustKeys.load(options.trustKeys());
      SiteCertificate certificate = certificate(options);
      EmbeddedKubernetes api = store.open(directory);
      opened.add(api);
      if (api.client().namespaces().withName(options.namespace()).get() == null) {
        api.createNamespace(options.namespace());
      }
      Vertx vertx = Vertx.vertx();
      opened.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      PrometheusMeterRegistry meters = OperatorMeters.prometheus();
      OperatorProbes probes = new OperatorProbes();
      SiteServer server = SiteServer.start(vertx, options.listen(), certificate, probes, meters);
      opened.add(server);
      SiteIdentity identity = new SiteIdentity(AdvertisedUrl.choose(options.listen(), server.port(),
          SubjectNames.machineAddresses()), certificate.fingerprint(), options.siteName(), certificate.chainPem());
      String url = identity.url().toString();

      KubernetesClient operatorClient = api.newClient();
      opened.add(operatorClient);
      // embedded: a stopped informer is logged and turns /healthz to 503, rather than ending the process
      OperatorSettings settings = OperatorSettings.defaults(url)
          .withWatchNamespaces(Set.of(options.namespace()))
          .withGatewayCa(GatewayCa.forAgents(Optional.empty(), Optional.of(certificate.chainPem())))
          .embedded();
      OperatorServices services = OperatorServices.create(operatorClient, settings, Clock.systemUTC(), meters);
      // the gateway's host, port and TLS are the site port's: only its limits and workers apply
      Gateway gateway = Gateway.mounted(vertx, server.deadlines(), url,
          GatewayConfig.insecure(server.port()).withHost(options.listen().host()), services);
      opened.add(gateway);

      KubernetesClient partsClient = api.newClient();
      opened.add(partsClient);
      SiteContext context = new SiteContext(identity, directory, partsClient, options.namespace(), trust, vertx,
          meters, gateway::knowsToken, services.liveness()::heardHere);
      for (SiteRoutes routes : mounts.routes(context)) {
        if (routes instanceof AutoCloseable closeable) {
          opened.add(closeable);
        }
        routes.mount(server.router());
      }

      EdgeOperator operator = new EdgeOperator(services).withAllReconcilers();
      probes.operator(operator);
      opened.add(operator);
      operator.start();
      server.serveGateway(gateway.router());
      probes.gateway(gateway);
      LOG.info("site controller '{}' serving {} (certificate {})", identity.siteName(), url, identity.fingerprint());
      return new SiteController(options, identity, trust, api, server, gateway, probes, List.copyOf(opened));
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  private static SiteCertificate certificate(SiteOptions options) {
    if (options.tls().isPresent()) {
      return CertificateFiles.read(options.tls().get().certificate(), options.tls().get().key());
    }
    return CertificateFiles.keptIn(options.directory().tls(), options.siteName(),
        SubjectNames.ofThisMachine(options.listen().host()), Clock.systemUTC().instant());
  }

  /** Its URL, certificate fingerprint and site name. */
  public SiteIdentity identity() {
    return identity;
  }

  /** The keys bundles and definitions are verified against; empty when none was given. */
  public Optional<TrustStore> trust() {
    return trust;
  }

  public SiteOptions options() {
    return options;
  }

  /** A client of the site's embedded API, closed with the controller. */
  public KubernetesClient client() {
    return api.client();
  }

  /** The port it listens on (the one chosen, when started on port 0). */
  public int port() {
    return server.port();
  }

  /** Where it listens, with the port chosen. */
  public ListenAddress listening() {
    return new ListenAddress(options.listen().host(), server.port());
  }

  /** Why it is not ready, or empty: what {@code /readyz} answers. */
  public Optional<String> notReady() {
    return probes.notReady();
  }

  /** Whether the gateway would find this registration token now (it learns new tokens from its watch). */
  public boolean gatewayKnowsToken(String token) {
    return gateway.knowsToken(token);
  }

  /** Closes the port first (no new request), then the gateway, the operator, the store; releases the directory. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      LOG.info("site controller '{}' stopping", identity.siteName());
      List<AutoCloseable> reverse = new ArrayList<>(opened);
      // the port first, then the rest in the reverse order of opening
      reverse.remove(server);
      reverse.add(server);
      closeAll(reverse);
    }
  }

  private static void closeAll(List<AutoCloseable> opened) {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        LOG.warn("while stopping: {}", e.toString());
      }
    }
  }
}
