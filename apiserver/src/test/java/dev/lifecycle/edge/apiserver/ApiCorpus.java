package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The api module's corpus of resources (api/src/test/resources/valid and invalid): one document is a create, two
 * (old, then new) an update; an invalid file names the API server's messages in {@code # expect:} lines.
 */
record ApiCorpus(String name, List<GenericKubernetesResource> documents, List<String> expected) {

  private static final Path ROOT = Path.of("..", "api", "src", "test", "resources");

  static Stream<ApiCorpus> valid() {
    return read("valid");
  }

  static Stream<ApiCorpus> invalid() {
    return read("invalid");
  }

  private static Stream<ApiCorpus> read(String directory) {
    try (Stream<Path> files = Files.list(ROOT.resolve(directory))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(ApiCorpus::of).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiCorpus of(Path file) {
    try {
      String yaml = Files.readString(file);
      List<GenericKubernetesResource> documents = Arrays.stream(yaml.split("(?m)^---\\s*$"))
          .filter(part -> part.lines().anyMatch(line -> line.startsWith("kind:")))
          .map(part -> Serialization.unmarshal(part, GenericKubernetesResource.class))
          .toList();
      List<String> expected = yaml.lines().filter(line -> line.startsWith("# expect:"))
          .map(line -> line.substring("# expect:".length()).trim()).toList();
      return new ApiCorpus(file.getFileName().toString(), documents, expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isUpdate() {
    return documents.size() == 2;
  }

  GenericKubernetesResource created() {
    return documents.get(0);
  }

  GenericKubernetesResource updated() {
    return documents.get(documents.size() - 1);
  }

  /** Whether the case is an unknown field, which the API server refuses only under fieldValidation=Strict. */
  boolean expectsUnknownField() {
    return expected.stream().anyMatch(e -> e.startsWith("unknown field"));
  }

  @Override
  public String toString() {
    return name;
  }
}
