package dev.lifecycle.edge.bundle.sign;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

/**
 * A statement that a new public key is to be trusted, and optionally that some key ids are not any more,
 * signed by a key the reader trusts already. File form (docs/bundles.md, "Key rotation statement"): a JSON
 * envelope holding the statement's exact bytes in base64 and a {@link DetachedSignature} over those bytes.
 */
public record KeyRotation(PublicKey newKey, List<KeyId> revokes) {

  public static final String FORMAT = "edge.lifecycle.dev/key-rotation";
  public static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public KeyRotation {
    SignatureAlgorithm.of(newKey);
    revokes = List.copyOf(revokes);
  }

  @JsonPropertyOrder({"newKey", "newKeyId", "revokes"})
  record Statement(String newKey, String newKeyId, List<String> revokes) {
  }

  @JsonPropertyOrder({"format", "formatVersion", "statement", "signature"})
  record Envelope(String format, Integer formatVersion, String statement, DetachedSignature.Json signature) {
  }

  /** A parsed rotation file: the statement, its exact bytes, and the signature over them (not yet checked). */
  record Signed(KeyRotation rotation, byte[] statementBytes, DetachedSignature signature) {
  }

  /** The file form, signed by {@code signer}. */
  public byte[] sign(SigningKey signer) {
    try {
      byte[] statement = JSON.writeValueAsBytes(new Statement(PemKeys.toPem(newKey), KeyId.of(newKey).value(),
          revokes.stream().map(KeyId::value).toList()));
      Envelope envelope = new Envelope(FORMAT, FORMAT_VERSION, Base64.getEncoder().encodeToString(statement),
          signer.sign(statement).toJsonRecord());
      return (JSON.writeValueAsString(envelope) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Signed parse(byte[] file) {
    Envelope envelope;
    try {
      envelope = JSON.readValue(file, Envelope.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException("not a key rotation file: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a key rotation file: " + e.getMessage());
    }
    if (envelope == null || !FORMAT.equals(envelope.format())) {
      throw new IllegalArgumentException("not a key rotation file: \"format\" is not " + FORMAT);
    }
    if (envelope.formatVersion() == null || envelope.formatVersion() != FORMAT_VERSION) {
      throw new IllegalArgumentException("key rotation file version " + envelope.formatVersion()
          + ": this program reads " + FORMAT_VERSION);
    }
    if (envelope.statement() == null || envelope.signature() == null) {
      throw new IllegalArgumentException("a key rotation file needs a statement and a signature");
    }
    byte[] statementBytes;
    Statement statement;
    try {
      statementBytes = Base64.getDecoder().decode(envelope.statement());
      statement = JSON.readValue(statementBytes, Statement.class);
    } catch (IllegalArgumentException | IOException e) {
      throw new IllegalArgumentException("the key rotation statement is not base64 of JSON");
    }
    if (statement.newKey() == null) {
      throw new IllegalArgumentException("the key rotation statement names no newKey");
    }
    PublicKey newKey = PemKeys.readPublicKey(statement.newKey());
    if (statement.newKeyId() != null && !KeyId.of(newKey).value().equals(statement.newKeyId())) {
      throw new IllegalArgumentException("the key rotation statement's newKeyId " + statement.newKeyId()
          + " is not the id of its newKey, " + KeyId.of(newKey));
    }
    List<KeyId> revokes = statement.revokes() == null ? List.of()
        : statement.revokes().stream().map(KeyId::new).toList();
    return new Signed(new KeyRotation(newKey, revokes), statementBytes,
        DetachedSignature.fromJsonRecord(envelope.signature()));
  }
}
