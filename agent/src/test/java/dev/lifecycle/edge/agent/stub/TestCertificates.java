package dev.lifecycle.edge.agent.stub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A self-signed certificate for localhost, made with the JDK's keytool: a private CA for TLS tests. */
public final class TestCertificates {

  private static final String PASSWORD = "changeit";

  private final Path keyStore;
  private final Path caPem;

  private TestCertificates(Path keyStore, Path caPem) {
    this.keyStore = keyStore;
    this.caPem = caPem;
  }

  /** Makes the key pair and its certificate in {@code directory}. */
  public static TestCertificates create(Path directory) throws IOException, InterruptedException {
    return create(directory, "CN=localhost", "dns:localhost,ip:127.0.0.1");
  }

  /**
   * Makes a key pair and its certificate with {@code dname} and the subject alternative names {@code san}
   * (keytool's form, such as {@code dns:site.invalid}) in {@code directory}, which must hold no other.
   */
  public static TestCertificates create(Path directory, String dname, String san)
      throws IOException, InterruptedException {
    Path keyStore = directory.resolve("gateway.p12");
    Path pem = directory.resolve("ca.pem");
    keytool("-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", dname, "-ext", "SAN=" + san, "-keystore", keyStore.toString(),
        "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "gateway", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
        "-file", pem.toString());
    return new TestCertificates(keyStore, pem);
  }

  /** The certificate as PEM: what {@code --ca-cert} takes. */
  public Path caPem() {
    return caPem;
  }

  /** {@code sha256:} and the hex SHA-256 of the certificate's DER encoding, as a link token names it. */
  public String fingerprint() throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(caPem)) {
      java.security.cert.Certificate certificate =
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return "sha256:" + java.util.HexFormat.of().formatHex(digest);
    }
  }

  /** The server side: key and certificate. */
  public SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
  }
}
