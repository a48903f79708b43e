package dev.lifecycle.edge.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where a benchmark writes: the directory the user named, kept, or a temporary one, deleted at the end. */
final class WorkDirectory {

  /** What runs in the directory. */
  interface Body {
    int run(Path work) throws Exception;
  }

  private WorkDirectory() {
  }

  /**
   * Runs {@code body} in {@code named} (created if missing, kept afterwards) or, when it is null, in a new temporary
   * directory named after {@code prefix}, deleted afterwards.
   */
  static int use(Path named, String prefix, Body body) throws Exception {
    Path work = named != null ? Files.createDirectories(named) : Files.createTempDirectory(prefix);
    try {
      return body.run(work);
    } finally {
      if (named == null) {
        deleteTree(work);
      }
    }
  }

  /** Deletes a file or a directory and all it holds; nothing when it is not there. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
