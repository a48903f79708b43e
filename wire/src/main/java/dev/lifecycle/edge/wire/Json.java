package dev.lifecycle.edge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The two ways the protocol's JSON is read. A client reads leniently (a newer gateway may add fields
 * to a plan) and writes no null fields; a gateway reads strictly (one JSON object, no unknown or
 * repeated field, no type coercion: "4" is not a number, 4.5 is not an integer) and writes no empty
 * fields.
 */
public final class Json {

  private static final ObjectMapper LENIENT = new ObjectMapper()
      .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final ObjectMapper STRICT = strictMapper();

  private Json() {
  }

  /** The client's mapper; thread-safe. */
  public static ObjectMapper mapper() {
    return LENIENT;
  }

  /** The gateway's mapper; thread-safe. */
  public static ObjectMapper strict() {
    return STRICT;
  }

  /** {@code value} as JSON text, the client's way. */
  public static String write(Object value) {
    try {
      return LENIENT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code text} read as a {@code type}, the client's way; an {@link UncheckedIOException} when it is not. */
  public static <T> T read(String text, Class<T> type) {
    try {
      return LENIENT.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectMapper strictMapper() {
    JsonMapper mapper = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY,
            JsonInclude.Include.NON_EMPTY))
        .build();
    for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
        LogicalType.Boolean, LogicalType.POJO, LogicalType.Map, LogicalType.Collection)) {
      for (CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.Integer,
          CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.EmptyString)) {
        mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
      }
    }
    return mapper;
  }
}
