package dev.lifecycle.edge.apiserver.store;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How a record sits in a file: its payload's length (4 bytes), a CRC32C over that length and the
 * payload (4 bytes), then the payload. A length that runs past the end of the file is a torn tail; a
 * checksum that does not match is a damaged record.
 */
final class RecordFrame {

  static final int OVERHEAD = 8;
  /** No write is this large (the API refuses bodies far smaller); a larger length is damage. */
  static final int MAX_PAYLOAD = 256 * 1024 * 1024;

  private RecordFrame() {
  }

  static byte[] frame(byte[] payload) {
    ByteBuffer framed = ByteBuffer.allocate(OVERHEAD + payload.length);
    framed.putInt(payload.length);
    framed.putInt(checksum(payload.length, payload, 0, payload.length));
    framed.put(payload);
    return framed.array();
  }

  static int checksum(int length, byte[] bytes, int offset, int count) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(0, length));
    crc.update(bytes, offset, count);
    return (int) crc.getValue();
  }
}
