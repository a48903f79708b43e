package dev.lifecycle.edge.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.wire.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {

  private static final StoredCredential CREDENTIAL =
      new StoredCredential("store-0042", "store-0042-a", "ehc1.c3RvcmU.secret-part");

  @TempDir
  Path temp;

  @Test
  @DisplayName("When the credential is saved, then only the owner can read the file or enter the directory")
  void ownerOnly() throws IOException {
    Path dir = temp.resolve("state");
    new FileStateStore(dir).saveCredential(CREDENTIAL);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dir.resolve(FileStateStore.CREDENTIAL_FILE)))).isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).as("no temporary file is left").hasSize(1);
    }
  }

  @Test
  @DisplayName("When a new store opens the same directory, then it finds the credential and the last plan")
  void reload() {
    Path dir = temp.resolve("state");
    FileStateStore first = new FileStateStore(dir);
    first.saveCredential(CREDENTIAL);
    first.saveHandledPlan(new HandledPlan(4, Report.State.Applied, "1.1.0"));

    FileStateStore second = new FileStateStore(dir);

    assertThat(second.loadCredential()).contains(CREDENTIAL);
    assertThat(second.loadHandledPlan()).contains(new HandledPlan(4, Report.State.Applied, "1.1.0"));
  }

  @Test
  @DisplayName("When the credential is saved as JSON, then it holds namespace, host and credential")
  void jsonShape() throws IOException {
    FileStateStore store = new FileStateStore(temp);
    store.saveCredential(CREDENTIAL);

    assertThat(Files.readString(temp.resolve(FileStateStore.CREDENTIAL_FILE))).isEqualTo(
        "{\"namespace\":\"store-0042\",\"host\":\"store-0042-a\",\"credential\":\"ehc1.c3RvcmU.secret-part\"}");
  }

  @Test
  @DisplayName("When the credential is cleared, then the next load finds none")
  void clear() {
    FileStateStore store = new FileStateStore(temp);
    store.saveCredential(CREDENTIAL);

    store.clearCredential();

    assertThat(new FileStateStore(temp).loadCredential()).isEmpty();
  }

  @Test
  @DisplayName("When the credential file is corrupt, then it counts as no credential (the agent registers again)")
  void corrupt() throws IOException {
    Files.writeString(temp.resolve(FileStateStore.CREDENTIAL_FILE), "ehc1.not-json");

    assertThat(new FileStateStore(temp).loadCredential()).isEmpty();
  }

  @Test
  @DisplayName("When a stored credential is printed, then the credential itself does not show")
  void toStringHidesTheCredential() {
    assertThat(CREDENTIAL.toString()).contains("store-0042-a").doesNotContain("secret-part");
  }

  @Test
  @DisplayName("When a link is kept, then a new store finds it, without any secret; forgetting the controller drops "
      + "the credential and the finished plan but keeps the link and the applied site settings")
  void link() throws IOException {
    Path dir = temp.resolve("state");
    StoredLink link = new StoredLink(java.net.URI.create("https://127.0.0.1:5080"), "sha256:" + "c".repeat(64),
        "store-0042", "site", "link-1", 1_796_558_520L);
    FileStateStore first = new FileStateStore(dir);
    first.saveLink(link);
    first.saveCredential(CREDENTIAL);
    first.saveHandledPlan(new HandledPlan(3, Report.State.Applied, "1.0.0"));
    first.saveAppliedSite(new dev.lifecycle.edge.wire.Site("a", null, null, java.util.List.of(), java.util.List.of()));

    FileStateStore second = new FileStateStore(dir);
    assertThat(second.loadLink()).contains(link);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(FileStateStore.LINK_FILE))))
        .isEqualTo("rw-------");
    second.forgetController();

    assertThat(second.loadCredential()).isEmpty();
    assertThat(second.loadHandledPlan()).isEmpty();
    assertThat(second.loadLink()).contains(link);
    assertThat(second.loadAppliedSite()).isPresent();
    assertThat(new FileStateStore(temp.resolve("empty")).loadLink()).isEmpty();
  }
}
