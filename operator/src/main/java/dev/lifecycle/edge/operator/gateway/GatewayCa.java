package dev.lifecycle.edge.operator.gateway;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Which CA agents are told to trust for the gateway's TLS (rendered into the installer user-data as
 * {@code edge_agent.gateway_ca}): the CA file the operator is given (--gateway-ca-file, Helm
 * {@code gateway.tls.ca} or {@code gateway.tls.caFromSecret}); else the serving certificate itself
 * when it is self-signed, as a quick test setup makes it; else none, and agents trust the CAs of their
 * JDK (a gateway certificate from a public CA).
 */
public final class GatewayCa {

  private GatewayCa() {
  }

  /**
   * @param caFile the text of the CA file, if one is given, with its name for errors
   * @param servingChain the text of the gateway's certificate (chain) file, if it serves TLS
   * @return the CA certificates as PEM, re-encoded so that the same certificates give the same text
   * @throws IllegalArgumentException when the CA file holds no certificate
   */
  public static Optional<String> forAgents(Optional<Named> caFile, Optional<String> servingChain) {
    if (caFile.isPresent()) {
      List<X509Certificate> certificates = certificates(caFile.get().text());
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(caFile.get().name() + " holds no PEM certificate");
      }
      return Optional.of(pem(certificates));
    }
    return servingChain.map(GatewayCa::certificatesOrNone)
        .filter(chain -> !chain.isEmpty())
        .map(chain -> chain.get(chain.size() - 1))
        .filter(GatewayCa::selfSigned)
        .map(root -> pem(List.of(root)));
  }

  /** A file's text and name. */
  public record Named(String name, String text) {
  }

  private static List<X509Certificate> certificatesOrNone(String text) {
    try {
      return certificates(text);
    } catch (IllegalArgumentException e) {
      // The gateway reports an unreadable serving certificate itself, when it starts.
      return List.of();
    }
  }

  private static List<X509Certificate> certificates(String text) {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))).stream()
          .map(X509Certificate.class::cast).toList();
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not PEM certificates: " + e.getMessage(), e);
    }
  }

  private static boolean selfSigned(X509Certificate certificate) {
    if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      return false;
    }
    try {
      certificate.verify(certificate.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String pem(List<X509Certificate> certificates) {
    StringBuilder pem = new StringBuilder();
    Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    for (X509Certificate certificate : certificates) {
      try {
        pem.append("-----BEGIN CERTIFICATE-----\n").append(encoder.encodeToString(certificate.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("cannot encode a certificate: " + e.getMessage(), e);
      }
    }
    return pem.toString();
  }
}
