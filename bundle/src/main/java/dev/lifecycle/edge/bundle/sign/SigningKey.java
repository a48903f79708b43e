package dev.lifecycle.edge.bundle.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;

/**
 * A private key with its public key, able to sign. Its file form is one PEM file holding a {@code PRIVATE KEY}
 * block (PKCS#8) and the matching {@code PUBLIC KEY} block: the JDK cannot derive the public key of every key
 * kind from the private one, and the key id is the public key's hash.
 */
public final class SigningKey {

  private final SignatureAlgorithm algorithm;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final KeyId keyId;

  private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
    this.algorithm = SignatureAlgorithm.of(publicKey);
    if (SignatureAlgorithm.of(privateKey) != algorithm) {
      throw new IllegalArgumentException("the private key is " + SignatureAlgorithm.of(privateKey).id()
          + " but the public key is " + algorithm.id());
    }
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = KeyId.of(publicKey);
  }

  /** A key pair; refuses a public key that does not belong to the private key. */
  public static SigningKey of(KeyPair pair) {
    SigningKey key = new SigningKey(pair.getPrivate(), pair.getPublic());
    byte[] probe = "edge-lifecycle key pair check".getBytes(StandardCharsets.UTF_8);
    if (!Signatures.valid(key.algorithm, key.publicKey, probe, key.sign(probe).value())) {
      throw new IllegalArgumentException("the public key does not belong to the private key");
    }
    return key;
  }

  public static SigningKey generate(SignatureAlgorithm algorithm) {
    return of(algorithm.generateKeyPair());
  }

  /** Reads the PEM form (a PRIVATE KEY and a PUBLIC KEY block, in any order). */
  public static SigningKey fromPem(String text) {
    PrivateKey privateKey = null;
    PublicKey publicKey = null;
    for (PemKeys.Block block : PemKeys.blocks(text)) {
      if (PemKeys.PUBLIC.equals(block.label())) {
        if (publicKey != null) {
          throw new IllegalArgumentException("a signing key file holds one PUBLIC KEY block, this one more");
        }
        publicKey = PemKeys.publicKey(block.der());
      } else {
        if (privateKey != null) {
          throw new IllegalArgumentException("a signing key file holds one PRIVATE KEY block, this one more");
        }
        privateKey = PemKeys.privateKey(block.label(), block.der());
      }
    }
    if (privateKey == null) {
      throw new IllegalArgumentException("no -----BEGIN PRIVATE KEY----- block found");
    }
    if (publicKey == null) {
      throw new IllegalArgumentException("the signing key file has no PUBLIC KEY block next to its PRIVATE KEY "
          + "(append the output of `openssl pkey -pubout` to it)");
    }
    return of(new KeyPair(publicKey, privateKey));
  }

  public static SigningKey read(Path file) throws IOException {
    try {
      return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** The PEM form: the private key first, then the public key. Secret: never log it. */
  public String toPem() {
    return PemKeys.pem(PemKeys.PRIVATE, privateKey.getEncoded()) + PemKeys.toPem(publicKey);
  }

  /**
   * Writes {@code <base>.key} (the PEM form, readable by its owner only where the file system has POSIX
   * permissions) and {@code <base>.pub} (the public key alone, for trust stores). Refuses to overwrite.
   */
  public List<Path> writeFiles(Path base) throws IOException {
    Path privateFile = base.resolveSibling(base.getFileName() + ".key");
    Path publicFile = base.resolveSibling(base.getFileName() + ".pub");
    for (Path file : List.of(privateFile, publicFile)) {
      if (Files.exists(file)) {
        throw new IOException(file + " exists already; not overwritten");
      }
    }
    Files.createFile(privateFile);
    try {
      Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // a file system without POSIX permissions: the file keeps its default access
    }
    Files.writeString(privateFile, toPem(), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    Files.writeString(publicFile, PemKeys.toPem(publicKey), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
    return List.of(privateFile, publicFile);
  }

  public DetachedSignature sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance(algorithm.jcaName());
      signature.initSign(privateKey);
      signature.update(data);
      return new DetachedSignature(algorithm, keyId, signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with " + algorithm.id() + " failed", e);
    }
  }

  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public KeyId keyId() {
    return keyId;
  }

  @Override
  public String toString() {
    return "SigningKey[" + algorithm.id() + " " + keyId + "]";
  }
}
