package dev.lifecycle.edge.site.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.ProfileRef;
import dev.lifecycle.edge.bundle.SiteInventory;
import dev.lifecycle.edge.bundle.TamperCorpus;
import dev.lifecycle.edge.bundle.archive.RefusalReason;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {

  @TempDir
  Path dir;

  private final TestBundles bundles = new TestBundles();
  private Path content;
  private ContentStore store;
  private BuiltBundle v1;

  @BeforeEach
  void open() throws IOException {
    content = dir.resolve("content");
    store = open(content, ContentLimits.defaults());
    v1 = bundles.v1(dir.resolve("v1.tar.zst"));
  }

  private static ContentStore open(Path directory, ContentLimits limits) throws IOException {
    return ContentStore.open(directory, TestBundles.TRUST, limits,
        Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
  }

  private UploadOutcome upload(ContentStore target, Path archive) throws IOException {
    try (InputStream in = Files.newInputStream(archive)) {
      return target.upload(in, null);
    }
  }

  private BundleRecord stored(UploadOutcome outcome) {
    assertThat(outcome).isInstanceOf(UploadOutcome.Stored.class);
    return ((UploadOutcome.Stored) outcome).bundle();
  }

  @Test
  @DisplayName("An accepted bundle: its blobs kept once by digest, recorded with name, profiles, images, signer, "
      + "size; nothing left in tmp/")
  void accepted() throws IOException {
    UploadOutcome outcome = upload(store, v1.archive());

    BundleRecord record = stored(outcome);
    assertThat(((UploadOutcome.Stored) outcome).alreadyPresent()).isFalse();
    assertThat(record.id()).isEqualTo(ContentStore.sha256(v1.indexBytes()));
    assertThat(record.name()).isEqualTo("retail-1.4.0");
    assertThat(record.profiles()).containsExactly(new ProfileRef("retail", "1.4.0"));
    assertThat(record.artifacts()).extracting(BundleRecord.Artifact::reference)
        .containsExactly(TestBundles.POS + ":1.4", TestBundles.NGINX, TestBundles.CHART);
    assertThat(record.signer()).isEqualTo(TestBundles.KEY.keyId().value());
    assertThat(record.archiveBytes()).isEqualTo(Files.size(v1.archive()));
    assertThat(record.delta()).isFalse();
    assertThat(record.uploadedAt()).isEqualTo("2026-12-06T10:00:00Z");
    for (String digest : record.blobs()) {
      Path blob = store.blob(digest).orElseThrow();
      assertThat(ContentStore.sha256(Files.readAllBytes(blob))).isEqualTo(digest);
    }
    assertThat(record.blobs()).hasSize(v1.blobsWritten());
    assertThat(record.contentBytes()).isEqualTo(record.blobs().stream()
        .mapToLong(digest -> size(store.blob(digest).orElseThrow())).sum());
    assertThat(content.resolve("tmp")).isEmptyDirectory();
    assertThat(content.resolve("bundles.json")).exists();
  }

  @Test
  @DisplayName("The same bundle uploaded twice: one copy, the second answer says it was already present")
  void idempotent() throws IOException {
    BundleRecord first = stored(upload(store, v1.archive()));
    Map<String, String> before = DirectorySnapshot.of(content);

    UploadOutcome again = upload(store, v1.archive());

    assertThat(again).isEqualTo(new UploadOutcome.Stored(first, true));
    assertThat(store.bundles()).containsExactly(first);
    assertThat(DirectorySnapshot.of(content)).isEqualTo(before);
  }

  @Test
  @DisplayName("A reopened store holds what it held; the inventory lists exactly the blobs on disk")
  void reopened() throws IOException {
    BundleRecord first = stored(upload(store, v1.archive()));

    ContentStore again = open(content, ContentLimits.defaults());

    assertThat(again.bundles()).containsExactly(first);
    try (Stream<Path> files = Files.list(content.resolve("blobs/sha256"))) {
      assertThat(again.inventory().digests()).containsExactlyInAnyOrderElementsOf(
          files.map(file -> "sha256:" + file.getFileName()).toList());
    }
    assertThat(SiteInventory.parse(again.inventory().toJson()).digest()).isEqualTo(again.inventory().digest());
  }

  @Test
  @DisplayName("A delta bundle built against the site's inventory: accepted, needing the blobs it left out")
  void delta() throws IOException {
    stored(upload(store, v1.archive()));
    BuiltBundle v2 = bundles.v2(dir.resolve("v2.tar.zst"), store.inventory());
    assertThat(v2.blobsLeftOut()).isPositive();

    BundleRecord record = stored(upload(store, v2.archive()));

    assertThat(record.delta()).isTrue();
    assertThat(record.blobs()).contains(bundles.baseLayer.digest());
    assertThat(record.blobs()).hasSize(v2.blobsWritten() + v2.blobsLeftOut());
    record.blobs().forEach(digest -> assertThat(store.blob(digest)).as(digest).isPresent());
  }

  @Test
  @DisplayName("A delta bundle at a site without its base: refused naming a missing blob, nothing kept")
  void deltaWithoutBase() throws IOException {
    stored(upload(store, v1.archive()));
    BuiltBundle v2 = bundles.v2(dir.resolve("v2.tar.zst"), store.inventory());
    Path other = dir.resolve("other");
    ContentStore empty = open(other, ContentLimits.defaults());
    Map<String, String> before = DirectorySnapshot.of(other);

    UploadOutcome outcome = upload(empty, v2.archive());

    assertThat(outcome).isInstanceOfSatisfying(UploadOutcome.Refused.class, refused -> {
      assertThat(refused.refusal().reason()).isEqualTo(RefusalReason.BASE_MISSING);
      assertThat(refused.refusal().message()).containsAnyOf(v2.index().base().blobs().stream()
          .map(blob -> blob.digest()).toArray(String[]::new));
    });
    assertThat(DirectorySnapshot.of(other)).isEqualTo(before);
  }

  @Test
  @DisplayName("A delta bundle whose base is deleted while it uploads: refused when committed, naming the blobs gone, "
      + "nothing kept")
  void baseDeletedDuringUpload() throws IOException {
    BundleRecord first = stored(upload(store, v1.archive()));
    BuiltBundle v2 = bundles.v2(dir.resolve("v2.tar.zst"), store.inventory());
    java.util.concurrent.atomic.AtomicReference<Map<String, String>> afterDelete =
        new java.util.concurrent.atomic.AtomicReference<>();
    InputStream deletingOnFirstRead = new FilterInputStream(Files.newInputStream(v2.archive())) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (afterDelete.get() == null) {
          assertThat(store.delete(first.id(), Set.of())).isInstanceOf(DeleteOutcome.Deleted.class);
          Map<String, String> snapshot = DirectorySnapshot.of(content);
          snapshot.keySet().removeIf(path -> path.startsWith("tmp/")); // this upload's own staging directory
          afterDelete.set(snapshot);
        }
        return super.read(buffer, offset, length);
      }
    };

    UploadOutcome outcome;
    try (deletingOnFirstRead) {
      outcome = store.upload(deletingOnFirstRead, null);
    }

    assertThat(outcome).isInstanceOfSatisfying(UploadOutcome.Refused.class, refused -> {
      assertThat(refused.refusal().reason()).isEqualTo(RefusalReason.BASE_MISSING);
      assertThat(refused.refusal().message()).contains("no longer holds").containsAnyOf(v2.index().base().blobs()
          .stream().map(blob -> blob.digest()).toArray(String[]::new));
    });
    assertThat(store.bundles()).isEmpty();
    assertThat(DirectorySnapshot.of(content)).isEqualTo(afterDelete.get());
  }

  @Test
  @DisplayName("An upload over the size limit: refused as too large naming the limit, nothing kept")
  void tooLarge() throws IOException {
    ContentStore small = open(dir.resolve("small"), ContentLimits.defaults().withMaxUploadBytes(10_000));
    Map<String, String> before = DirectorySnapshot.of(dir.resolve("small"));
    assertThat(Files.size(v1.archive())).isGreaterThan(10_000);

    UploadOutcome outcome = upload(small, v1.archive());

    assertThat(outcome).isInstanceOfSatisfying(UploadOutcome.Refused.class, refused -> {
      assertThat(refused.refusal().reason()).isEqualTo(RefusalReason.TOO_LARGE);
      assertThat(refused.refusal().message()).contains("10000 bytes");
    });
    assertThat(DirectorySnapshot.of(dir.resolve("small"))).isEqualTo(before);
  }

  @Test
  @DisplayName("An upload whose connection breaks half way: refused, the content directory byte-identical")
  void interrupted() throws IOException {
    stored(upload(store, bundles.write(dir.resolve("other.tar.zst"), "1.0.0", List.of(bundles.pos15()), List.of(),
        null).archive()));
    Map<String, String> before = DirectorySnapshot.of(content);
    byte[] archive = Files.readAllBytes(v1.archive());
    InputStream breaking = new FilterInputStream(new ByteArrayInputStream(archive)) {
      private long read;

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (read > archive.length / 2) {
          throw new IOException("Connection reset by peer");
        }
        int n = super.read(buffer, offset, Math.min(length, 4096));
        read += Math.max(n, 0);
        return n;
      }
    };

    UploadOutcome outcome = store.upload(breaking, "broken");

    assertThat(outcome).isInstanceOfSatisfying(UploadOutcome.Refused.class, refused ->
        assertThat(refused.refusal().reason()).isEqualTo(RefusalReason.TRUNCATED_OR_DAMAGED));
    assertThat(DirectorySnapshot.of(content)).isEqualTo(before);
  }

  @Test
  @DisplayName("Every forged or damaged bundle of the bundle module's tamper corpus: refused with its reason, the "
      + "content directory byte-identical")
  void tamperCorpus() throws IOException {
    stored(upload(store, bundles.write(dir.resolve("other.tar.zst"), "1.0.0", List.of(bundles.pos15()), List.of(),
        null).archive()));
    Map<String, String> before = DirectorySnapshot.of(content);
    List<TamperCorpus.Case> cases = TamperCorpus.of(v1.archive(), TestBundles.KEY, TestBundles.STRANGER);
    assertThat(cases).hasSizeGreaterThan(20);

    for (TamperCorpus.Case tampered : cases) {
      UploadOutcome outcome = store.upload(new ByteArrayInputStream(tampered.archive()), null);

      assertThat(outcome).as(tampered.name()).isInstanceOfSatisfying(UploadOutcome.Refused.class, refused ->
          assertThat(refused.refusal().reason()).as(tampered.name() + ": " + refused.refusal())
              .isEqualTo(tampered.reason()));
      assertThat(DirectorySnapshot.of(content)).as(tampered.name()).isEqualTo(before);
    }
  }

  @Test
  @DisplayName("What a crash left (an unfinished upload in tmp/, blobs and a bundle index no record names): deleted "
      + "when the store opens, recorded content kept")
  void crashLeftovers() throws IOException {
    BundleRecord first = stored(upload(store, v1.archive()));
    Map<String, String> before = DirectorySnapshot.of(content);
    Files.createDirectories(content.resolve("tmp/upload-1/blobs/sha256"));
    Files.write(content.resolve("tmp/upload-1/blobs/sha256/.partial-1"), new byte[100]);
    Files.write(content.resolve("blobs/sha256/" + "a".repeat(64)), new byte[10]);
    Files.write(content.resolve("blobs/sha256/.partial-9"), new byte[10]);
    Files.createDirectories(content.resolve("bundles/" + "b".repeat(64)));
    Files.write(content.resolve("bundles.json.tmp"), new byte[] {'{'});

    ContentStore reopened = open(content, ContentLimits.defaults());

    assertThat(reopened.bundles()).containsExactly(first);
    Map<String, String> after = DirectorySnapshot.of(content);
    after.remove("bundles.json.tmp");
    assertThat(after).isEqualTo(before);
  }

  @Test
  @DisplayName("Deleting a bundle a cluster uses: refused; deleting one nothing uses: its own blobs go, shared ones "
      + "stay for the bundle that needs them")
  void delete() throws IOException {
    BundleRecord first = stored(upload(store, v1.archive()));
    BundleRecord second = stored(upload(store, bundles.v2(dir.resolve("v2.tar.zst"), null).archive()));
    Map<String, String> before = DirectorySnapshot.of(content);

    assertThat(store.delete(first.id(), Set.of(first.id()))).isEqualTo(new DeleteOutcome.InUse(first));
    assertThat(store.delete("sha256:" + "0".repeat(64), Set.of())).isInstanceOf(DeleteOutcome.Unknown.class);
    assertThat(DirectorySnapshot.of(content)).isEqualTo(before);

    DeleteOutcome deleted = store.delete(second.id(), Set.of(first.id()));

    Set<String> onlySecond = second.blobs().stream().filter(blob -> !first.blobs().contains(blob))
        .collect(Collectors.toSet());
    assertThat(onlySecond).isNotEmpty();
    assertThat(deleted).isEqualTo(new DeleteOutcome.Deleted(second, onlySecond));
    assertThat(store.bundles()).containsExactly(first);
    first.blobs().forEach(blob -> assertThat(store.blob(blob)).as(blob).isPresent());
    onlySecond.forEach(blob -> assertThat(content.resolve("blobs/sha256/" + blob.substring(7))).doesNotExist());
    assertThat(open(content, ContentLimits.defaults()).bundles()).containsExactly(first);
  }

  @Test
  @DisplayName("Garbage collection keeps what clusters run and the version before, deletes the rest; a delta's base "
      + "blobs stay while it is kept")
  void garbageCollection() throws IOException {
    BundleRecord first = stored(upload(store, v1.archive()));
    BundleRecord second = stored(upload(store, bundles.v2(dir.resolve("v2.tar.zst"), store.inventory()).archive()));
    BundleRecord third = stored(upload(store, bundles.write(dir.resolve("v3.tar.zst"), "1.6.0",
        List.of(bundles.pos15()), List.of(), store.inventory()).archive()));

    assertThat(store.collectGarbage(Set.of(second.id())).isEmpty()).isTrue();
    assertThat(store.bundles()).containsExactly(first, second, third);

    ContentRetention.Decision decision = store.collectGarbage(Set.of(third.id()));

    assertThat(decision.bundles()).containsExactly(first);
    assertThat(store.bundles()).containsExactly(second, third);
    second.blobs().forEach(blob -> assertThat(store.blob(blob)).as(blob).isPresent());
    third.blobs().forEach(blob -> assertThat(store.blob(blob)).as(blob).isPresent());
    assertThat(decision.blobs()).isNotEmpty().doesNotContainAnyElementsOf(second.blobs());
    decision.blobs().forEach(blob -> assertThat(content.resolve("blobs/sha256/" + blob.substring(7))).doesNotExist());
  }

  @Test
  @DisplayName("A bundle name that is not printable text: refused before anything is read")
  void badName() throws IOException {
    Map<String, String> before = DirectorySnapshot.of(content);
    try (InputStream in = Files.newInputStream(v1.archive())) {
      assertThatThrownBy(() -> store.upload(in, "../../etc/passwd\n")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bundle name");
      assertThat(in.available()).isEqualTo((int) Files.size(v1.archive()));
    }
    assertThat(DirectorySnapshot.of(content)).isEqualTo(before);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
