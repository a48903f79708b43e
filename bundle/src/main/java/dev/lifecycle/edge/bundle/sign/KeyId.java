package dev.lifecycle.edge.bundle.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A key's name: {@code sha256:<hex>} of its public key's DER SubjectPublicKeyInfo encoding. */
public record KeyId(String value) implements Comparable<KeyId> {

  private static final Pattern FORM = Pattern.compile("sha256:[0-9a-f]{64}");

  public KeyId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("a key id is sha256: and 64 lowercase hex digits, not \"" + value + "\"");
    }
  }

  public static KeyId of(PublicKey key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return new KeyId("sha256:" + HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  @Override
  public int compareTo(KeyId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
