package dev.lifecycle.edge.bundle.sign;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.Base64;

/**
 * A signature over some bytes, kept apart from them: which algorithm, which key (its {@link KeyId}) and the
 * signature value. Its file form is JSON, see docs/bundles.md ("Signature file").
 */
public record DetachedSignature(SignatureAlgorithm algorithm, KeyId keyId, byte[] value) {

  public static final String FORMAT = "edge.lifecycle.dev/signature";
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public DetachedSignature {
    if (algorithm == null || keyId == null || value == null || value.length == 0) {
      throw new IllegalArgumentException("a signature needs an algorithm, a key id and a value");
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @JsonPropertyOrder({"format", "formatVersion", "algorithm", "keyId", "signature"})
  record Json(String format, Integer formatVersion, String algorithm, String keyId, String signature) {
  }

  Json toJsonRecord() {
    return new Json(FORMAT, FORMAT_VERSION, algorithm.id(), keyId.value(), Base64.getEncoder().encodeToString(value));
  }

  public byte[] toJson() {
    try {
      return (JSON.writeValueAsString(toJsonRecord()) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a signature file; refuses, with what is wrong, anything that is not one. */
  public static DetachedSignature parse(byte[] json) {
    Json read;
    try {
      read = JSON.readValue(json, Json.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException("not a signature file: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a signature file: " + e.getMessage());
    }
    return fromJsonRecord(read);
  }

  static DetachedSignature fromJsonRecord(Json read) {
    if (read == null || !FORMAT.equals(read.format())) {
      throw new IllegalArgumentException("not a signature file: \"format\" is not " + FORMAT);
    }
    if (read.formatVersion() == null || read.formatVersion() != FORMAT_VERSION) {
      throw new IllegalArgumentException("signature file version " + read.formatVersion() + ": this program reads "
          + FORMAT_VERSION);
    }
    if (read.algorithm() == null || read.keyId() == null || read.signature() == null) {
      throw new IllegalArgumentException("a signature file needs algorithm, keyId and signature");
    }
    byte[] value;
    try {
      value = Base64.getDecoder().decode(read.signature());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the signature is not valid base64");
    }
    return new DetachedSignature(SignatureAlgorithm.fromId(read.algorithm()), new KeyId(read.keyId()), value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DetachedSignature that && algorithm == that.algorithm && keyId.equals(that.keyId)
        && java.util.Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode() * 31 + java.util.Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "DetachedSignature[" + algorithm.id() + " by " + keyId + "]";
  }
}
