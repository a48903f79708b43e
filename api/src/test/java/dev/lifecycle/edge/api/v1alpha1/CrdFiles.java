package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRDs as they are published in {@code crds/} and in the chart: the generator's output with the
 * printer columns in the order the annotations declare them (the generator sorts them by JSON path,
 * which would put Age first), under a header that says where they come from.
 */
public final class CrdFiles {

  public static final List<Class<?>> KINDS =
      List.of(ClusterProfile.class, RegistrationToken.class, EdgeHost.class, EdgeCluster.class,
          ImageRegistry.class);

  public static final String HEADER = "# Generated from the classes in api/ by the fabric8 CRD generator. Do not edit.\n"
      + "# Regenerate with: mvn -B -Pupdate-crds -pl api -am verify\n";

  private static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory())
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();

  private CrdFiles() {
  }

  /** Where the generator writes, relative to the api module. */
  public static Path generatedDir() {
    return Path.of("target", "classes", "META-INF", "fabric8");
  }

  /** The directories the published CRDs are committed in. */
  public static List<Path> publishedDirs() {
    return List.of(Path.of("..", "crds"), Path.of("..", "helm", "edge-operator", "crds"));
  }

  /** File name of a kind's published CRD, such as edgeclusters.edge.lifecycle.dev.yaml. */
  public static String fileName(Class<?> kind) {
    return plural(kind) + "." + ApiGroup.GROUP + ".yaml";
  }

  static String plural(Class<?> kind) {
    return io.fabric8.kubernetes.api.model.HasMetadata.getPlural(kind.asSubclass(io.fabric8.kubernetes.api.model.HasMetadata.class));
  }

  /** Every kind's published CRD text, rendered from the generator's output. */
  public static Map<String, String> render() {
    Map<String, String> files = new LinkedHashMap<>();
    for (Class<?> kind : KINDS) {
      Path generated = generatedDir().resolve(plural(kind) + "." + ApiGroup.GROUP + "-v1.yml");
      files.put(fileName(kind), render(kind, read(generated)));
    }
    return files;
  }

  static String render(Class<?> kind, String generatedYaml) {
    try {
      ObjectNode crd = (ObjectNode) YAML.readTree(generatedYaml);
      List<String> declaredOrder = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
          .map(AdditionalPrinterColumn::name).toList();
      for (JsonNode version : crd.path("spec").path("versions")) {
        JsonNode columns = version.path("additionalPrinterColumns");
        if (columns.isArray()) {
          List<JsonNode> sorted = new ArrayList<>();
          columns.forEach(sorted::add);
          sorted.sort(Comparator.comparingInt(c -> declaredOrder.indexOf(c.path("name").asText())));
          ((ArrayNode) columns).removeAll().addAll(sorted);
        }
      }
      return HEADER + YAML.writeValueAsString(crd);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath().normalize(), e);
    }
  }

  /** Writes the rendered CRDs into every published directory. */
  public static void publish() throws IOException {
    for (Path dir : publishedDirs()) {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> file : render().entrySet()) {
        Files.writeString(dir.resolve(file.getKey()), file.getValue());
      }
    }
  }
}
