package dev.lifecycle.edge.site.server;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A new self-signed EC P-256 certificate for the site controller, for the names given. A site has no CA its
 * hosts know: agents pin this certificate by its fingerprint (link tokens carry it), so it is made once and
 * kept, valid for {@link #VALIDITY}, since a new one would break every pin.
 */
public final class SelfSignedCertificate {

  /** Ten years (and a day's margin back, for a clock behind): a site runs for years and cannot renew a pin. */
  public static final Duration VALIDITY = Duration.ofDays(3653);

  private SelfSignedCertificate() {
  }

  /**
   * @param siteName put in the subject (CN), for a person who looks at the certificate
   * @param names the SubjectAltNames
   */
  public static SiteCertificate create(String siteName, SubjectNames names, Instant now) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
          .addRDN(BCStyle.O, "edge.lifecycle.dev site controller")
          .addRDN(BCStyle.CN, cn(siteName))
          .build();
      // positive, 127 bits of randomness: RFC 5280 allows up to 20 octets
      BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new SiteCertificate(List.of(certificate), pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot make the site controller's certificate: " + e.getMessage(), e);
    }
  }

  private static GeneralNames alternativeNames(SubjectNames names) {
    List<GeneralName> all = new ArrayList<>();
    names.dnsNames().forEach(dns -> all.add(new GeneralName(GeneralName.dNSName, dns)));
    names.addresses().forEach(ip -> all.add(new GeneralName(GeneralName.iPAddress, ip)));
    return new GeneralNames(all.toArray(GeneralName[]::new));
  }

  /** A CN is at most 64 characters. */
  private static String cn(String siteName) {
    return siteName.length() <= 64 ? siteName : siteName.substring(0, 64);
  }
}
