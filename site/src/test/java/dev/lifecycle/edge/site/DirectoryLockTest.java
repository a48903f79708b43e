package dev.lifecycle.edge.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("When a data directory is locked, then a second lock is refused naming the holder's process, and "
      + "granted once the first is released")
  void oneHolder() {
    SiteDirectory directory = new SiteDirectory(dir.resolve("site"));
    try (DirectoryLock first = DirectoryLock.acquire(directory)) {
      assertThat(directory.lock()).exists();
      assertThatThrownBy(() -> DirectoryLock.acquire(directory)).isInstanceOf(IllegalStateException.class)
          .hasMessage("another site controller (process " + ProcessHandle.current().pid() + ") uses the data "
              + "directory " + directory + ": stop it first, or give this one another --data-dir");
    }
    DirectoryLock.acquire(directory).close();
  }
}
