package dev.lifecycle.edge.operator.gateway.registration;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.operator.security.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host's credential: {@code ehc1.<base64url(namespace/host)>.<base64url(32 random bytes)>}. It names
 * its host, so the gateway finds the host without a search, and it only ever acts on that host: the
 * SHA-256 of the whole credential is what the host's status keeps and what a presented credential
 * must hash to.
 *
 * @param namespace the host's namespace
 * @param host the host's name
 */
public record HostCredential(String namespace, String host) {

  static final String PREFIX = "ehc1";
  private static final int SECRET_BYTES = 32;
  private static final int MAX_LENGTH = 512;
  private static final Pattern BASE64URL = Pattern.compile("^[A-Za-z0-9_-]+$");
  private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  /** Compared against when a host has no credential, so that both cases take the same time. */
  private static final String NO_HASH = Hashes.sha256("no credential was ever issued to this host");

  /** A new credential for the host, with a fresh 256-bit secret. */
  static String issue(String namespace, String host, SecureRandom random) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return of(namespace, host, ENCODER.encodeToString(secret));
  }

  /**
   * The host's credential ending with {@code secret}, one the agent drew for its registration (checked with
   * {@link #isSecret} first): the same registration sent again rebuilds the same credential.
   */
  static String of(String namespace, String host, String secret) {
    return PREFIX + "." + ENCODER.encodeToString((namespace + "/" + host).getBytes(StandardCharsets.UTF_8)) + "."
        + secret;
  }

  /** Whether {@code text} is a credential's secret: 32 bytes in base64url without padding (43 characters). */
  public static boolean isSecret(String text) {
    return text != null && text.length() == 43 && BASE64URL.matcher(text).matches()
        && decode(text).map(bytes -> bytes.length == SECRET_BYTES).orElse(false);
  }

  /** What the host's status keeps of a credential. */
  static String hash(String credential) {
    return Hashes.sha256(credential);
  }

  /**
   * Whether the credential is the host's current one: it names the host, and hashes (compared in
   * constant time) to the hash the host's status keeps. The hash is computed whether or not there is
   * a host, so that the answer takes the same time. Pure.
   */
  public static boolean proves(String credential, Optional<EdgeHost> host) {
    boolean matches = Hashes.matches(credential, host.flatMap(HostCredential::currentHash).orElse(NO_HASH));
    return matches && host.isPresent() && parse(credential).equals(Optional.of(new HostCredential(
        host.get().getMetadata().getNamespace(), host.get().getMetadata().getName())));
  }

  /**
   * Whether the host's current credential is the one made with {@code secret} (a registration's own, see
   * {@link #of}): it was issued to a registration that carried this secret. Pure, constant-time compare.
   */
  public static boolean madeWith(Optional<String> secret, EdgeHost host) {
    return secret.map(own -> proves(of(host.getMetadata().getNamespace(), host.getMetadata().getName(), own),
        Optional.of(host))).orElse(false);
  }

  /** The hash of the host's current credential, when one was issued. */
  public static Optional<String> currentHash(EdgeHost host) {
    return Optional.ofNullable(host.getStatus())
        .map(status -> status.getRegistration())
        .map(registration -> registration.getCredentialHash());
  }

  /** The host a well-formed credential names; empty for anything else. */
  public static Optional<HostCredential> parse(String credential) {
    if (credential == null || credential.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String[] parts = credential.split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(PREFIX) || !BASE64URL.matcher(parts[1]).matches()
        || !BASE64URL.matcher(parts[2]).matches()) {
      return Optional.empty();
    }
    Optional<byte[]> secret = decode(parts[2]);
    if (secret.isEmpty() || secret.get().length != SECRET_BYTES) {
      return Optional.empty();
    }
    return decode(parts[1]).flatMap(HostCredential::subject);
  }

  private static Optional<HostCredential> subject(byte[] bytes) {
    String subject = new String(bytes, StandardCharsets.UTF_8);
    int slash = subject.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String namespace = subject.substring(0, slash);
    String host = subject.substring(slash + 1);
    if (!NAME.matcher(namespace).matches() || !NAME.matcher(host).matches()) {
      return Optional.empty();
    }
    return Optional.of(new HostCredential(namespace, host));
  }

  private static Optional<byte[]> decode(String text) {
    try {
      return Optional.of(Base64.getUrlDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
