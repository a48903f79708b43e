package dev.lifecycle.edge.bundle.sign;

/** What a trust store says of a signature over some bytes. */
public sealed interface SignatureVerdict {

  /** Signed by this trusted key, and the signature is valid. */
  record Trusted(KeyId signer) implements SignatureVerdict {
  }

  /** Not to be trusted, and why. */
  record Rejected(Why why, String message) implements SignatureVerdict {
  }

  enum Why {
    /** The key that signed is not in the trust store. */
    UNTRUSTED_KEY,
    /** The key that signed was revoked by a rotation statement. */
    REVOKED_KEY,
    /** The key is trusted but the signature does not match the bytes (they were changed, or it is forged). */
    BAD_SIGNATURE
  }
}
