package dev.lifecycle.edge.site;

import dev.lifecycle.edge.bundle.sign.PemKeys;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The public keys of {@code --trust-key} files, which content bundles and cluster definitions are verified against. */
public final class TrustKeys {

  private TrustKeys() {
  }

  /**
   * Every PUBLIC KEY block of every file, in one trust store; empty when no file is given.
   *
   * @throws IllegalArgumentException naming the file that cannot be read or holds no usable public key
   */
  public static Optional<TrustStore> load(List<Path> files) {
    if (files.isEmpty()) {
      return Optional.empty();
    }
    List<PublicKey> keys = new ArrayList<>();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the trusted key file " + file + ": " + e.getMessage(), e);
      }
      try {
        List<PublicKey> read = PemKeys.readPublicKeys(text);
        if (read.isEmpty()) {
          throw new IllegalArgumentException("it holds no PUBLIC KEY block");
        }
        keys.addAll(read);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the trusted key file " + file + " is not usable: " + e.getMessage(), e);
      }
    }
    try {
      return Optional.of(TrustStore.of(keys));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the trusted keys are not usable: " + e.getMessage(), e);
    }
  }
}
