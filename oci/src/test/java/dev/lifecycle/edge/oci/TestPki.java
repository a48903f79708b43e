package dev.lifecycle.edge.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed EC P-256 certificate for 127.0.0.1 and localhost, made with the JDK's keytool: the registry's
 * TLS certificate, the token server's, and the key that signs tokens (its certificate is the registry's
 * {@code rootcertbundle}). Written as PEM files the registry reads and the client trusts.
 */
final class TestPki {

  private static final char[] PASSWORD = "changeit".toCharArray();

  final Path certificatePem;
  final Path keyPem;
  final X509Certificate certificate;
  final PrivateKey key;
  private final KeyStore keyStore;

  private TestPki(Path certificatePem, Path keyPem, X509Certificate certificate, PrivateKey key, KeyStore keyStore) {
    this.certificatePem = certificatePem;
    this.keyPem = keyPem;
    this.certificate = certificate;
    this.key = key;
    this.keyStore = keyStore;
  }

  static TestPki create(Path dir, String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "EC",
        "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=" + name, "-validity", "2",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD);
    }
    X509Certificate certificate = (X509Certificate) keyStore.getCertificate(name);
    PrivateKey key = (PrivateKey) keyStore.getKey(name, PASSWORD);
    Path certificatePem = dir.resolve(name + ".crt");
    Path keyPem = dir.resolve(name + ".key");
    Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
    return new TestPki(certificatePem, keyPem, certificate, key, keyStore);
  }

  SSLContext serverContext() throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  List<Path> trust() {
    return List.of(certificatePem);
  }

  private static String pem(String type, byte[] der) throws IOException {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
