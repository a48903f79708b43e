package dev.lifecycle.edge.bundle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The blobs a site holds, by digest: what a delta bundle may leave out. File form (docs/bundles.md, "Site
 * inventory"): {@code {"format": "edge.lifecycle.dev/site-inventory", "formatVersion": 1, "digests": [...]}}.
 * Its own digest is over its content, not its file's bytes: sha256 of the sorted distinct digests, each followed
 * by a newline ({@code sort -u digests.txt | sha256sum}), so the same holdings always have the same digest.
 */
public final class SiteInventory {

  public static final String FORMAT = "edge.lifecycle.dev/site-inventory";
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Set<String> digests;

  private SiteInventory(Set<String> digests) {
    this.digests = Collections.unmodifiableSet(digests);
  }

  public static SiteInventory of(Collection<String> digests) {
    TreeSet<String> sorted = new TreeSet<>();
    for (String digest : digests) {
      sorted.add(ArchiveFile.checkDigest(digest));
    }
    return new SiteInventory(sorted);
  }

  public static SiteInventory empty() {
    return new SiteInventory(new TreeSet<>());
  }

  @JsonPropertyOrder({"format", "formatVersion", "digests"})
  record Json(String format, Integer formatVersion, List<String> digests) {
  }

  public static SiteInventory parse(byte[] json) {
    Json read;
    try {
      read = JSON.readValue(json, Json.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a site inventory: " + e.getMessage());
    }
    if (read == null || !FORMAT.equals(read.format())) {
      throw new IllegalArgumentException("not a site inventory: \"format\" is not " + FORMAT);
    }
    if (read.formatVersion() == null || read.formatVersion() != FORMAT_VERSION) {
      throw new IllegalArgumentException("site inventory version " + read.formatVersion() + ": this program reads "
          + FORMAT_VERSION);
    }
    if (read.digests() == null) {
      throw new IllegalArgumentException("the site inventory has no \"digests\" array");
    }
    return of(read.digests());
  }

  public static SiteInventory read(Path file) throws IOException {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public byte[] toJson() {
    try {
      return (JSON.writeValueAsString(new Json(FORMAT, FORMAT_VERSION, List.copyOf(digests))) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean contains(String digest) {
    return digests.contains(digest);
  }

  /** Sorted. */
  public Set<String> digests() {
    return digests;
  }

  public String digest() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (String digest : digests) {
        sha256.update((digest + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
