package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {

  private static final byte[] CONTENT = "layer content".getBytes(StandardCharsets.UTF_8);
  private static final Digest DIGEST = Digest.sha256(CONTENT);

  private static InputStream stream(byte[] served, long size) {
    return new VerifyingInputStream(new ByteArrayInputStream(served), DIGEST, size, "r.example/app");
  }

  @Test
  @DisplayName("When the served bytes match digest and size, then they pass through unchanged")
  void passes() throws Exception {
    try (InputStream in = stream(CONTENT, CONTENT.length)) {
      assertThat(in.readAllBytes()).isEqualTo(CONTENT);
    }
  }

  @Test
  @DisplayName("When one byte is flipped, then the end of the stream fails naming the digest")
  void flipped() {
    byte[] tampered = CONTENT.clone();
    tampered[3] ^= 1;
    assertThatThrownBy(() -> stream(tampered, CONTENT.length).readAllBytes())
        .isInstanceOf(BlobVerificationException.class)
        .hasMessageContaining("blob " + DIGEST + " from r.example/app does not match its digest");
  }

  @Test
  @DisplayName("When the blob is short or long, then reading fails naming the digest, a long one as soon as it overruns")
  void sizes() throws Exception {
    assertThatThrownBy(() -> stream(java.util.Arrays.copyOf(CONTENT, 5), CONTENT.length).readAllBytes())
        .isInstanceOf(BlobVerificationException.class)
        .hasMessage("blob " + DIGEST + " from r.example/app ended after 5 of its " + CONTENT.length + " bytes");
    InputStream longer = stream(CONTENT, 5);
    assertThat(longer.read(new byte[5])).isEqualTo(5);
    assertThatThrownBy(() -> longer.read(new byte[5])).isInstanceOf(BlobVerificationException.class)
        .hasMessageContaining("longer than its descriptor's 5 bytes");
  }

  @Test
  @DisplayName("When read byte by byte and by skipping, then the content is verified all the same")
  void singleBytesAndSkip() throws Exception {
    InputStream in = stream(CONTENT, CONTENT.length);
    assertThat(in.read()).isEqualTo(CONTENT[0]);
    assertThat(in.skip(4)).isEqualTo(4);
    byte[] tampered = CONTENT.clone();
    tampered[2] ^= 1;
    InputStream bad = stream(tampered, CONTENT.length);
    assertThatThrownBy(() -> bad.skip(100)).isInstanceOf(BlobVerificationException.class);
  }
}
