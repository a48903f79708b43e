package dev.lifecycle.edge.bundle.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SigningKeyTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  @DisplayName("When a generated key is written and read back, then it signs what its public key verifies")
  void generatedKeyRoundTrip(SignatureAlgorithm algorithm) throws IOException {
    SigningKey key = SigningKey.generate(algorithm);
    List<Path> files = key.writeFiles(dir.resolve("release"));

    SigningKey read = SigningKey.read(files.get(0));
    TrustStore trust = TrustStore.fromPem(Files.readString(files.get(1)));
    DetachedSignature signature = read.sign("content".getBytes(StandardCharsets.UTF_8));

    assertThat(read.keyId()).isEqualTo(key.keyId());
    assertThat(signature.algorithm()).isEqualTo(algorithm);
    assertThat(trust.verify("content".getBytes(StandardCharsets.UTF_8), signature))
        .isEqualTo(new SignatureVerdict.Trusted(key.keyId()));
    assertThat(Files.getPosixFilePermissions(files.get(0))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(files.get(1))).startsWith("-----BEGIN PUBLIC KEY-----").doesNotContain("PRIVATE");
  }

  @Test
  @DisplayName("When key files exist already, then writing refuses to overwrite them")
  void noOverwrite() throws IOException {
    SigningKey.generate(SignatureAlgorithm.ED25519).writeFiles(dir.resolve("k"));

    assertThatThrownBy(() -> SigningKey.generate(SignatureAlgorithm.ED25519).writeFiles(dir.resolve("k")))
        .isInstanceOf(IOException.class).hasMessageContaining("exists already");
  }

  @Test
  @DisplayName("When a signature file is written and parsed, then it names the algorithm and the key id")
  void signatureFileRoundTrip() {
    SigningKey key = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    DetachedSignature signature = key.sign(new byte[] {1, 2, 3});

    String json = new String(signature.toJson(), StandardCharsets.UTF_8);
    assertThat(json).contains("\"format\" : \"edge.lifecycle.dev/signature\"", "\"algorithm\" : \"ECDSA-P256-SHA256\"",
        "\"keyId\" : \"" + key.keyId().value() + "\"");
    assertThat(DetachedSignature.parse(signature.toJson())).isEqualTo(signature);
    assertThat(DetachedSignature.parse(json.replace("{", "{\"comment\":\"a field a later writer adds\",")
        .getBytes(StandardCharsets.UTF_8))).isEqualTo(signature);
    assertThatThrownBy(() -> DetachedSignature.parse("{\"format\":\"other\"}".getBytes()))
        .hasMessageContaining("not a signature file");
  }

  @Test
  @DisplayName("When keys come from OpenSSL, then they are read, and OpenSSL's signatures verify")
  void opensslKeys() throws IOException {
    byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
    for (String kind : List.of("ed", "ec")) {
      String privatePem = resource(kind + ".key");
      String publicPem = resource(kind + ".pub");
      SigningKey key = SigningKey.fromPem(privatePem + publicPem);
      TrustStore trust = TrustStore.fromPem(publicPem);
      byte[] opensslSignature = Base64.getDecoder().decode(resource(kind + ".hello.sig.b64").trim());

      assertThat(trust.verify(hello, new DetachedSignature(key.algorithm(), key.keyId(), opensslSignature)))
          .isEqualTo(new SignatureVerdict.Trusted(key.keyId()));
      assertThat(trust.verify(hello, key.sign(hello))).isInstanceOf(SignatureVerdict.Trusted.class);
    }
  }

  @Test
  @DisplayName("When a key file is not usable, then reading it says why")
  void unusableKeys() throws IOException {
    assertThatThrownBy(() -> SigningKey.fromPem(resource("ed.key")))
        .hasMessageContaining("no PUBLIC KEY block");
    assertThatThrownBy(() -> SigningKey.fromPem(resource("sec1.key") + resource("ec.pub")))
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    assertThatThrownBy(() -> SigningKey.fromPem(resource("ed.key") + resource("ec.pub")))
        .hasMessageContaining("the private key is Ed25519 but the public key is ECDSA-P256-SHA256");
    assertThatThrownBy(() -> SigningKey.fromPem(resource("ec.key") + publicOfAnotherEcKey()))
        .hasMessageContaining("does not belong to the private key");
    assertThatThrownBy(() -> TrustStore.fromPem(resource("p384.pub")))
        .hasMessageContaining("an EC key on a curve other than P-256");
    assertThatThrownBy(() -> TrustStore.fromPem(resource("rsa.pub")))
        .hasMessageContaining("neither an Ed25519 nor an EC P-256 public key");
    assertThatThrownBy(() -> TrustStore.fromPem(resource("ed.key")))
        .hasMessageContaining("a private key where public keys were expected");
    assertThatThrownBy(() -> TrustStore.fromPem("nothing here"))
        .hasMessageContaining("no -----BEGIN PUBLIC KEY----- block");
  }

  private static String publicOfAnotherEcKey() {
    return PemKeys.toPem(SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256).publicKey());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SigningKeyTest.class.getResourceAsStream("/openssl/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
