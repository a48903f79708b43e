package dev.lifecycle.edge.operator.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.lifecycle.edge.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a request body into its wire record with {@link Json#strict()}: one JSON object, no unknown or
 * repeated field, no type coercion ("4" is not a number, 4.5 is not an integer). A body that is not so becomes a 400 with
 * a message that names the field and what was expected, never an echo of the body (which could hold a
 * token).
 */
public final class RequestReader {

  private static final ObjectMapper STRICT = Json.strict();

  private RequestReader() {
  }

  public static <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      throw ApiError.badRequest("the request body is empty: expected a JSON object").exception();
    }
    try {
      T value = STRICT.readValue(body, type);
      if (value == null) {
        throw ApiError.badRequest("the request body is null: expected a JSON object").exception();
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ApiError.badRequest("unknown field '" + path(e) + "'" + known(e.getKnownPropertyIds())).exception();
    } catch (MismatchedInputException e) {
      throw ApiError.badRequest(mismatch(e)).exception();
    } catch (StreamReadException | StreamConstraintsException e) {
      throw ApiError.badRequest(unreadable(e)).exception();
    } catch (JsonMappingException e) {
      // a value that could not be read inside a field: what went wrong, then where
      throw ApiError.badRequest(unreadable(e.getCause()) + " in field '" + path(e) + "'").exception();
    } catch (IOException e) {
      throw ApiError.badRequest("the request body could not be read as JSON").exception();
    }
  }

  /** The mapper for answers: the same conventions, empty values left out. */
  static ObjectMapper mapper() {
    return STRICT;
  }

  private static String mismatch(MismatchedInputException e) {
    String field = path(e);
    String expected = expected(e.getTargetType());
    if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
      return "the request body must be exactly one JSON object: something follows it";
    }
    if (field.isEmpty()) {
      return "the request body must be a JSON object";
    }
    return "field '" + field + "' has the wrong type" + (expected.isEmpty() ? "" : ": expected " + expected);
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String known(Collection<Object> known) {
    if (known == null || known.isEmpty()) {
      return ": this object has no fields";
    }
    List<String> names = known.stream().map(String::valueOf).sorted().toList();
    return ": expected one of " + String.join(", ", names);
  }

  private static String unreadable(Throwable failure) {
    if (failure instanceof StreamConstraintsException) {
      return "beyond the JSON limits (nesting depth, number or string length)";
    }
    if (failure instanceof StreamReadException e) {
      boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
      return (duplicate ? "a field appears more than once" : "malformed JSON") + location(e);
    }
    return "invalid value";
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

}
