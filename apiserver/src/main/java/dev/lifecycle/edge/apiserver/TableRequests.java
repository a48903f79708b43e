package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the answer to a GET of custom resources (one object or a list, not a watch, not a subresource)
 * or of core Events into a Table when the client asks for one ({@code Accept: application/json;as=Table;...},
 * as {@code kubectl get} does), with the CRD's printer columns or the Event columns. Every other answer
 * passes unchanged.
 */
final class TableRequests {

  /** What the API server shows for a CRD without printer columns: its age. */
  private static final List<CustomResourceColumnDefinition> AGE_ONLY = List.of(new CustomResourceColumnDefinitionBuilder()
      .withName("Age").withType("date").withJsonPath(".metadata.creationTimestamp").build());

  private final Supplier<List<CustomResourceDefinition>> installedCrds;
  private final Clock clock;

  TableRequests(Supplier<List<CustomResourceDefinition>> installedCrds, Clock clock) {
    this.installedCrds = installedCrds;
    this.clock = clock;
  }

  /** The answer as a Table when one was asked for and the path is a custom resource's; otherwise as it is. */
  MockResponse convert(String accept, String path, String query, MockResponse answer) {
    if (accept == null || !accept.contains("as=Table") || query.contains("watch=")
        || answer.code() != HttpURLConnection.HTTP_OK || answer.getBody() == null) {
      return answer;
    }
    Optional<TablePrinter> printer = printer(path);
    if (printer.isEmpty()) {
      return answer;
    }
    JsonNode body = Serialization.unmarshal(new String(answer.getBody().getBytes(), StandardCharsets.UTF_8),
        JsonNode.class);
    return Responses.json(printer.get().table(body, clock.instant()));
  }

  /** The printer of a watch's objects when the client asks for Tables, or empty to send them as they are. */
  Optional<TablePrinter> watchPrinter(String accept, String path) {
    return accept == null || !accept.contains("as=Table") ? Optional.empty() : printer(path);
  }

  /** The printer of the core Events or custom resources a path names, or empty for any other path. */
  Optional<TablePrinter> printer(String path) {
    if (EventFieldSelector.namesEvents(path)) {
      return Optional.of(new EventTables());
    }
    return columns(path).map(PrinterTables::new);
  }

  /**
   * The printer columns of the custom resource a path names ({@code /apis/g/v[/namespaces/ns]/plural[/name]}),
   * or empty when the path is no custom resource's list or object.
   */
  Optional<List<CustomResourceColumnDefinition>> columns(String path) {
    String[] segments = path.substring(1).split("/");
    if (segments.length < 4 || !segments[0].equals("apis")) {
      return Optional.empty();
    }
    String group = segments[1];
    String version = segments[2];
    String[] rest = Arrays.copyOfRange(segments, 3, segments.length);
    if (rest.length >= 3 && rest[0].equals("namespaces")) {
      rest = Arrays.copyOfRange(rest, 2, rest.length);
    }
    if (rest.length < 1 || rest.length > 2) {
      return Optional.empty();
    }
    String plural = rest[0];
    return installedCrds.get().stream()
        .filter(crd -> crd.getSpec().getGroup().equals(group) && crd.getSpec().getNames().getPlural().equals(plural))
        .flatMap(crd -> crd.getSpec().getVersions().stream())
        .filter(served -> served.getName().equals(version) && Boolean.TRUE.equals(served.getServed()))
        .findFirst()
        .map(TableRequests::printerColumns);
  }

  private static List<CustomResourceColumnDefinition> printerColumns(CustomResourceDefinitionVersion version) {
    List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
    return columns == null || columns.isEmpty() ? AGE_ONLY : columns;
  }
}
