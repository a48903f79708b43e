package dev.lifecycle.edge.site.content;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code DIR/content/bundles.json}: the bundles the store holds. Replaced whole and atomically (a temporary file,
 * written and synced, renamed over it, the directory synced), so that after a crash it is the old list or the new
 * one, never a mix.
 */
final class ContentIndexFile {

  static final String NAME = "bundles.json";
  static final String FORMAT = "edge.lifecycle.dev/site-content";
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  @JsonPropertyOrder({"format", "formatVersion", "bundles"})
  record Json(String format, int formatVersion, List<BundleRecord> bundles) {
  }

  private final Path file;

  ContentIndexFile(Path directory) {
    this.file = directory.resolve(NAME);
  }

  /** The recorded bundles; none when the file does not exist yet. */
  List<BundleRecord> read() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    Json json;
    try {
      json = JSON.readValue(file.toFile(), Json.class);
    } catch (IOException e) {
      throw new IOException(file + " is not a content index: " + e.getMessage(), e);
    }
    if (json == null || !FORMAT.equals(json.format()) || json.formatVersion() != FORMAT_VERSION) {
      throw new IOException(file + " is not a content index of format " + FORMAT + " version " + FORMAT_VERSION);
    }
    return json.bundles() == null ? List.of() : List.copyOf(json.bundles());
  }

  void write(List<BundleRecord> bundles) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(new Json(FORMAT, FORMAT_VERSION, bundles));
    Path temporary = file.resolveSibling(NAME + ".tmp");
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Durability.syncDirectory(file.getParent());
  }
}
