package dev.lifecycle.edge.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blobs are streamed both ways: a JVM with a 16 MiB heap pushes and pulls a 96 MiB blob through the real registry. */
@Tag("system")
class LargeBlobSystemTest {

  private static final int SIZE = 96 << 20;

  @Test
  @DisplayName("When a blob six times the heap is pushed and pulled in a 16 MiB JVM, then it round-trips verified")
  void streamsLargerThanHeap(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("large.bin");
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    byte[] chunk = new byte[1 << 20];
    Random random = new Random(96);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < SIZE / chunk.length; i++) {
        random.nextBytes(chunk);
        sha256.update(chunk);
        out.write(chunk);
      }
    }
    String expected = "sha256:" + HexFormat.of().formatHex(sha256.digest());

    try (DistributionRegistry registry = DistributionRegistry.anonymous(Files.createDirectories(dir.resolve("registry")))) {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process child = new ProcessBuilder(java.toString(), "-Xmx16m", "-cp", System.getProperty("java.class.path"),
          BlobCopy.class.getName(), registry.host(), file.toString())
          .redirectErrorStream(true).start();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as(output).isZero();
      assertThat(output).startsWith(expected + " " + SIZE + " max-heap=");
    }
  }
}
