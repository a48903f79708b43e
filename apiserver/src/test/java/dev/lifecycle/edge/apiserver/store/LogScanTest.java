package dev.lifecycle.edge.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogScanTest {

  private static final List<KeyAttribute> KEY = List.of(
      new KeyAttribute("plural", "WITH", List.of("configmaps")),
      new KeyAttribute("labels:app", "WITH", List.of("édge")));

  static List<LogRecord> records() {
    List<LogRecord> records = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      records.add(new LogRecord.Put(i, "configmaps/default/cm-" + i, KEY, "{\"data\":{\"n\":\"" + i + "\"}}"));
    }
    records.add(new LogRecord.Delete(6, "configmaps/default/cm-2"));
    return records;
  }

  static byte[] file(List<LogRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(StoreFileHeader.current(StoreFileHeader.Kind.LOG, 0).encode());
    records.forEach(record -> out.writeBytes(RecordFrame.frame(LogRecord.encode(record))));
    return out.toByteArray();
  }

  /** Offsets at which each record starts, and the end. */
  static int[] boundaries(List<LogRecord> records) {
    int[] offsets = new int[records.size() + 1];
    offsets[0] = StoreFileHeader.SIZE;
    for (int i = 0; i < records.size(); i++) {
      offsets[i + 1] = offsets[i] + RecordFrame.frame(LogRecord.encode(records.get(i))).length;
    }
    return offsets;
  }

  @Test
  @DisplayName("When a log is read back, then every record comes back equal, in order, with nothing cut")
  void roundTrip() {
    byte[] bytes = file(records());

    LogScan.Result scan = LogScan.scan(bytes, StoreFileHeader.SIZE);

    assertThat(scan.records()).isEqualTo(records());
    assertThat(scan.goodEnd()).isEqualTo(bytes.length);
    assertThat(scan.damage()).isEmpty();
  }

  @Test
  @DisplayName("When the last record is torn at any byte, then the records before it are read and the tail is cut")
  void tornTailAtEveryOffset() {
    List<LogRecord> records = records();
    byte[] whole = file(records);
    int[] offsets = boundaries(records);
    int lastStart = offsets[records.size() - 1];
    for (int length = lastStart + 1; length < whole.length; length++) {
      int torn = length;
      LogScan.Result scan = LogScan.scan(Arrays.copyOf(whole, torn), StoreFileHeader.SIZE);

      assertThat(scan.records()).as("torn at %d", torn).isEqualTo(records.subList(0, records.size() - 1));
      assertThat(scan.goodEnd()).isEqualTo(lastStart);
      assertThat(scan.damage()).hasValueSatisfying(damage -> {
        assertThat(damage.reason()).isEqualTo(LogScan.Reason.TORN_TAIL);
        assertThat(damage.offset()).isEqualTo(lastStart);
        assertThat(damage.bytesCut()).isEqualTo(torn - lastStart);
        assertThat(damage.soundRecordsAfter()).isZero();
      });
    }
  }

  @Test
  @DisplayName("When the last record's length is whole but its bytes were zeroed (a power cut), then it is a torn tail")
  void zeroedTail() {
    List<LogRecord> records = records();
    byte[] bytes = file(records);
    int lastStart = boundaries(records)[records.size() - 1];
    Arrays.fill(bytes, lastStart + RecordFrame.OVERHEAD, bytes.length, (byte) 0);

    LogScan.Result scan = LogScan.scan(bytes, StoreFileHeader.SIZE);

    assertThat(scan.records()).hasSize(records.size() - 1);
    assertThat(scan.damage().get().reason()).isEqualTo(LogScan.Reason.TORN_TAIL);
  }

  @Test
  @DisplayName("When a record in the middle fails its checksum, then nothing from it on is read, and the sound records after it are counted")
  void corruptMiddleRecord() {
    List<LogRecord> records = records();
    byte[] bytes = file(records);
    int[] offsets = boundaries(records);
    bytes[offsets[2] + RecordFrame.OVERHEAD + 3] ^= 0x40;

    LogScan.Result scan = LogScan.scan(bytes, StoreFileHeader.SIZE);

    assertThat(scan.records()).isEqualTo(records.subList(0, 2));
    assertThat(scan.goodEnd()).isEqualTo(offsets[2]);
    LogScan.Damage damage = scan.damage().get();
    assertThat(damage.reason()).isEqualTo(LogScan.Reason.CHECKSUM_MISMATCH);
    assertThat(damage.offset()).isEqualTo(offsets[2]);
    assertThat(damage.bytesCut()).isEqualTo(bytes.length - offsets[2]);
    assertThat(damage.soundRecordsAfter()).isEqualTo(records.size() - 3);
  }

  @Test
  @DisplayName("When a stored checksum is changed, then the record is refused")
  void corruptChecksum() {
    List<LogRecord> records = records();
    byte[] bytes = file(records);
    int[] offsets = boundaries(records);
    ByteBuffer.wrap(bytes).putInt(offsets[0] + 4, ByteBuffer.wrap(bytes).getInt(offsets[0] + 4) + 1);

    LogScan.Result scan = LogScan.scan(bytes, StoreFileHeader.SIZE);

    assertThat(scan.records()).isEmpty();
    assertThat(scan.damage().get().reason()).isEqualTo(LogScan.Reason.CHECKSUM_MISMATCH);
    assertThat(scan.damage().get().soundRecordsAfter()).isEqualTo(records.size() - 1);
  }

  @Test
  @DisplayName("When a record's length is impossible, then the log is cut there")
  void badLength() {
    List<LogRecord> records = records();
    byte[] bytes = file(records);
    int[] offsets = boundaries(records);
    ByteBuffer.wrap(bytes).putInt(offsets[1], -5);

    LogScan.Result scan = LogScan.scan(bytes, StoreFileHeader.SIZE);

    assertThat(scan.records()).isEqualTo(records.subList(0, 1));
    assertThat(scan.damage().get().reason()).isEqualTo(LogScan.Reason.BAD_LENGTH);
  }

  @Test
  @DisplayName("When a record's checksum matches but it does not read, then it is refused, not half read")
  void unreadablePayload() {
    byte[] payload = {9, 0, 0, 0, 0, 0, 0, 0, 1};
    assertThatThrownBy(() -> LogRecord.decode(payload)).hasMessageContaining("unknown record kind 9");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(StoreFileHeader.current(StoreFileHeader.Kind.LOG, 0).encode());
    out.writeBytes(RecordFrame.frame(payload));

    LogScan.Result scan = LogScan.scan(out.toByteArray(), StoreFileHeader.SIZE);

    assertThat(scan.records()).isEmpty();
    assertThat(scan.damage().get().reason()).isEqualTo(LogScan.Reason.UNREADABLE_RECORD);
  }

  @Test
  @DisplayName("When a header names another format version, then it is refused with a message saying so")
  void otherFormatVersion() {
    byte[] header = new StoreFileHeader(StoreFileHeader.Kind.LOG, 2, 0).encode();

    assertThatThrownBy(() -> StoreFileHeader.decode(header, StoreFileHeader.Kind.LOG, "log-0"))
        .isInstanceOf(StoreCorruptException.class).hasMessageContaining("format version 2");
    assertThat(StoreFileHeader.decode(Arrays.copyOf(header, 10), StoreFileHeader.Kind.LOG, "log-0")).isEmpty();
  }
}
