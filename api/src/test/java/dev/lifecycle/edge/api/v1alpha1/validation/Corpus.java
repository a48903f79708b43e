package dev.lifecycle.edge.api.v1alpha1.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The YAML files under src/test/resources/valid and src/test/resources/invalid. One document is a create;
 * two documents (old, then new) an update. An invalid file names what must be reported in leading
 * comment lines such as {@code # expect: version must be a semantic version}.
 */
public record Corpus(Path file, String yaml, List<String> expected) {

  private static final String EXPECT = "# expect:";

  public static Stream<Corpus> valid() {
    return read("valid");
  }

  public static Stream<Corpus> invalid() {
    return read("invalid");
  }

  public static Stream<Corpus> all() {
    return Stream.concat(valid(), invalid());
  }

  private static Stream<Corpus> read(String directory) {
    Path dir = Path.of("src", "test", "resources", directory);
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(Corpus::of).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Corpus of(Path file) {
    try {
      String yaml = Files.readString(file);
      List<String> expected = yaml.lines()
          .filter(line -> line.startsWith(EXPECT))
          .map(line -> line.substring(EXPECT.length()).trim())
          .toList();
      return new Corpus(file, yaml, expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the case is an update (an old and a new object). */
  public boolean isUpdate() {
    return PublishedCrds.parseYaml(yaml).size() == 2;
  }

  @Override
  public String toString() {
    return file.getFileName().toString();
  }
}
