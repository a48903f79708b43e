package dev.lifecycle.edge.bundle.sign;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

final class Signatures {

  private Signatures() {
  }

  /** Whether the value is a valid signature of the data by the key; a malformed value is simply not valid. */
  static boolean valid(SignatureAlgorithm algorithm, PublicKey key, byte[] data, byte[] value) {
    try {
      Signature signature = Signature.getInstance(algorithm.jcaName());
      signature.initVerify(key);
      signature.update(data);
      return signature.verify(value);
    } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot verify " + algorithm.id() + " signatures", e);
    }
  }
}
