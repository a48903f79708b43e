package dev.lifecycle.edge.operator.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code definition.json}, the index of a cluster definition (docs/definitions.md): the profile versions it
 * holds, the namespace they were read from, whether it is signed and by which key, and every file with its
 * sha256 and size.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "formatVersion", "namespace", "signed", "signedBy", "profiles", "files"})
public record DefinitionIndex(String format, Integer formatVersion, String namespace, Boolean signed,
    String signedBy, List<Profile> profiles, List<ArchiveFile> files) {

  public static final String FILE_NAME = "definition.json";
  public static final String FORMAT = "edge.lifecycle.dev/cluster-definition";
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** One profile version: its object name, the profile it is a version of, its version and its two files. */
  @JsonPropertyOrder({"name", "profile", "version", "manifest", "variables", "variableNames"})
  public record Profile(String name, String profile, String version, String manifest, String variables,
      List<String> variableNames) {
  }

  public byte[] toJson() {
    try {
      return (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads and checks an index: its format and version, and that each profile's files are among {@code files}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static DefinitionIndex parse(byte[] json) {
    DefinitionIndex index;
    try {
      index = JSON.readValue(json, DefinitionIndex.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a cluster definition index: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a cluster definition index: " + e.getMessage());
    }
    if (index == null || !FORMAT.equals(index.format())) {
      throw new IllegalArgumentException("not a cluster definition: \"format\" is not " + FORMAT);
    }
    if (index.formatVersion() == null || index.formatVersion() != FORMAT_VERSION) {
      throw new IllegalArgumentException("cluster definition format version " + index.formatVersion()
          + ": this program reads " + FORMAT_VERSION);
    }
    if (index.signed() == null || index.profiles() == null || index.profiles().isEmpty() || index.files() == null) {
      throw new IllegalArgumentException("a cluster definition index needs \"signed\", \"profiles\" (at least one) "
          + "and \"files\"");
    }
    Set<String> paths = index.files().stream().map(ArchiveFile::path).collect(Collectors.toSet());
    for (Profile profile : index.profiles()) {
      if (profile.name() == null || profile.manifest() == null || profile.variables() == null) {
        throw new IllegalArgumentException("a profile of the index lacks its name, manifest or variables");
      }
      for (String file : List.of(profile.manifest(), profile.variables())) {
        if (!paths.contains(file)) {
          throw new IllegalArgumentException("profile " + profile.name() + " names " + file
              + ", which the index's files do not list");
        }
      }
    }
    return index;
  }
}
