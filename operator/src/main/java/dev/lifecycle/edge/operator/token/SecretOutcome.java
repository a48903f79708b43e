package dev.lifecycle.edge.operator.token;

/**
 * What ensuring a token's Secret did.
 *
 * @param kind what happened
 * @param secretName the Secret's name (also set on a conflict: the name that is taken)
 * @param detail for a person: why a token was re-issued, or who holds a conflicting Secret; never a token value
 * @param tokenHash SHA-256 of the token the Secret holds, or null on a conflict
 */
public record SecretOutcome(Kind kind, String secretName, String detail, String tokenHash) {

  /** An outcome without a token (a conflict, or in tests). */
  public SecretOutcome(Kind kind, String secretName, String detail) {
    this(kind, secretName, detail, null);
  }

  /** What happened to the Secret. */
  public enum Kind {
    /** The Secret holds the token and the current user-data: nothing written. */
    UNCHANGED,
    /** The user-data was re-rendered with the same token. */
    UPDATED,
    /** A first Secret was created with a new token. */
    ISSUED,
    /** A new token replaced one that is gone (Secret deleted, or its token key removed). */
    REISSUED,
    /** A Secret of that name exists and is not this token's: left untouched. */
    CONFLICT,
    /** The token's ImageRegistry cannot be used and no Secret exists yet: none is made until it can. */
    HELD
  }

  public boolean available() {
    return kind != Kind.CONFLICT && kind != Kind.HELD;
  }
}
