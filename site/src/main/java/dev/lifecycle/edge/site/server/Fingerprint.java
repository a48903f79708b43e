package dev.lifecycle.edge.site.server;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * A certificate's fingerprint as link tokens carry it ({@code dev.lifecycle.edge.wire.LinkToken#fingerprint}):
 * {@code sha256:} and the 64 lowercase hex digits of the SHA-256 of its DER encoding.
 */
public final class Fingerprint {

  private Fingerprint() {
  }

  public static String of(X509Certificate certificate) {
    try {
      return of(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
    }
  }

  public static String of(byte[] der) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
