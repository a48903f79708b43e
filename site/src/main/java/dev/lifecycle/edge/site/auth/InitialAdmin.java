package dev.lifecycle.edge.site.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first start of a site: an {@code admin} user with a random password that must be changed at the first login.
 * The password goes to {@code DIR/auth/initial-admin-password} (mode 0600) and nowhere else: only the file's path
 * is logged. The file is deleted once the password is changed.
 */
public final class InitialAdmin {

  private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);

  public static final String USER = "admin";
  public static final String FILE = "initial-admin-password";
  /** No look-alike characters (0/O, 1/l/I): a person may type it from a screen. */
  private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int LENGTH = 24;

  private InitialAdmin() {
  }

  /** Creates the admin user when the store has no user at all. */
  public static void ensure(UserStore users, Path authDir, Function<String, String> hasher, SecureRandom random) {
    if (!users.isEmpty()) {
      return;
    }
    StringBuilder password = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    Path file = authDir.resolve(FILE);
    try {
      Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot replace " + file, e);
    }
    OwnerOnlyFiles.create(file, (password + "\n").getBytes(StandardCharsets.UTF_8));
    users.put(new User(USER, hasher.apply(password.toString()), true, 0, null));
    LOG.info("Site API: created the user '{}'; its initial password is in {} (readable by this process's user "
        + "only); it must be changed at the first login", USER, file.toAbsolutePath());
  }

  /** Removes the initial password's file once it no longer works. */
  static void forget(Path authDir) {
    try {
      Files.deleteIfExists(authDir.resolve(FILE));
    } catch (java.io.IOException e) {
      LOG.warn("cannot delete {}: {}; it holds a password that no longer works", authDir.resolve(FILE),
          e.getMessage());
    }
  }
}
