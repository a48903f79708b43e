package dev.lifecycle.edge.agent.boot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads the first YAML document of a file into {@link YamlNode}s that know their lines. */
final class YamlDocument {

  /** Far more than any user-data (cloud providers cap it at 16 to 64 KiB); a guard against the wrong file. */
  static final long MAX_BYTES = 1024 * 1024;

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlDocument() {
  }

  /** The document's root; an empty file is an empty mapping. */
  static YamlNode read(Path file) {
    String text;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new UserDataException(file, 0, null, "larger than " + MAX_BYTES / 1024 + " KiB: not a user-data file");
      }
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UserDataException(file, 0, null, "cannot be read: " + e);
    }
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new YamlNode.Mapping(Map.of(), Map.of(), 1);
      }
      return node(file, parser, "");
    } catch (JsonProcessingException e) {
      // Never the parser's whole message: it quotes the lines around the error, which may hold the token.
      JsonLocation at = e.getLocation();
      int line = at == null ? 0 : at.getLineNr();
      String problem = e.getOriginalMessage().lines().findFirst().orElse("");
      if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
        problem = marked.getProblem();
        line = marked.getProblemMark() == null ? line : marked.getProblemMark().getLine() + 1;
      }
      throw new UserDataException(file, line, null, "not valid YAML: " + problem);
    } catch (IOException e) {
      throw new UserDataException(file, 0, null, "cannot be read: " + e);
    }
  }

  private static YamlNode node(Path file, JsonParser parser, String path) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, YamlNode> entries = new LinkedHashMap<>();
      Map<String, Integer> keyLines = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int keyLine = parser.currentTokenLocation().getLineNr();
        String field = path.isEmpty() ? key : path + "." + key;
        if (entries.containsKey(key)) {
          throw new UserDataException(file, keyLine, field, "given twice (first on line " + keyLines.get(key) + ")");
        }
        parser.nextToken();
        keyLines.put(key, keyLine);
        entries.put(key, node(file, parser, field));
      }
      return new YamlNode.Mapping(entries, keyLines, line);
    }
    if (token == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(node(file, parser, path + "[" + items.size() + "]"));
      }
      return new YamlNode.Sequence(items, line);
    }
    return new YamlNode.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), line);
  }
}
