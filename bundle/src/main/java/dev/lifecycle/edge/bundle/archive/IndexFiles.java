package dev.lifecycle.edge.bundle.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of an index every signed archive shares: the array {@code files} of {@code {path, digest, size}}.
 * Other fields belong to the kind of archive (a content bundle, a cluster definition) and are left to it.
 */
public final class IndexFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private IndexFiles() {
  }

  /** The files an index lists, in order; refuses a malformed list, a duplicate path or an unsafe path. */
  public static List<ArchiveFile> parse(byte[] index) {
    JsonNode root;
    try {
      root = JSON.readTree(index);
    } catch (IOException e) {
      throw new IllegalArgumentException("the index is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject() || !root.path("files").isArray()) {
      throw new IllegalArgumentException("the index has no \"files\" array");
    }
    List<ArchiveFile> files = new ArrayList<>();
    Set<String> paths = new HashSet<>();
    for (JsonNode file : root.get("files")) {
      if (!file.path("path").isTextual() || !file.path("digest").isTextual() || !file.path("size").isIntegralNumber()
          || !file.path("size").canConvertToLong()) {
        throw new IllegalArgumentException("a files entry without a path, a digest or a whole-number size: " + file);
      }
      ArchiveFile parsed = new ArchiveFile(file.get("path").asText(), file.get("digest").asText(),
          file.get("size").asLong());
      if (!paths.add(parsed.path())) {
        throw new IllegalArgumentException("the index lists " + parsed.path() + " twice");
      }
      files.add(parsed);
    }
    return files;
  }
}
