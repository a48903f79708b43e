package dev.lifecycle.edge.site.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site controller's certificate on disk: PEM files given by the operator of the site
 * ({@code --tls-cert}, {@code --tls-key}), or the self-signed one made at the first start and kept under
 * {@code DIR/tls} ({@value #CERTIFICATE}, and {@value #KEY} readable by its owner only), read again at every
 * start so that its fingerprint never changes.
 */
public final class CertificateFiles {

  public static final String CERTIFICATE = "site.crt";
  public static final String KEY = "site.key";

  private static final Logger LOG = LoggerFactory.getLogger(CertificateFiles.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private CertificateFiles() {
  }

  /**
   * The certificate kept in {@code tlsDirectory}, made there first when there is none.
   *
   * @throws IllegalStateException when the directory holds a certificate without its key, or files that do not
   *     match or cannot be read: nothing is replaced, since agents pin the certificate
   */
  public static SiteCertificate keptIn(Path tlsDirectory, String siteName, SubjectNames names, Instant now) {
    Path certificate = tlsDirectory.resolve(CERTIFICATE);
    Path key = tlsDirectory.resolve(KEY);
    boolean hasCertificate = Files.exists(certificate);
    if (hasCertificate && !Files.exists(key)) {
      throw new IllegalStateException(certificate + " is there but its key " + key + " is not: restore the key "
          + "from a backup (agents pin this certificate), or remove both files to make a new certificate, which "
          + "every linked host must then be told again");
    }
    if (hasCertificate) {
      try {
        return read(certificate, key);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("the site controller's certificate in " + tlsDirectory + " cannot be used: "
            + e.getMessage(), e);
      }
    }
    // A key without its certificate is what a start stopped between the two writes leaves: that certificate was
    // never served, so no host pinned it.
    SiteCertificate made = SelfSignedCertificate.create(siteName, names, now);
    try {
      Files.createDirectories(tlsDirectory);
      writeAtomically(key, made.keyPem(), true);
      writeAtomically(certificate, made.chainPem(), false);
    } catch (IOException e) {
      throw new IllegalStateException("cannot keep the site controller's certificate in " + tlsDirectory + ": "
          + e.getMessage(), e);
    }
    LOG.info("made a self-signed certificate for {} (names {} {}), kept in {}", siteName, names.dnsNames(),
        names.addresses(), tlsDirectory);
    return made;
  }

  /**
   * Reads a PEM certificate (chain, serving certificate first) and its PEM private key (PKCS#8, PKCS#1 or SEC1).
   *
   * @throws IllegalArgumentException saying what is wrong with them, never quoting the key
   */
  public static SiteCertificate read(Path certificateFile, Path keyFile) {
    List<X509Certificate> chain;
    PrivateKey key;
    try {
      chain = certificates(Files.readString(certificateFile, StandardCharsets.US_ASCII), certificateFile);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the certificate " + certificateFile + ": " + e.getMessage(), e);
    }
    try {
      key = privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the key " + keyFile + ": " + e.getMessage(), e);
    }
    if (!matches(chain.get(0), key)) {
      throw new IllegalArgumentException("the key " + keyFile + " is not the key of the certificate "
          + certificateFile);
    }
    return new SiteCertificate(chain, key);
  }

  private static List<X509Certificate> certificates(String pem, Path file) {
    try {
      List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
          .map(X509Certificate.class::cast).toList();
      if (chain.isEmpty()) {
        throw new IllegalArgumentException(file + " holds no PEM certificate");
      }
      return chain;
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + " holds no readable PEM certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(String pem, Path file) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object read;
      while ((read = parser.readObject()) != null) {
        if (read instanceof PrivateKeyInfo info) {
          return jdkKey(info, file);
        }
        if (read instanceof PEMKeyPair pair) {
          PrivateKeyInfo info = pair.getPrivateKeyInfo();
          // an EC PRIVATE KEY may leave its curve to the public key beside it
          if (info.getPrivateKeyAlgorithm().getParameters() == null && pair.getPublicKeyInfo() != null) {
            info = new PrivateKeyInfo(pair.getPublicKeyInfo().getAlgorithm(), info.parsePrivateKey());
          }
          return jdkKey(info, file);
        }
      }
    } catch (IOException e) {
      // the parser's message may quote the file's content
      throw new IllegalArgumentException(file + " is not a PEM private key (PKCS#8, PKCS#1 or SEC1)");
    }
    throw new IllegalArgumentException(file + " holds no unencrypted PEM private key (PRIVATE KEY, RSA PRIVATE KEY "
        + "or EC PRIVATE KEY)");
  }

  /**
   * The key through the JDK's own key factories (BouncyCastle's converter names EC keys "ECDSA", which only its own
   * provider knows, and it is not installed).
   */
  private static PrivateKey jdkKey(PrivateKeyInfo info, Path file) throws IOException {
    ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    String name;
    if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      name = "EC";
    } else if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      name = "RSA";
    } else if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
      name = "Ed25519";
    } else {
      throw new IllegalArgumentException(file + " holds a key of algorithm " + algorithm + ": use an EC or RSA key");
    }
    try {
      return KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " holds an " + name + " key this Java cannot read");
    }
  }

  /** Whether the key signs what the certificate's public key verifies: true for every algorithm that signs. */
  private static boolean matches(X509Certificate certificate, PrivateKey key) {
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new IllegalArgumentException("a " + key.getAlgorithm() + " key cannot serve TLS here: use "
          + "an EC or RSA key");
    };
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Writes whole or not at all; a key file is never readable by others, not even for a moment. */
  private static void writeAtomically(Path file, String text, boolean secret) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(temporary);
    try {
      if (secret) {
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(temporary);
      }
    } catch (UnsupportedOperationException e) {
      throw new IOException("the file system of " + file.getParent() + " has no POSIX permissions: the key could "
          + "not be kept readable by its owner only");
    } catch (FileAlreadyExistsException e) {
      throw new IOException(temporary + " appeared while it was written: is another site controller starting?");
    }
    Files.writeString(temporary, text, StandardCharsets.US_ASCII);
    try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
