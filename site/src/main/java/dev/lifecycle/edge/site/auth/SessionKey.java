package dev.lifecycle.edge.site.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The 256-bit HMAC key that signs the site API's sessions, generated on the first start into
 * {@code DIR/auth/session-key} (mode 0600) and read back afterwards, so sessions survive a restart. Deleting the
 * file ends every session.
 */
public final class SessionKey {

  public static final String FILE = "session-key";
  static final int BYTES = 32;

  private SessionKey() {
  }

  public static byte[] load(Path authDir, SecureRandom random) {
    Path file = authDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        byte[] key = Files.readAllBytes(file);
        if (key.length != BYTES) {
          throw new IllegalStateException(file + " holds " + key.length + " bytes, not a " + BYTES
              + "-byte session key; delete it to make a new one (every session ends)");
        }
        return key;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the session key " + file, e);
    }
    byte[] key = new byte[BYTES];
    random.nextBytes(key);
    OwnerOnlyFiles.create(file, key);
    return key;
  }
}
