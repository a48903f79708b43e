package dev.lifecycle.edge.apiserver.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the records of a store file's bytes after its header, up to the first record that is not
 * whole and sound. Nothing after a bad record is ever returned, even records that read well: a later
 * write may have been made from the state the lost one left (an update on top of it, its deletion),
 * and replaying it without its predecessor would build a state the API never had. How many sound
 * records were found past the bad one is counted (when the bad record's length can be trusted to skip
 * it) so that the report says what was dropped.
 */
final class LogScan {

  /** Why the file is cut where it is. */
  enum Reason {
    /** The last record stops before its end: a write cut by a crash, never acknowledged. */
    TORN_TAIL,
    /** A record's checksum does not match its bytes. */
    CHECKSUM_MISMATCH,
    /** A record's length is impossible (negative or beyond any write). */
    BAD_LENGTH,
    /** A record's checksum matches but its payload does not read. */
    UNREADABLE_RECORD
  }

  /** Where and why the readable part of a file ends before its last byte. */
  record Damage(Reason reason, long offset, long bytesCut, int soundRecordsAfter) {
  }

  /** The sound records in file order, the offset just past the last of them, and the damage after it. */
  record Result(List<LogRecord> records, long goodEnd, Optional<Damage> damage) {
  }

  private LogScan() {
  }

  static Result scan(byte[] bytes, int start) {
    List<LogRecord> records = new ArrayList<>();
    int position = start;
    while (position < bytes.length) {
      Step step = read(bytes, position);
      if (step.record == null) {
        int after = step.next < 0 ? 0 : countSound(bytes, step.next);
        Reason reason = step.reason == Reason.CHECKSUM_MISMATCH && after == 0 && step.next == bytes.length
            ? Reason.TORN_TAIL : step.reason;
        return new Result(records, position,
            Optional.of(new Damage(reason, position, bytes.length - position, after)));
      }
      records.add(step.record);
      position = step.next;
    }
    return new Result(records, position, Optional.empty());
  }

  /** Sound records from this offset on, stopping at the first bad one. */
  private static int countSound(byte[] bytes, int position) {
    int count = 0;
    while (position < bytes.length) {
      Step step = read(bytes, position);
      if (step.record == null) {
        return count;
      }
      count++;
      position = step.next;
    }
    return count;
  }

  /** One record at this offset: the record and the next offset, or the reason it is bad (next: -1 if unknown). */
  private record Step(LogRecord record, int next, Reason reason) {
  }

  private static Step read(byte[] bytes, int position) {
    int available = bytes.length - position;
    if (available < RecordFrame.OVERHEAD) {
      return new Step(null, -1, Reason.TORN_TAIL);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int length = in.getInt(position);
    int checksum = in.getInt(position + 4);
    if (length < 0 || length > RecordFrame.MAX_PAYLOAD) {
      return new Step(null, -1, Reason.BAD_LENGTH);
    }
    if (length > available - RecordFrame.OVERHEAD) {
      return new Step(null, -1, Reason.TORN_TAIL);
    }
    int payloadStart = position + RecordFrame.OVERHEAD;
    int next = payloadStart + length;
    if (RecordFrame.checksum(length, bytes, payloadStart, length) != checksum) {
      return new Step(null, next, Reason.CHECKSUM_MISMATCH);
    }
    byte[] payload = new byte[length];
    System.arraycopy(bytes, payloadStart, payload, 0, length);
    try {
      return new Step(LogRecord.decode(payload), next, null);
    } catch (IllegalArgumentException e) {
      return new Step(null, next, Reason.UNREADABLE_RECORD);
    }
  }
}
