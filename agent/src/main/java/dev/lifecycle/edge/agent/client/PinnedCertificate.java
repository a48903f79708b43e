package dev.lifecycle.edge.agent.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust in exactly one server certificate, named by the SHA-256 of its DER encoding ({@code sha256:} and 64
 * lowercase hex digits, as a link token carries it): a site controller has a self-signed certificate no CA
 * vouches for, and the link token the technician was given says which one it is.
 *
 * <p>The presented leaf certificate must have that fingerprint, or the handshake fails with a
 * {@link PinMismatchException} naming both fingerprints; there is no fallback to CAs. Neither the host name
 * nor the validity dates are checked: the pin names the certificate itself, which is stronger than a name
 * match, and a host at a site may well have a wrong clock. Being an {@link X509ExtendedTrustManager}, the JDK
 * uses it as it is instead of adding its own host name check around it.
 */
public final class PinnedCertificate extends X509ExtendedTrustManager {

  private static final Pattern FINGERPRINT = Pattern.compile("sha256:[0-9a-f]{64}");

  private final String fingerprint;

  /**
   * @param fingerprint {@code sha256:} and 64 lowercase hex digits
   * @throws IllegalArgumentException when it is not
   */
  public PinnedCertificate(String fingerprint) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (!FINGERPRINT.matcher(fingerprint).matches()) {
      throw new IllegalArgumentException("a certificate fingerprint is sha256: followed by 64 lowercase hex "
          + "digits, got " + fingerprint);
    }
    this.fingerprint = fingerprint;
  }

  /** A TLS context that trusts only the certificate with {@code fingerprint}. */
  public static SSLContext sslContext(String fingerprint) {
    PinnedCertificate pin = new PinnedCertificate(fingerprint);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {pin}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  /** {@code sha256:} and the lowercase hex SHA-256 of the certificate's DER encoding. */
  public static String fingerprint(X509Certificate certificate) throws CertificateEncodingException {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java has SHA-256", impossible);
    }
  }

  /** The pinned fingerprint. */
  public String pinned() {
    return fingerprint;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server presented no certificate; this host trusts only " + fingerprint);
    }
    String presented = fingerprint(chain[0]);
    if (!MessageDigest.isEqual(presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        fingerprint.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      throw new PinMismatchException(fingerprint, presented);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a pinned certificate is for talking to a server, not for accepting clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  /** The server presented another certificate than the pinned one. */
  public static final class PinMismatchException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final String pinned;
    private final String presented;

    PinMismatchException(String pinned, String presented) {
      super("the server presented the certificate " + presented + ", but this host trusts only " + pinned
          + " (the fingerprint of its link token): it is not the site controller the link token was made by, "
          + "or someone is in between; refusing to talk to it");
      this.pinned = pinned;
      this.presented = presented;
    }

    /** The fingerprint this host trusts. */
    public String pinned() {
      return pinned;
    }

    /** The fingerprint of the certificate the server presented. */
    public String presented() {
      return presented;
    }
  }
}
