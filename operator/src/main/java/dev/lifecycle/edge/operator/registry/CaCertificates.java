package dev.lifecycle.edge.operator.registry;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Optional;

/** Whether a text is PEM certificates a host could trust: at least one, every one readable. */
final class CaCertificates {

  private CaCertificates() {
  }

  /** Why the PEM cannot serve as a CA, or empty when it can. */
  static Optional<String> problem(String pem) {
    if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
      return Optional.of("it holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    try {
      int count = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).size();
      return count == 0 ? Optional.of("it holds no certificate") : Optional.empty();
    } catch (CertificateException e) {
      return Optional.of("a certificate in it cannot be read");
    }
  }
}
