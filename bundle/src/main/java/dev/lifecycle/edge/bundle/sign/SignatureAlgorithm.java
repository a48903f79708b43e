package dev.lifecycle.edge.bundle.sign;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The signature algorithms a bundle, a definition or a key rotation may be signed with, all from the JDK. */
public enum SignatureAlgorithm {
  /** EdDSA over Curve25519 (RFC 8032): a 64-byte signature. */
  ED25519("Ed25519", "Ed25519"),
  /** ECDSA over NIST P-256 (secp256r1) with SHA-256; the signature is ASN.1 DER encoded, as the JDK writes it. */
  ECDSA_P256_SHA256("ECDSA-P256-SHA256", "SHA256withECDSA");

  private static final ECParameterSpec P256 = p256();

  private final String id;
  private final String jcaName;

  SignatureAlgorithm(String id, String jcaName) {
    this.id = id;
    this.jcaName = jcaName;
  }

  /** The name written in signature files. */
  public String id() {
    return id;
  }

  String jcaName() {
    return jcaName;
  }

  public static SignatureAlgorithm fromId(String id) {
    for (SignatureAlgorithm algorithm : values()) {
      if (algorithm.id.equals(id)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException("unknown signature algorithm \"" + id + "\"; known: "
        + Arrays.stream(values()).map(SignatureAlgorithm::id).collect(Collectors.joining(", ")));
  }

  /** The algorithm a key is for; refuses keys of other kinds (RSA, Ed448, EC curves other than P-256). */
  public static SignatureAlgorithm of(Key key) {
    if (key instanceof EdECKey edKey) {
      String curve = edKey.getParams().getName();
      if ("Ed25519".equalsIgnoreCase(curve)) {
        return ED25519;
      }
      throw new IllegalArgumentException("an EdDSA key on " + curve + ": only Ed25519 is supported");
    }
    if (key instanceof ECKey ecKey) {
      ECParameterSpec params = ecKey.getParams();
      if (params.getCurve().equals(P256.getCurve()) && params.getOrder().equals(P256.getOrder())
          && params.getGenerator().equals(P256.getGenerator())) {
        return ECDSA_P256_SHA256;
      }
      throw new IllegalArgumentException("an EC key on a curve other than P-256 (secp256r1): not supported");
    }
    throw new IllegalArgumentException("a " + key.getAlgorithm() + " key: only Ed25519 and ECDSA P-256 keys are supported");
  }

  /** A new random key pair for this algorithm. */
  public KeyPair generateKeyPair() {
    try {
      return switch (this) {
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        case ECDSA_P256_SHA256 -> {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp256r1"));
          yield generator.generateKeyPair();
        }
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate " + id + " keys", e);
    }
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK does not know the P-256 curve", e);
    }
  }
}
