package dev.lifecycle.edge.oci;

/** What a credential source knows about one registry. */
public sealed interface CredentialLookup {

  /** Credentials to use. */
  record Found(Credential credential) implements CredentialLookup {
  }

  /** No credentials: pull anonymously. {@code searched} says where we looked, for error messages. */
  record None(String searched) implements CredentialLookup {
  }

  /** Credentials exist but this client cannot use them (a credential helper it does not run); the reason says what to do. */
  record Unusable(String reason) implements CredentialLookup {
  }
}
