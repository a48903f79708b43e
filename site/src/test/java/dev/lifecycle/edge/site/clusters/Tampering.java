package dev.lifecycle.edge.site.clusters;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Rewrites a signed archive with one file's content changed, everything else (the signed index) as it was. */
public final class Tampering {

  private Tampering() {
  }

  public static Path changeFile(Path dir, byte[] archive, String path, String from, String to) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean changed = false;
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ZstdInputStream(new ByteArrayInputStream(archive)));
        OutputStream zstd = new ZstdOutputStream(out);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd)) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equals(path)) {
          String text = new String(content, StandardCharsets.UTF_8);
          content = text.replace(from, to).getBytes(StandardCharsets.UTF_8);
          changed = !text.equals(new String(content, StandardCharsets.UTF_8));
        }
        TarArchiveEntry copy = new TarArchiveEntry(entry.getName());
        copy.setSize(content.length);
        copy.setModTime(entry.getModTime());
        copy.setMode(entry.getMode());
        tar.putArchiveEntry(copy);
        tar.write(content);
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
    if (!changed) {
      throw new IllegalArgumentException(path + " does not hold " + from);
    }
    Path tampered = dir.resolve("tampered-" + System.nanoTime() + ".tar.zst");
    Files.write(tampered, out.toByteArray());
    return tampered;
  }
}
