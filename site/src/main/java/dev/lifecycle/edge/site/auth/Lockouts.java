package dev.lifecycle.edge.site.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The failed-login counts of users ({@code user:NAME}) and addresses ({@code address:IP}), kept in
 * {@code DIR/auth/lockouts.json} so that a restart does not lift a lockout. Entries with nothing left to remember
 * are dropped on the next write.
 */
public final class Lockouts {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path file;
  private final Map<String, Attempts> attempts = new TreeMap<>();

  public Lockouts(Path authDir) {
    this.file = authDir.resolve("lockouts.json");
    if (Files.exists(file)) {
      try {
        attempts.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Attempts>>() { }));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the login lockouts from " + file, e);
      }
    }
  }

  public static String userKey(String user) {
    return "user:" + user;
  }

  public static String addressKey(String address) {
    return "address:" + address;
  }

  public synchronized Attempts get(String key) {
    return attempts.getOrDefault(key, Attempts.NONE);
  }

  /** Stores the attempts of the given keys; on disk before it returns. */
  public synchronized void put(Map<String, Attempts> changes, Instant now) {
    Map<String, Attempts> next = new TreeMap<>(attempts);
    next.putAll(changes);
    next.replaceAll((key, value) -> LoginRules.current(value, now));
    next.values().removeIf(Attempts::isNone);
    if (next.equals(attempts)) {
      return;
    }
    try {
      OwnerOnlyFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(next));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the login lockouts to " + file, e);
    }
    attempts.clear();
    attempts.putAll(next);
  }
}
