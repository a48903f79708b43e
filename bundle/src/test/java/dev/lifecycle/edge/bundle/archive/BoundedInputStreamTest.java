package dev.lifecycle.edge.bundle.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {

  private static InputStream bytes(int n) {
    byte[] data = new byte[n];
    for (int i = 0; i < n; i++) {
      data[i] = (byte) (i + 1);
    }
    return new ByteArrayInputStream(data);
  }

  @Test
  @DisplayName("When a stream is exactly the bound, then it reads to its end, counted, and is not exceeded")
  void exactlyTheBound() throws IOException {
    BoundedInputStream bounded = new BoundedInputStream(bytes(100), 100);
    byte[] read = bounded.readAllBytes();
    assertThat(read).hasSize(100).startsWith(1, 2, 3);
    assertThat(bounded.read()).isEqualTo(-1);
    assertThat(bounded.count()).isEqualTo(100);
    assertThat(bounded.exceeded()).isFalse();
  }

  @Test
  @DisplayName("When a stream is one byte over the bound, then the read that passes it fails, as does every read "
      + "after it, and no more than one byte past the bound is read")
  void oneOver() throws IOException {
    InputStream source = bytes(1000);
    BoundedInputStream bounded = new BoundedInputStream(source, 100);
    assertThat(bounded.readNBytes(100)).hasSize(100);
    assertThatThrownBy(() -> bounded.read(new byte[500], 0, 500)).isInstanceOf(BoundedInputStream.TooLarge.class)
        .hasMessageContaining("100 bytes");
    assertThat(bounded.exceeded()).isTrue();
    assertThat(bounded.count()).isEqualTo(101);
    assertThat(source.available()).isEqualTo(899);
    assertThatThrownBy(bounded::read).isInstanceOf(BoundedInputStream.TooLarge.class);
  }

  @Test
  @DisplayName("When bytes are skipped, then they count towards the bound like bytes read")
  void skipCounts() throws IOException {
    BoundedInputStream bounded = new BoundedInputStream(bytes(300), 200);
    assertThat(bounded.skip(150)).isEqualTo(150);
    assertThat(bounded.count()).isEqualTo(150);
    assertThat(bounded.read()).isEqualTo(151);
    assertThatThrownBy(() -> bounded.skip(100)).isInstanceOf(BoundedInputStream.TooLarge.class);
    assertThat(bounded.exceeded()).isTrue();
  }

  @Test
  @DisplayName("When the bound is negative, then the stream is refused saying so")
  void negativeBound() {
    assertThatThrownBy(() -> new BoundedInputStream(bytes(1), -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
