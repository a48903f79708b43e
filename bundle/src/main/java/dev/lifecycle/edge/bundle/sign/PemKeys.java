package dev.lifecycle.edge.bundle.sign;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text for keys: {@code PUBLIC KEY} blocks (X.509 SubjectPublicKeyInfo, as {@code openssl pkey -pubout}
 * writes) and {@code PRIVATE KEY} blocks (unencrypted PKCS#8, as {@code openssl genpkey} writes).
 */
public final class PemKeys {

  static final String PUBLIC = "PUBLIC KEY";
  static final String PRIVATE = "PRIVATE KEY";
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

  private PemKeys() {
  }

  /** One PEM block: its label and its DER bytes. */
  record Block(String label, byte[] der) {
  }

  static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(text);
    while (matcher.find()) {
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(matcher.group(2));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the PEM block " + matcher.group(1) + " is not valid base64");
      }
      blocks.add(new Block(matcher.group(1), der));
    }
    return blocks;
  }

  /** Every {@code PUBLIC KEY} block of the text; refuses text with none, or with a key of an unsupported kind. */
  public static List<PublicKey> readPublicKeys(String text) {
    List<PublicKey> keys = new ArrayList<>();
    for (Block block : blocks(text)) {
      if (PUBLIC.equals(block.label())) {
        keys.add(publicKey(block.der()));
      } else if (PRIVATE.equals(block.label()) || block.label().endsWith("PRIVATE KEY")) {
        throw new IllegalArgumentException("a private key where public keys were expected: give the .pub file");
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block found");
    }
    return keys;
  }

  public static PublicKey readPublicKey(String text) {
    List<PublicKey> keys = readPublicKeys(text);
    if (keys.size() != 1) {
      throw new IllegalArgumentException("expected one public key, found " + keys.size());
    }
    return keys.get(0);
  }

  static PublicKey publicKey(byte[] der) {
    X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
    for (String factory : new String[] {"Ed25519", "EC"}) {
      try {
        PublicKey key = KeyFactory.getInstance(factory).generatePublic(spec);
        SignatureAlgorithm.of(key);
        return key;
      } catch (GeneralSecurityException e) {
        // not this kind of key: try the next
      }
    }
    throw new IllegalArgumentException("the PUBLIC KEY block is neither an Ed25519 nor an EC P-256 public key");
  }

  static PrivateKey privateKey(String label, byte[] der) {
    switch (label) {
      case "EC PRIVATE KEY" -> throw new IllegalArgumentException("an SEC1 \"EC PRIVATE KEY\": convert it to PKCS#8 "
          + "with `openssl pkcs8 -topk8 -nocrypt`");
      case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
          "an encrypted private key: give it unencrypted (`openssl pkcs8 -topk8 -nocrypt`), kept where only you read it");
      case PRIVATE -> {
        // read below
      }
      default -> throw new IllegalArgumentException("a PEM block \"" + label + "\" where a PRIVATE KEY was expected");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String factory : new String[] {"Ed25519", "EC"}) {
      try {
        PrivateKey key = KeyFactory.getInstance(factory).generatePrivate(spec);
        SignatureAlgorithm.of(key);
        return key;
      } catch (GeneralSecurityException e) {
        // not this kind of key: try the next
      }
    }
    throw new IllegalArgumentException("the PRIVATE KEY block is neither an Ed25519 nor an EC P-256 private key");
  }

  public static String toPem(PublicKey key) {
    return pem(PUBLIC, key.getEncoded());
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }
}
