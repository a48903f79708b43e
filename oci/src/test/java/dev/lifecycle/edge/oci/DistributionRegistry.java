package dev.lifecycle.edge.oci;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The CNCF distribution registry (Debian package {@code docker-registry}) started on a free loopback port with
 * its storage in a temporary directory, anonymous, with an htpasswd file, or with a token realm; stopped by
 * {@link #close()}. Without the program the tests fail and say which package to install. Public in the test-jar:
 * the forge module's system tests fill it with images and charts to build bundles from.
 */
public final class DistributionRegistry implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  public final int port;
  public final Path storage;
  private final Process process;
  private final Path log;

  private DistributionRegistry(int port, Path storage, Process process, Path log) {
    this.port = port;
    this.storage = storage;
    this.process = process;
    this.log = log;
  }

  /** The registry's host as references name it. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public static DistributionRegistry anonymous(Path dir) throws Exception {
    return start(dir, "", null);
  }

  public static DistributionRegistry basic(Path dir, Path htpasswd) throws Exception {
    return start(dir, """
        auth:
          htpasswd:
            realm: test-realm
            path: %s
        """.formatted(htpasswd), null);
  }

  static DistributionRegistry token(Path dir, String realm, String service, String issuer, TestPki pki) throws Exception {
    return start(dir, """
        auth:
          token:
            realm: %s
            service: %s
            issuer: %s
            rootcertbundle: %s
        """.formatted(realm, service, issuer, pki.certificatePem), pki);
  }

  /** Fails, saying which Debian package to install, when the registry program is not there. */
  public static void requireInstalled(Path binary) {
    if (!Files.isExecutable(binary)) {
      throw new AssertionError("the system tests need the CNCF distribution registry at " + binary
          + ": install the Debian package docker-registry (apt-get install -y docker-registry; do not enable its service)");
    }
  }

  private static DistributionRegistry start(Path dir, String auth, TestPki tls) throws Exception {
    requireInstalled(BINARY);
    int port = freePort();
    Path storage = Files.createDirectories(dir.resolve("storage"));
    Path config = dir.resolve("config.yml");
    String http = "http:\n  addr: 127.0.0.1:" + port + "\n  secret: system-test-secret\n"
        + (tls == null ? "" : "  tls:\n    certificate: " + tls.certificatePem + "\n    key: " + tls.keyPem + "\n");
    Files.writeString(config, """
        version: 0.1
        log:
          level: warn
          accesslog:
            disabled: true
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        """.formatted(storage) + http + auth);
    Path log = dir.resolve("registry.log");
    Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    DistributionRegistry registry = new DistributionRegistry(port, storage, process, log);
    registry.awaitListening();
    return registry;
  }

  private void awaitListening() throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": " + logText());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          close();
          throw new IllegalStateException("docker-registry did not listen on port " + port + " within " + START_TIMEOUT
              + ": " + logText());
        }
        process.waitFor(50, TimeUnit.MILLISECONDS);
      }
    }
  }

  /** The file in which the registry keeps a blob's content, to tamper with it. */
  public Path blobData(Digest digest) {
    return storage.resolve("docker/registry/v2/blobs/" + digest.algorithm() + "/" + digest.hex().substring(0, 2) + "/"
        + digest.hex() + "/data");
  }

  public String logText() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
