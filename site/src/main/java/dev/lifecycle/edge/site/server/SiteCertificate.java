package dev.lifecycle.edge.site.server;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The certificate (chain) the site controller serves TLS with, and its private key.
 *
 * @param chain the serving certificate first, then the certificates that issued it, if any
 * @param key the serving certificate's private key
 */
public record SiteCertificate(List<X509Certificate> chain, PrivateKey key) {

  public SiteCertificate {
    chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
    Objects.requireNonNull(key, "key");
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a TLS certificate chain needs at least one certificate");
    }
  }

  /** The serving certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** {@code sha256:} and the hex SHA-256 of the serving certificate's DER encoding: what agents pin. */
  public String fingerprint() {
    return Fingerprint.of(certificate());
  }

  /** The chain as PEM. */
  public String chainPem() {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : chain) {
      try {
        pem.append(pem("CERTIFICATE", certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("a certificate cannot be encoded: " + e.getMessage(), e);
      }
    }
    return pem.toString();
  }

  /** The key as PKCS#8 PEM, as Vert.x reads it whatever its algorithm. */
  public String keyPem() {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "SiteCertificate[" + certificate().getSubjectX500Principal() + ", " + fingerprint() + "]";
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
