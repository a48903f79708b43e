package dev.lifecycle.edge.site.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {

  private static final SubjectNames NAMES = new SubjectNames(Set.of("store-0042", "localhost"),
      Set.of("10.0.0.5", "127.0.0.1"));
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  @TempDir
  Path dir;

  @Test
  @DisplayName("When the site starts without a certificate, then one is made for its names, its key kept readable "
      + "by its owner only, and every later start reads the same one")
  void madeOnceAndKept() throws Exception {
    Path tls = dir.resolve("tls");
    SiteCertificate made = CertificateFiles.keptIn(tls, "store-0042", NAMES, NOW);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(CertificateFiles.KEY))))
        .isEqualTo("rw-------");
    assertThat(tls.resolve(CertificateFiles.KEY + ".new")).doesNotExist();
    X509Certificate certificate = made.certificate();
    assertThat(certificate.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
        .containsExactlyInAnyOrder("store-0042", "localhost", "10.0.0.5", "127.0.0.1");
    assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=store-0042");
    assertThat(certificate.getNotAfter().toInstant()).isAfter(NOW.plus(SelfSignedCertificate.VALIDITY).minusSeconds(1));
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    certificate.verify(certificate.getPublicKey());
    assertThat(made.fingerprint()).isEqualTo("sha256:" + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));

    SiteCertificate again = CertificateFiles.keptIn(tls, "another-name", NAMES, NOW.plusSeconds(86_400));
    assertThat(again.fingerprint()).isEqualTo(made.fingerprint());
    assertThat(again.key().getEncoded()).isEqualTo(made.key().getEncoded());
  }

  @Test
  @DisplayName("When the kept certificate has lost its key, or is damaged, then the start is refused and nothing "
      + "is replaced, since hosts pin it")
  void neverReplacedSilently() throws Exception {
    Path tls = dir.resolve("tls");
    CertificateFiles.keptIn(tls, "store-0042", NAMES, NOW);
    byte[] certificate = Files.readAllBytes(tls.resolve(CertificateFiles.CERTIFICATE));
    Files.delete(tls.resolve(CertificateFiles.KEY));

    assertThatThrownBy(() -> CertificateFiles.keptIn(tls, "store-0042", NAMES, NOW))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is there but its key")
        .hasMessageContaining("restore the key");
    assertThat(Files.readAllBytes(tls.resolve(CertificateFiles.CERTIFICATE))).isEqualTo(certificate);
    assertThat(tls.resolve(CertificateFiles.KEY)).doesNotExist();

    Files.writeString(tls.resolve(CertificateFiles.KEY), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> CertificateFiles.keptIn(tls, "store-0042", NAMES, NOW))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be used");
    assertThat(Files.readAllBytes(tls.resolve(CertificateFiles.CERTIFICATE))).isEqualTo(certificate);
  }

  @Test
  @DisplayName("When a key was kept but its certificate never written (a start stopped between), then a new pair "
      + "is made")
  void keyWithoutCertificate() throws Exception {
    Path tls = dir.resolve("tls");
    Files.createDirectories(tls);
    Files.writeString(tls.resolve(CertificateFiles.KEY), "left over");

    SiteCertificate made = CertificateFiles.keptIn(tls, "store-0042", NAMES, NOW);

    assertThat(CertificateFiles.read(tls.resolve(CertificateFiles.CERTIFICATE), tls.resolve(CertificateFiles.KEY))
        .fingerprint()).isEqualTo(made.fingerprint());
  }

  @Test
  @DisplayName("When --tls-cert and --tls-key are given in PKCS#8, SEC1 or PKCS#1 form, then they are read; a key of "
      + "another certificate or a file that is no PEM is refused without quoting the key")
  void givenFiles() throws Exception {
    SiteCertificate ec = SelfSignedCertificate.create("given", NAMES, NOW);
    Path certificate = Files.writeString(dir.resolve("tls.crt"), ec.chainPem());
    Path pkcs8 = Files.writeString(dir.resolve("pkcs8.key"), ec.keyPem());
    Path sec1 = Files.writeString(dir.resolve("sec1.key"), sec1(ec));

    assertThat(CertificateFiles.read(certificate, pkcs8).fingerprint()).isEqualTo(ec.fingerprint());
    assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(CertificateFiles.read(certificate, sec1).fingerprint()).isEqualTo(ec.fingerprint());

    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    Path pkcs1 = Files.writeString(dir.resolve("rsa.key"), traditional(rsa.generateKeyPair()));
    assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThatThrownBy(() -> CertificateFiles.read(certificate, pkcs1))
        .hasMessage("the key " + pkcs1 + " is not the key of the certificate " + certificate);

    Path notPem = Files.writeString(dir.resolve("not.key"), "secret-material");
    assertThatThrownBy(() -> CertificateFiles.read(certificate, notPem))
        .hasMessageContaining("holds no unencrypted PEM private key").hasMessageNotContaining("secret-material");
    assertThatThrownBy(() -> CertificateFiles.read(pkcs8, pkcs8)).hasMessageContaining("holds no readable PEM certificate");
    assertThatThrownBy(() -> CertificateFiles.read(dir.resolve("missing.crt"), pkcs8))
        .hasMessageContaining("cannot read the certificate");
  }

  @Test
  @DisplayName("When a chain is given, then the fingerprint is the serving certificate's, the first of the file")
  void chainFingerprint() {
    SiteCertificate leaf = SelfSignedCertificate.create("leaf", NAMES, NOW);
    SiteCertificate other = SelfSignedCertificate.create("other", NAMES, NOW);
    SiteCertificate chain = new SiteCertificate(List.of(leaf.certificate(), other.certificate()), leaf.key());

    assertThat(chain.fingerprint()).isEqualTo(leaf.fingerprint()).isNotEqualTo(other.fingerprint());
    assertThat(chain.toString()).doesNotContain(chain.keyPem());
  }

  /** The key as openssl ecparam -genkey writes it: an EC PRIVATE KEY naming its curve. */
  private static String sec1(SiteCertificate certificate) throws Exception {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(certificate.key().getEncoded());
    ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
    byte[] der = new ECPrivateKey(256, inner.getKey(), info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
    return SiteCertificate.pem("EC PRIVATE KEY", der);
  }

  private static String traditional(KeyPair pair) throws Exception {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(pair);
    }
    return text.toString();
  }
}
