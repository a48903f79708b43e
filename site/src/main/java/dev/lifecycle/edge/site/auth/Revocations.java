package dev.lifecycle.edge.site.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sessions logged out before they expire: their ids, each kept until no token of that session can be valid any
 * more (its login plus {@link SessionJudge#MAX_AGE}), in {@code DIR/auth/revoked-sessions.json}.
 */
public final class Revocations {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path file;
  private final Map<String, Instant> revoked = new TreeMap<>();

  public Revocations(Path authDir) {
    this.file = authDir.resolve("revoked-sessions.json");
    if (Files.exists(file)) {
      try {
        revoked.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Instant>>() { }));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the revoked sessions from " + file, e);
      }
    }
  }

  public synchronized boolean contains(String sid) {
    return revoked.containsKey(sid);
  }

  public synchronized void revoke(String sid, Instant keepUntil, Instant now) {
    Map<String, Instant> next = new TreeMap<>(revoked);
    next.values().removeIf(until -> !now.isBefore(until));
    next.put(sid, keepUntil);
    try {
      OwnerOnlyFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(next));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the revoked sessions to " + file, e);
    }
    revoked.clear();
    revoked.putAll(next);
  }
}
