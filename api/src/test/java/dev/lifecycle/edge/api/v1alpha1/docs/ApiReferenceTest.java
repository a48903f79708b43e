package dev.lifecycle.edge.api.v1alpha1.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lifecycle.edge.api.v1alpha1.CrdFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/api-reference.md is what the CRDs say, field by field. With -Dcrds.update=true (the update-crds
 * profile, which also rewrites the CRDs) the test first rewrites it.
 */
class ApiReferenceTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern SECTION = Pattern.compile("<a id=\"([^\"]+)\"></a>\\n### [A-Za-z]+ `([^`]+)`");
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

  @BeforeAll
  static void updateWhenAsked() throws IOException {
    if (Boolean.getBoolean("crds.update")) {
      ApiReference.publish();
    }
  }

  private static String committed() {
    return CrdFiles.read(ApiReference.file());
  }

  @Test
  @DisplayName("When the API classes change, then docs/api-reference.md must be regenerated, or this fails")
  void committedReferenceMatchesTheCrds() {
    assertThat(committed())
        .as("docs/api-reference.md is stale: run mvn -B -Pupdate-crds -pl api -am verify and commit the result")
        .isEqualTo(ApiReference.render(CrdFiles.render()));
  }

  @Test
  @DisplayName("When a user looks up any spec or status field, then the reference has a row for it under its kind")
  void everyFieldHasARow() throws IOException {
    Map<String, List<String>> rowsBySection = rowsBySection(committed());
    List<String> missing = new ArrayList<>();
    for (String text : CrdFiles.render().values()) {
      JsonNode crd = YAML.readTree(text);
      String kind = crd.path("spec").path("names").path("kind").asText();
      JsonNode root = crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
      for (String top : List.of("spec", "status")) {
        expectRows(kind, top, root.path("properties").path(top), rowsBySection, missing);
      }
    }
    assertThat(missing).as("fields without a row in docs/api-reference.md").isEmpty();
  }

  @Test
  @DisplayName("When a user reads a field's row, then default, allowed values and the API server's message are there")
  void rowsCarryWhatTheApiServerEnforces() {
    String doc = committed();
    assertThat(row(doc, "edgecluster-spec-upgradestrategy", "onFailure"))
        .contains("| `Pause` |", "One of `Pause`, `Rollback`.");
    assertThat(row(doc, "edgecluster-spec-controlplane", "count")).contains("| `1` |");
    assertThat(doc).contains("- `count`: controlPlane.count must be 1 or 3: etcd needs an odd quorum");
    assertThat(row(doc, "registrationtoken-spec", "maxRegistrations")).contains("Value 1 to 1000000.");
    assertThat(row(doc, "clusterprofile-spec", "version")).contains("| string | yes |");
    assertThat(doc).contains("a ClusterProfile is immutable once created", "(rule `self == oldSelf`)");
    assertThat(doc).contains("| Upgrade | `.status.upgrade.phase` | string | with `-o wide` |");
    assertThat(doc).contains("| Short names | `ec` |");
  }

  private static void expectRows(String kind, String path, JsonNode schema, Map<String, List<String>> rows,
      List<String> missing) {
    JsonNode object = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
    Iterator<Map.Entry<String, JsonNode>> fields = object.path("properties").fields();
    String section = ApiReference.anchor(kind + "-" + path);
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!rows.getOrDefault(section, List.of()).contains(field.getKey())) {
        missing.add(kind + " " + path + "." + field.getKey());
      }
      boolean array = field.getValue().path("type").asText().equals("array");
      expectRows(kind, path + "." + field.getKey() + (array ? "[]" : ""), field.getValue(), rows, missing);
    }
  }

  private static Map<String, List<String>> rowsBySection(String doc) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    Matcher section = SECTION.matcher(doc);
    List<int[]> bounds = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    while (section.find()) {
      ids.add(section.group(1));
      bounds.add(new int[] {section.end()});
    }
    for (int i = 0; i < ids.size(); i++) {
      int end = i + 1 < ids.size() ? doc.lastIndexOf("<a id=", bounds.get(i + 1)[0]) : doc.length();
      Matcher row = ROW.matcher(doc.substring(bounds.get(i)[0], end));
      List<String> names = new ArrayList<>();
      while (row.find()) {
        names.add(row.group(1));
      }
      rows.put(ids.get(i), names);
    }
    return rows;
  }

  private static String row(String doc, String section, String field) {
    int start = doc.indexOf("<a id=\"" + section + "\"></a>");
    assertThat(start).as("section %s", section).isNotNegative();
    int next = doc.indexOf("<a id=", start + 1);
    String body = doc.substring(start, next < 0 ? doc.length() : next);
    return body.lines().filter(l -> l.startsWith("| `" + field + "` |")).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + field + " in " + section));
  }
}
