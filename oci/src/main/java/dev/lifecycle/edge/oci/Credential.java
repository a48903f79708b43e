package dev.lifecycle.edge.oci;

/**
 * A user name and password (or token) for one registry, and where it came from, for error messages.
 * {@link #toString()} never shows the password.
 */
public record Credential(String username, String password, String source) {

  public Credential {
    if (username == null || username.isEmpty() || password == null) {
      throw new IllegalArgumentException("a credential needs a user name and a password (from " + source + ")");
    }
  }

  @Override
  public String toString() {
    return "user '" + username + "' from " + source;
  }
}
