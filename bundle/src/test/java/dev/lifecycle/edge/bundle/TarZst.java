package dev.lifecycle.edge.bundle;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Reads a small .tar.zst into entries and writes entries back: the tools of the tamper corpus. */
public final class TarZst {

  /** A tar entry: its name, type flag, link target (for links) and content. */
  record Entry(String name, byte type, String linkName, byte[] content) {
    static Entry file(String name, byte[] content) {
      return new Entry(name, TarConstants.LF_NORMAL, "", content);
    }

    Entry withContent(byte[] bytes) {
      return new Entry(name, type, linkName, bytes);
    }

    Entry withName(String newName) {
      return new Entry(newName, type, linkName, content);
    }
  }

  private TarZst() {
  }

  static List<Entry> read(Path archive) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (InputStream in = new ZstdInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        entries.add(new Entry(entry.getName(), entry.getLinkFlag(), entry.getLinkName(), tar.readAllBytes()));
      }
    }
    return entries;
  }

  static byte[] write(List<Entry> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream zstd = new ZstdOutputStream(bytes); TarArchiveOutputStream tar = tar(zstd)) {
      for (Entry entry : entries) {
        put(tar, entry);
      }
    }
    return bytes.toByteArray();
  }

  static TarArchiveOutputStream tar(OutputStream out) {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    return tar;
  }

  static void put(TarArchiveOutputStream tar, Entry entry) throws IOException {
    TarArchiveEntry header = new TarArchiveEntry(entry.name(), entry.type(), true);
    if (entry.type() == TarConstants.LF_SYMLINK || entry.type() == TarConstants.LF_LINK) {
      header.setLinkName(entry.linkName());
    }
    header.setSize(entry.content().length);
    tar.putArchiveEntry(header);
    tar.write(entry.content());
    tar.closeArchiveEntry();
  }

  /** The entries as an uncompressed tar. */
  static byte[] zstdless(List<Entry> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = tar(bytes)) {
      for (Entry entry : entries) {
        put(tar, entry);
      }
    }
    return bytes.toByteArray();
  }

  static byte[] zstd(byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream zstd = new ZstdOutputStream(bytes)) {
      zstd.write(plain);
    }
    return bytes.toByteArray();
  }
}
