package dev.lifecycle.edge.site.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file and directory under a root, with each file's sha256: two equal snapshots are byte-identical trees. */
public final class DirectorySnapshot {

  private DirectorySnapshot() {
  }

  public static Map<String, String> of(Path root) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> tree = Files.walk(root)) {
      tree.forEach(path -> entries.put(root.relativize(path).toString(), Files.isDirectory(path) ? "dir" : hash(path)));
    }
    return entries;
  }

  private static String hash(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
