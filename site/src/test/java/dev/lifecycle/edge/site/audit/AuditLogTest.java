package dev.lifecycle.edge.site.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.site.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("When entries are recorded, then they list newest first, by page, and survive a reopen, owner-only")
  void recordAndList() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    AuditLog log = new AuditLog(dir, clock);
    for (int i = 1; i <= 5; i++) {
      log.record("admin", "10.0.0.9", "link.create", "link/l" + i, AuditEntry.OK, null);
    }
    assertThat(log.list(2, null)).extracting(AuditEntry::target).containsExactly("link/l5", "link/l4");
    assertThat(log.list(2, 4L)).extracting(AuditEntry::target).containsExactly("link/l3", "link/l2");
    AuditLog reopened = new AuditLog(dir, clock);
    assertThat(reopened.record("admin", null, "host.unlink", "host/a", AuditEntry.REFUSED, "404 NotFound").seq())
        .isEqualTo(6);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reopened.file()))).isEqualTo("rw-------");
  }

  @Test
  @DisplayName("When the last line was torn by a crash, then it is skipped and the next entry starts on a line of its own")
  void tornTail() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    AuditLog log = new AuditLog(dir, clock);
    log.record("admin", null, "link.create", "link/a", AuditEntry.OK, null);
    Files.write(log.file(), "{\"seq\":2,\"time\":\"2026-".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    AuditLog reopened = new AuditLog(dir, clock);
    reopened.record("admin", null, "link.revoke", "link/a", AuditEntry.OK, null);
    assertThat(reopened.list(10, null)).extracting(AuditEntry::action).containsExactly("link.revoke", "link.create");
  }
}
