package dev.lifecycle.edge.bundle.sign;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The public keys a site trusts, and the key ids it no longer trusts. Immutable: a key rotation gives a new
 * store. Its file form is PEM text with one or more {@code PUBLIC KEY} blocks (docs/bundles.md, "Trust store");
 * rotations are kept as their own files and applied in order with {@link #withRotation}.
 */
public final class TrustStore {

  private final Map<KeyId, PublicKey> trusted;
  private final Set<KeyId> revoked;

  private TrustStore(Map<KeyId, PublicKey> trusted, Set<KeyId> revoked) {
    this.trusted = Collections.unmodifiableMap(trusted);
    this.revoked = Collections.unmodifiableSet(revoked);
  }

  public static TrustStore of(Collection<PublicKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a trust store needs at least one public key");
    }
    Map<KeyId, PublicKey> trusted = new LinkedHashMap<>();
    for (PublicKey key : keys) {
      SignatureAlgorithm.of(key);
      trusted.put(KeyId.of(key), key);
    }
    return new TrustStore(trusted, new TreeSet<>());
  }

  public static TrustStore of(PublicKey... keys) {
    return of(List.of(keys));
  }

  /**
   * The trusted keys of a PEM file, with the key rotation statements of {@code rotations} applied in order: what a
   * command's {@code --trust} and {@code --rotation} options name.
   *
   * @throws IOException when a file cannot be read
   * @throws IllegalArgumentException when a file is not what it should be, or a rotation is not signed by a key
   *     trusted at that point
   */
  public static TrustStore load(java.nio.file.Path keys, java.util.List<java.nio.file.Path> rotations)
      throws java.io.IOException {
    TrustStore store = fromPem(java.nio.file.Files.readString(keys, java.nio.charset.StandardCharsets.US_ASCII));
    for (java.nio.file.Path rotation : rotations) {
      store = store.withRotation(java.nio.file.Files.readAllBytes(rotation));
    }
    return store;
  }

  /** Reads the PEM form: every PUBLIC KEY block is a trusted key. */
  public static TrustStore fromPem(String text) {
    return of(PemKeys.readPublicKeys(text));
  }

  /** The PEM form of the keys trusted now (revocations are not part of it: keep the rotation files). */
  public String toPem() {
    StringBuilder pem = new StringBuilder();
    trusted.values().forEach(key -> pem.append(PemKeys.toPem(key)));
    return pem.toString();
  }

  public Set<KeyId> trustedKeys() {
    return trusted.keySet();
  }

  public Set<KeyId> revokedKeys() {
    return revoked;
  }

  /** Whether the signature is valid over exactly these bytes and made by a key trusted and not revoked. */
  public SignatureVerdict verify(byte[] data, DetachedSignature signature) {
    KeyId signer = signature.keyId();
    if (revoked.contains(signer)) {
      return new SignatureVerdict.Rejected(SignatureVerdict.Why.REVOKED_KEY,
          "signed by key " + signer + ", which was revoked");
    }
    PublicKey key = trusted.get(signer);
    if (key == null) {
      return new SignatureVerdict.Rejected(SignatureVerdict.Why.UNTRUSTED_KEY,
          "signed by key " + signer + ", which is not among the trusted keys " + trusted.keySet());
    }
    if (SignatureAlgorithm.of(key) != signature.algorithm()) {
      return new SignatureVerdict.Rejected(SignatureVerdict.Why.BAD_SIGNATURE, "the signature says "
          + signature.algorithm().id() + " but key " + signer + " is " + SignatureAlgorithm.of(key).id());
    }
    if (!Signatures.valid(signature.algorithm(), key, data, signature.value())) {
      return new SignatureVerdict.Rejected(SignatureVerdict.Why.BAD_SIGNATURE, "the signature by key " + signer
          + " does not match the signed content: it was changed after signing, or the signature is forged");
    }
    return new SignatureVerdict.Trusted(signer);
  }

  /**
   * The store after a key rotation statement (the file form of {@link KeyRotation}): its new key becomes
   * trusted and the keys it names are revoked, provided a key trusted here signed it. A revoked key stays
   * revoked: a rotation cannot bring it back.
   *
   * @throws IllegalArgumentException naming why the statement is not accepted; this store is unchanged
   */
  public TrustStore withRotation(byte[] rotationFile) {
    KeyRotation.Signed signed = KeyRotation.parse(rotationFile);
    SignatureVerdict verdict = verify(signed.statementBytes(), signed.signature());
    if (verdict instanceof SignatureVerdict.Rejected rejected) {
      throw new IllegalArgumentException("key rotation refused: " + rejected.message());
    }
    KeyRotation rotation = signed.rotation();
    KeyId newKey = KeyId.of(rotation.newKey());
    if (revoked.contains(newKey)) {
      throw new IllegalArgumentException("key rotation refused: its new key " + newKey + " was revoked before");
    }
    Map<KeyId, PublicKey> nextTrusted = new LinkedHashMap<>(trusted);
    Set<KeyId> nextRevoked = new TreeSet<>(revoked);
    nextTrusted.put(newKey, rotation.newKey());
    for (KeyId gone : rotation.revokes()) {
      if (gone.equals(newKey)) {
        throw new IllegalArgumentException("key rotation refused: it revokes its own new key " + newKey);
      }
      nextTrusted.remove(gone);
      nextRevoked.add(gone);
    }
    return new TrustStore(nextTrusted, nextRevoked);
  }

  public TrustStore withRotation(String rotationFile) {
    return withRotation(rotationFile.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "TrustStore[trusted=" + trusted.keySet() + ", revoked=" + revoked + "]";
  }
}
