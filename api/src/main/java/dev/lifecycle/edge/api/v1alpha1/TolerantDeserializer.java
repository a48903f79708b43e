package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a resource of this API as a Kubernetes client must, so that no object can stop a watch: fields
 * its class does not know are left out (a CRD newer than the operator, a misspelt field, {@code kubectl
 * scale}'s {@code spec.replicas}), as an API server prunes them; an object that still cannot be read (a
 * value of another type, such as a spec that is a string) becomes a placeholder marked {@link Unreadable}
 * instead of an exception. Only the resources' own reads are tolerant: the same classes nested in a
 * request of the gateway stay strict.
 *
 * <p>The resource classes name it in {@code @JsonDeserialize}; it reads with the bean deserializer
 * Jackson would have built for them.
 */
public final class TolerantDeserializer extends JsonDeserializer<HasMetadata> implements ContextualDeserializer {

  static final int PROBLEM_LIMIT = 300;

  private final JsonDeserializer<Object> bean;

  public TolerantDeserializer() {
    this(null);
  }

  private TolerantDeserializer(JsonDeserializer<Object> bean) {
    this.bean = bean;
  }

  @Override
  public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
      throws JsonMappingException {
    JavaType type = ctxt.getContextualType();
    // Built by the factory directly: asking the context would find this deserializer again.
    JsonDeserializer<Object> built = ctxt.getFactory().createBeanDeserializer(ctxt, type,
        ctxt.getConfig().introspect(type));
    if (built instanceof ResolvableDeserializer resolvable) {
      resolvable.resolve(ctxt);
    }
    return new TolerantDeserializer(built);
  }

  @Override
  public HasMetadata deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNode tree = ctxt.readTree(p);
    try {
      return read(tree, p, ctxt);
    } catch (IOException | RuntimeException unreadable) {
      if (!(tree instanceof ObjectNode object)) {
        throw unreadable;
      }
      return placeholder(object, p, ctxt, unreadable);
    }
  }

  /** The object read as its class, after removing from the tree the fields the class does not know. */
  private HasMetadata read(JsonNode tree, JsonParser p, DeserializationContext ctxt) throws IOException {
    while (true) {
      try (JsonParser parser = tree.traverse(p.getCodec())) {
        parser.nextToken();
        return (HasMetadata) bean.deserialize(parser, ctxt);
      } catch (UnrecognizedPropertyException unknown) {
        if (!remove(tree, unknown.getPath())) {
          throw unknown;
        }
      }
    }
  }

  /** The object without its spec (and, when that is unreadable too, its status), marked with the problem. */
  private HasMetadata placeholder(ObjectNode tree, JsonParser p, DeserializationContext ctxt, Exception problem)
      throws IOException {
    tree.remove("spec");
    HasMetadata placeholder;
    try {
      placeholder = read(tree, p, ctxt);
    } catch (IOException | RuntimeException statusToo) {
      tree.remove("status");
      placeholder = read(tree, p, ctxt);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (placeholder.getMetadata().getAnnotations() != null) {
      annotations.putAll(placeholder.getMetadata().getAnnotations());
    }
    annotations.put(Unreadable.ANNOTATION, describe(problem));
    placeholder.getMetadata().setAnnotations(annotations);
    return placeholder;
  }

  /** Removes the field at the path of an unknown property; false when the path leads nowhere. */
  private static boolean remove(JsonNode root, List<JsonMappingException.Reference> path) {
    if (path.isEmpty()) {
      return false;
    }
    JsonNode parent = root;
    for (JsonMappingException.Reference step : path.subList(0, path.size() - 1)) {
      parent = step.getFieldName() != null ? parent.get(step.getFieldName()) : parent.get(step.getIndex());
      if (parent == null) {
        return false;
      }
    }
    String field = path.get(path.size() - 1).getFieldName();
    return parent instanceof ObjectNode object && field != null && object.remove(field) != null;
  }

  /** What could not be read and where, for a person: one line, bounded, without the input's text. */
  static String describe(Exception problem) {
    String text;
    if (problem instanceof JsonMappingException mapping) {
      String where = mapping.getPath().stream()
          .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining()).replaceFirst("^\\.", "");
      text = (where.isEmpty() ? "" : where + ": ") + mapping.getOriginalMessage();
    } else {
      text = String.valueOf(problem.getMessage());
    }
    String line = text.lines().findFirst().orElse("");
    return line.length() <= PROBLEM_LIMIT ? line : line.substring(0, PROBLEM_LIMIT - 3) + "...";
  }
}
