package dev.lifecycle.edge.operator.keys;

import dev.lifecycle.edge.bundle.sign.PemKeys;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Where {@code keys generate} writes a key: {@code KEY.pem} (the signing key, readable by its owner only) and
 * {@code KEY.pub.pem} (the public key, for trust stores). Existing files are never overwritten.
 */
final class KeyFiles {

  private KeyFiles() {
  }

  /** {@code KEY.pub.pem} for {@code KEY.pem}; {@code NAME.pub.pem} for any other {@code NAME}. */
  static Path publicFileOf(Path privateFile) {
    String name = privateFile.getFileName().toString();
    String base = name.endsWith(".pem") ? name.substring(0, name.length() - ".pem".length()) : name;
    return privateFile.resolveSibling(base + ".pub.pem");
  }

  /** Writes both files; the private one is created with mode 0600 before any byte of the key is written. */
  static List<Path> write(SigningKey key, Path privateFile) throws IOException {
    Path publicFile = publicFileOf(privateFile);
    for (Path file : List.of(privateFile, publicFile)) {
      if (Files.exists(file)) {
        throw new IOException(file + " exists already; not overwritten");
      }
    }
    FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    Files.createFile(privateFile, ownerOnly);
    try (Writer writer = Files.newBufferedWriter(privateFile, StandardCharsets.US_ASCII,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      writer.write(key.toPem());
    }
    Files.writeString(publicFile, PemKeys.toPem(key.publicKey()), StandardCharsets.US_ASCII,
        StandardOpenOption.CREATE_NEW);
    return List.of(privateFile, publicFile);
  }
}
