package dev.lifecycle.edge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options naming the keys a verifying command trusts (a picocli mixin): the PEM file of trusted public keys,
 * required, and the key rotation statements to apply to them, in order. Loading them is the verifier's
 * ({@code TrustStore.load(trust(), rotations())}).
 */
public final class TrustKeyOptions {

  @Option(names = "--trust", required = true, paramLabel = "TRUST.pem",
      description = "Trusted public keys: PEM text with one or more PUBLIC KEY blocks (Ed25519 or EC P-256).")
  private Path trust;

  @Option(names = "--rotation", paramLabel = "ROTATION.json",
      description = "Key rotation statements (`keys rotate`) to apply to the trusted keys, in order; repeatable.")
  private List<Path> rotations = new ArrayList<>();

  /** The PEM file of trusted public keys. */
  public Path trust() {
    return trust;
  }

  /** The rotation statements, in the order given. */
  public List<Path> rotations() {
    return List.copyOf(rotations);
  }
}
