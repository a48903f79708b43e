package dev.lifecycle.edge.agent.state;

import dev.lifecycle.edge.wire.Json;
import dev.lifecycle.edge.wire.Site;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state directory of a real host: {@code credential.json} (namespace, host, credential) and
 * {@code handled-plan.json} and {@code applied-site.json} (the site settings the configure hook last
 * applied), and for a host of a site controller {@code link.json} (the controller and its pinned certificate),
 * all readable by their owner only and replaced atomically, in a directory only the owner can enter.
 */
public final class FileStateStore implements StateStore {

  /** The file that holds the credential. */
  public static final String CREDENTIAL_FILE = "credential.json";
  /** The file that holds the last plan finished. */
  public static final String HANDLED_PLAN_FILE = "handled-plan.json";
  /** The file that holds the site settings last applied. */
  public static final String APPLIED_SITE_FILE = "applied-site.json";

  /** The file that holds the site controller a host is linked to. */
  public static final String LINK_FILE = "link.json";

  private static final Logger LOG = LoggerFactory.getLogger(FileStateStore.class);
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

  private final Path directory;

  /**
   * @param directory the state directory; created (owner only) when missing
   * @throws UncheckedIOException when it cannot be created
   */
  public FileStateStore(Path directory) {
    this.directory = directory;
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the state directory " + directory + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<StoredCredential> loadCredential() {
    return read(CREDENTIAL_FILE, StoredCredential.class)
        .filter(stored -> stored.credential() != null && !stored.credential().isBlank());
  }

  @Override
  public void saveCredential(StoredCredential credential) {
    write(CREDENTIAL_FILE, credential);
  }

  @Override
  public void clearCredential() {
    try {
      Files.deleteIfExists(directory.resolve(CREDENTIAL_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory.resolve(CREDENTIAL_FILE), e);
    }
  }

  @Override
  public Optional<HandledPlan> loadHandledPlan() {
    return read(HANDLED_PLAN_FILE, HandledPlan.class);
  }

  @Override
  public void saveHandledPlan(HandledPlan plan) {
    write(HANDLED_PLAN_FILE, plan);
  }

  @Override
  public Optional<Site> loadAppliedSite() {
    return read(APPLIED_SITE_FILE, Site.class);
  }

  @Override
  public void saveAppliedSite(Site site) {
    write(APPLIED_SITE_FILE, site);
  }

  /** The site controller this host is linked to, if it is. */
  public Optional<StoredLink> loadLink() {
    return read(LINK_FILE, StoredLink.class).filter(link -> link.controller() != null && link.fingerprint() != null);
  }

  /** Keeps {@code link}, replacing the previous one. */
  public void saveLink(StoredLink link) {
    write(LINK_FILE, link);
  }

  /**
   * Forgets what this host holds of the controller it talked to: its credential and the last plan it finished
   * (another controller's plan generations are not that one's). The applied site settings are the host's own
   * and stay.
   */
  public void forgetController() {
    clearCredential();
    try {
      Files.deleteIfExists(directory.resolve(HANDLED_PLAN_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory.resolve(HANDLED_PLAN_FILE), e);
    }
  }

  private <T> Optional<T> read(String name, Class<T> type) {
    Path file = directory.resolve(name);
    try {
      return Optional.of(Json.read(Files.readString(file), type));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn("Ignoring unreadable {}: {}", file, e.getMessage());
      return Optional.empty();
    } catch (UncheckedIOException e) {
      // Not the parser's message: it may quote the file, and the file may hold the credential.
      LOG.warn("Ignoring {}: not the JSON the agent writes", file);
      return Optional.empty();
    }
  }

  private void write(String name, Object value) {
    Path target = directory.resolve(name);
    try {
      Path temporary = Files.createTempFile(directory, "." + name, ".tmp",
          PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
      Files.writeString(temporary, Json.write(value));
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
