package dev.lifecycle.edge.apiserver.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The first bytes of every store file: the magic {@code EDGESTOR}, the file's kind (log or snapshot),
 * the format version, the generation it belongs to and a CRC32C of these. A reader refuses a version it
 * does not know with a clear message instead of misreading it.
 */
record StoreFileHeader(Kind kind, int formatVersion, long generation) {

  static final int FORMAT_VERSION = 1;
  static final int SIZE = 8 + 1 + 4 + 8 + 4;
  private static final byte[] MAGIC = "EDGESTOR".getBytes(StandardCharsets.US_ASCII);

  enum Kind {
    LOG('L'), SNAPSHOT('S');

    private final char code;

    Kind(char code) {
      this.code = code;
    }
  }

  static StoreFileHeader current(Kind kind, long generation) {
    return new StoreFileHeader(kind, FORMAT_VERSION, generation);
  }

  byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(SIZE);
    out.put(MAGIC).put((byte) kind.code).putInt(formatVersion).putLong(generation);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, SIZE - 4);
    out.putInt((int) crc.getValue());
    return out.array();
  }

  /**
   * The header at the start of these bytes: empty when they are too few or their checksum fails (a
   * header torn by a crash while the file was being created); an error when the header is whole but
   * names another kind or a format version this code does not read.
   */
  static Optional<StoreFileHeader> decode(byte[] bytes, Kind expected, String file) {
    if (bytes.length < SIZE) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, SIZE);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, SIZE - 4);
    if (in.getInt(SIZE - 4) != (int) crc.getValue()) {
      return Optional.empty();
    }
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    char code = (char) in.get();
    int version = in.getInt();
    long generation = in.getLong();
    if (!Arrays.equals(magic, MAGIC) || code != expected.code) {
      throw new StoreCorruptException(file + " is not a " + expected.name().toLowerCase() + " of the embedded API's store");
    }
    if (version != FORMAT_VERSION) {
      throw new StoreCorruptException(file + " has store format version " + version + "; this version of the program "
          + "reads version " + FORMAT_VERSION + " only: run the program that wrote it, or start on a new directory");
    }
    return Optional.of(new StoreFileHeader(expected, version, generation));
  }
}
