package dev.lifecycle.edge.agent.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A TLS context that trusts exactly the CA certificates of one PEM file or text: a private CA for the gateway. */
public final class TrustedCa {

  private TrustedCa() {
  }

  /**
   * The TLS context trusting the certificates in {@code pemFile}.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds no certificate
   */
  public static SSLContext sslContext(Path pemFile) {
    try (InputStream in = Files.newInputStream(pemFile)) {
      return sslContext(in, pemFile.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot use " + pemFile + " as the gateway's CA: " + e.getMessage(), e);
    }
  }

  /**
   * The TLS context trusting the PEM certificates of {@code pem}, such as {@code edge_agent.gateway_ca}
   * of the installer user-data.
   *
   * @param source where the text comes from, for the error message
   * @throws IllegalArgumentException when the text holds no certificate
   */
  public static SSLContext sslContext(String pem, String source) {
    return sslContext(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)), source);
  }

  private static SSLContext sslContext(InputStream in, String source) {
    try {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(source + " holds no PEM certificate");
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        trust.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use " + source + " as the gateway's CA: " + e.getMessage(), e);
    }
  }
}
