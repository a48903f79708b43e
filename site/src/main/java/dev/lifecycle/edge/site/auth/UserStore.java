package dev.lifecycle.edge.site.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The site's users, in {@code DIR/auth/users.json} (mode 0600, replaced atomically on every change). */
public final class UserStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, User> users = new LinkedHashMap<>();

  public UserStore(Path authDir) {
    this.file = authDir.resolve("users.json");
    if (Files.exists(file)) {
      try {
        List<User> stored = JSON.readValue(file.toFile(), new TypeReference<List<User>>() { });
        stored.forEach(user -> users.put(user.name(), user));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the site's users from " + file, e);
      }
    }
  }

  public synchronized Optional<User> find(String name) {
    return Optional.ofNullable(name == null ? null : users.get(name));
  }

  public synchronized boolean isEmpty() {
    return users.isEmpty();
  }

  /** Stores {@code user}, replacing the one of the same name; on disk before it returns. */
  public synchronized void put(User user) {
    Map<String, User> next = new LinkedHashMap<>(users);
    next.put(user.name(), user);
    try {
      OwnerOnlyFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new ArrayList<>(next.values())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the site's users to " + file, e);
    }
    users.clear();
    users.putAll(next);
  }
}
