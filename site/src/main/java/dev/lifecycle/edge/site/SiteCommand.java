package dev.lifecycle.edge.site;

import dev.lifecycle.edge.site.server.ListenAddress;
import dev.lifecycle.edge.site.server.SubjectNames;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code site}: runs the site controller of a disconnected site until it is stopped (SIGTERM, Ctrl-C). */
@Command(name = "site", mixinStandardHelpOptions = true,
    description = "Run the site controller of a disconnected site: its durable store, the reconcilers, and one HTTPS "
        + "port serving the edge gateway for the site's agents, the site API, the site registry, health and "
        + "metrics. Prints its URL and certificate fingerprint once it serves.")
public final class SiteCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(SiteCommand.class);

  @Option(names = "--data-dir", required = true, paramLabel = "DIR",
      description = "Where the site keeps everything (store, content, tls, auth, audit); created if missing. One "
          + "site controller at a time uses it.")
  private Path dataDir;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "0.0.0.0:" + ListenAddress.DEFAULT_PORT,
      description = "Address of the one HTTPS port (default: ${DEFAULT-VALUE}); [::]:5080 for IPv6.")
  private String listen;

  @Option(names = "--tls-cert", paramLabel = "PEM",
      description = "Certificate (chain) to serve. Default: a self-signed certificate made at the first start and "
          + "kept in DIR/tls.")
  private Path tlsCertificate;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key of --tls-cert (PKCS#8, PKCS#1 or SEC1).")
  private Path tlsKey;

  @Option(names = "--trust-key", paramLabel = "PEM",
      description = "Public key(s) content bundles and cluster definitions must be signed with; repeatable.")
  private List<Path> trustKeys = new ArrayList<>();

  @Option(names = "--site-name", paramLabel = "NAME",
      description = "The site's name, shown to technicians and carried by link tokens (default: the host name).")
  private String siteName;

  @Option(names = "--namespace", paramLabel = "NS", defaultValue = SiteOptions.DEFAULT_NAMESPACE,
      description = "Namespace of the site's resources (default: ${DEFAULT-VALUE}).")
  private String namespace;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    SiteOptions options = options();
    SiteController controller;
    try {
      controller = SiteController.start(options, SiteStore.DEFAULT, SiteMounts.DEFAULT);
    } catch (IllegalArgumentException | IllegalStateException e) {
      LOG.error("the site controller cannot start: {}", e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      controller.close();
      stopped.countDown();
    }, "site-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    StartupBanner.lines(controller.identity(), controller.listening().toString(), options.directory(),
        Files.exists(options.directory().initialAdminPassword()),
        controller.trust().map(store -> store.trustedKeys().size()).orElse(0)).forEach(out::println);
    out.flush();
    stopped.await();
    return 0;
  }

  private SiteOptions options() {
    if ((tlsCertificate == null) != (tlsKey == null)) {
      throw new ParameterException(spec.commandLine(), "give --tls-cert and --tls-key together, or neither for a "
          + "self-signed certificate kept in the data directory");
    }
    ListenAddress address;
    try {
      address = ListenAddress.parse(listen);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--listen: " + e.getMessage());
    }
    try {
      String name = siteName != null ? siteName : defaultSiteName();
      return new SiteOptions(new SiteDirectory(dataDir), address,
          tlsCertificate == null ? Optional.empty() : Optional.of(new SiteOptions.Tls(tlsCertificate, tlsKey)),
          trustKeys, name, namespace);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static String defaultSiteName() {
    String host = SubjectNames.hostName();
    int dot = host.indexOf('.');
    String shortName = dot > 0 ? host.substring(0, dot) : host;
    return shortName.isBlank() ? "site" : shortName;
  }
}
