package dev.lifecycle.edge.apiserver.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one acknowledged write did, as the log and the snapshot keep it: an object stored under its
 * identity (plural/namespace/name) and key, or an identity deleted, each with the store's
 * resourceVersion counter after the write (so that a restart continues above it, deletions included).
 * A snapshot ends with {@link End}, which counts its objects, so that a snapshot cut short is never
 * taken for a complete one.
 */
public sealed interface LogRecord {

  byte PUT = 1;
  byte DELETE = 2;
  byte END = 3;

  /** The store's resourceVersion counter once this write was done. */
  long resourceVersion();

  /** An object written (created, updated, patched, its status changed, marked for deletion). */
  record Put(long resourceVersion, String identity, List<KeyAttribute> key, String object) implements LogRecord {
    public Put {
      key = List.copyOf(key);
    }
  }

  /** An object removed from the store. */
  record Delete(long resourceVersion, String identity) implements LogRecord {
  }

  /** The last record of a snapshot: how many objects it holds. */
  record End(long resourceVersion, long objects) implements LogRecord {
  }

  /** The record's payload: a kind byte, the counter, then the kind's fields (strings as length + UTF-8). */
  static byte[] encode(LogRecord record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(record instanceof Put put ? put.object().length() + 256 : 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (record instanceof Put put) {
        out.writeByte(PUT);
        out.writeLong(put.resourceVersion());
        writeString(out, put.identity());
        out.writeInt(put.key().size());
        for (KeyAttribute attribute : put.key()) {
          writeString(out, attribute.name());
          writeString(out, attribute.type());
          out.writeInt(attribute.values().size());
          for (String value : attribute.values()) {
            writeString(out, value);
          }
        }
        writeString(out, put.object());
      } else if (record instanceof Delete delete) {
        out.writeByte(DELETE);
        out.writeLong(delete.resourceVersion());
        writeString(out, delete.identity());
      } else if (record instanceof End end) {
        out.writeByte(END);
        out.writeLong(end.resourceVersion());
        out.writeLong(end.objects());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a payload written by {@link #encode}. A payload whose checksum matched but that does not
   * read (a format this code does not know) is refused, never half read.
   */
  static LogRecord decode(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    try {
      byte kind = in.get();
      long resourceVersion = in.getLong();
      LogRecord record = switch (kind) {
        case PUT -> {
          String identity = readString(in);
          int attributes = count(in);
          List<KeyAttribute> key = new ArrayList<>(attributes);
          for (int i = 0; i < attributes; i++) {
            String name = readString(in);
            String type = readString(in);
            int count = count(in);
            List<String> values = new ArrayList<>(count);
            for (int v = 0; v < count; v++) {
              values.add(readString(in));
            }
            key.add(new KeyAttribute(name, type, values));
          }
          yield new Put(resourceVersion, identity, key, readString(in));
        }
        case DELETE -> new Delete(resourceVersion, readString(in));
        case END -> new End(resourceVersion, in.getLong());
        default -> throw new IllegalArgumentException("unknown record kind " + kind);
      };
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " bytes after the record");
      }
      return record;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("the record ends early", e);
    }
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(ByteBuffer in) {
    int length = count(in);
    if (length > in.remaining()) {
      throw new IllegalArgumentException("a string of " + length + " bytes in " + in.remaining());
    }
    String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return value;
  }

  private static int count(ByteBuffer in) {
    int count = in.getInt();
    if (count < 0) {
      throw new IllegalArgumentException("a negative count " + count);
    }
    return count;
  }
}
