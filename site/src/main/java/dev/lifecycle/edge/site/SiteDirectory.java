package dev.lifecycle.edge.site;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The site controller's data directory ({@code --data-dir}) and where each part keeps its files under it
 * (docs/disconnected-sites.md, "Running the site controller"). Each part creates its own subdirectory.
 *
 * @param root the directory itself, absolute
 */
public record SiteDirectory(Path root) {

  public SiteDirectory {
    root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The durable API log of the embedded store. */
  public Path store() {
    return root.resolve("store");
  }

  /** Blobs by digest, bundles and definitions. */
  public Path content() {
    return root.resolve("content");
  }

  /** The site's TLS certificate and key. */
  public Path tls() {
    return root.resolve("tls");
  }

  /** Password hashes, the session key and the initial admin password. */
  public Path auth() {
    return root.resolve("auth");
  }

  /** The file the initial admin password is written to, readable by its owner only. */
  public Path initialAdminPassword() {
    return auth().resolve("initial-admin-password");
  }

  /** The audit log. */
  public Path audit() {
    return root.resolve("audit");
  }

  /** The lock that keeps a second site controller off this directory. */
  public Path lock() {
    return root.resolve("site.lock");
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
