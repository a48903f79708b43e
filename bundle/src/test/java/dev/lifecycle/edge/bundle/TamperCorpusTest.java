package dev.lifecycle.edge.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
import dev.lifecycle.edge.bundle.archive.ArchiveLimits;
import dev.lifecycle.edge.bundle.archive.Refusal;
import dev.lifecycle.edge.bundle.archive.RefusalReason;
import dev.lifecycle.edge.bundle.sign.KeyRotation;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a bundle can be damaged or forged that we know of, each refused with its reason and nothing kept. */
class TamperCorpusTest {

  private static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final SigningKey STRANGER = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final TrustStore TRUST = TrustStore.of(KEY.publicKey());

  @TempDir
  Path dir;

  private final TestImages images = new TestImages();
  private Descriptor layer;
  private byte[] archive;
  private List<TarZst.Entry> entries;

  @BeforeEach
  void buildBundle() throws IOException {
    layer = images.blob(TestImages.LAYER, 40_000);
    ImagePlan web = images.image("registry.example/web:1.0", layer, images.blob(TestImages.LAYER, 20_000));
    ImagePlan api = images.image("registry.example/api:1.0", layer);
    BuiltBundle built = new BundleWriter(KEY).write(new BundlePlan(List.of(new ProfileRef("retail", "1")),
        List.of(web, api), List.of()), images, null, dir.resolve("good.tar.zst"));
    archive = Files.readAllBytes(built.archive());
    entries = TarZst.read(built.archive());
    assertThat(verify(archive)).isInstanceOf(BundleVerification.Accepted.class);
  }

  @Test
  @DisplayName("A flipped byte in a blob: refused as a digest mismatch naming the blob")
  void flippedByte() throws IOException {
    byte[] content = entry(layer.layoutPath()).content().clone();
    content[1234] ^= 0x01;
    Refusal refusal = refused(replace(layer.layoutPath(), entry(layer.layoutPath()).withContent(content)));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.DIGEST_MISMATCH);
    assertThat(refusal.message()).contains(layer.layoutPath()).contains(layer.digest());
  }

  @Test
  @DisplayName("A blob missing: refused naming it")
  void blobMissing() throws IOException {
    List<TarZst.Entry> without = new ArrayList<>(entries);
    without.removeIf(entry -> entry.name().equals(layer.layoutPath()));

    Refusal refusal = refused(TarZst.write(without));
    assertThat(refusal.reason()).isEqualTo(RefusalReason.MISSING_ENTRY);
    assertThat(refusal.message()).contains(layer.layoutPath());
  }

  @Test
  @DisplayName("An extra entry bundle.json does not list: refused")
  void extraEntry() throws IOException {
    Refusal refusal = refused(append(TarZst.Entry.file("blobs/sha256/" + "0".repeat(64), new byte[10])));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.UNLISTED_ENTRY);
    assertThat(refusal.message()).contains("blobs/sha256/" + "0".repeat(64));
  }

  @Test
  @DisplayName("bundle.json edited after signing: the signature no longer matches")
  void indexEdited() throws IOException {
    String json = new String(entries.get(0).content(), StandardCharsets.UTF_8);
    byte[] edited = json.replace("registry.example/web:1.0", "registry.example/evil:1.0")
        .getBytes(StandardCharsets.UTF_8);
    Refusal refusal = refused(replace("bundle.json", entries.get(0).withContent(edited)));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.BAD_SIGNATURE);
    assertThat(refusal.message()).contains("does not match the signed content");
  }

  @Test
  @DisplayName("bundle.json signed by a key the site does not trust: refused naming the key")
  void untrustedKey() throws IOException {
    Refusal refusal = refused(resigned(entries.get(0).content(), STRANGER));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.UNTRUSTED_KEY);
    assertThat(refusal.message()).contains(STRANGER.keyId().value());
  }

  @Test
  @DisplayName("bundle.json signed by a key revoked by a rotation: refused")
  void revokedKey() throws IOException {
    SigningKey next = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    TrustStore rotated = TRUST.withRotation(new KeyRotation(next.publicKey(), List.of(KEY.keyId())).sign(KEY));

    BundleVerification result = new BundleVerifier(rotated).verify(new ByteArrayInputStream(archive), null,
        dir.resolve("staging"));
    assertThat(result).isInstanceOfSatisfying(BundleVerification.Refused.class,
        refused -> assertThat(refused.refusal().reason()).isEqualTo(RefusalReason.REVOKED_KEY));
  }

  @Test
  @DisplayName("A signature file that is not one: refused as a bad signature")
  void garbageSignature() throws IOException {
    Refusal refusal = refused(replace("bundle.json.sig", entries.get(1).withContent("{}".getBytes())));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.BAD_SIGNATURE);
  }

  @ParameterizedTest(name = "cut at {0} of the compressed archive")
  @ValueSource(doubles = {0.001, 0.1, 0.5, 0.9, 0.999})
  @DisplayName("A truncated archive: refused, at any offset")
  void truncatedCompressed(double fraction) throws IOException {
    int cut = Math.max(5, (int) (archive.length * fraction));
    Refusal refusal = refused(java.util.Arrays.copyOf(archive, cut));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.TRUNCATED_OR_DAMAGED);
  }

  @Test
  @DisplayName("The last byte cut off: refused, though every file was complete")
  void lastByteCut() throws IOException {
    Refusal refusal = refused(java.util.Arrays.copyOf(archive, archive.length - 1));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.TRUNCATED_OR_DAMAGED);
  }

  @Test
  @DisplayName("A tar cut inside a blob, compressed again intact: refused as truncated")
  void truncatedTar() throws IOException {
    byte[] whole = TarZst.zstdless(entries);
    Refusal refusal = refused(TarZst.zstd(java.util.Arrays.copyOf(whole, whole.length - 20_000)));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.TRUNCATED_OR_DAMAGED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "blobs/../../x", "/etc/passwd", "blobs//x", "C:\\x"})
  @DisplayName("An entry name that leaves the target directory: refused before anything is written")
  void pathTraversal(String name) throws IOException {
    Refusal refusal = refused(append(TarZst.Entry.file(name, new byte[] {1})));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.UNSAFE_ENTRY_NAME);
    assertThat(refusal.message()).contains(name);
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  @DisplayName("A symbolic link entry: refused")
  void symlink() throws IOException {
    Refusal refusal = refused(append(new TarZst.Entry("blobs/sha256/link", TarConstants.LF_SYMLINK, "/etc/passwd",
        new byte[0])));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.LINK_ENTRY);
    assertThat(refusal.message()).contains("symbolic").contains("/etc/passwd");
  }

  @Test
  @DisplayName("A hard link entry in place of a listed blob: refused")
  void hardlink() throws IOException {
    Refusal refusal = refused(replace(layer.layoutPath(), new TarZst.Entry(layer.layoutPath(), TarConstants.LF_LINK,
        "oci-layout", new byte[0])));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.LINK_ENTRY);
    assertThat(refusal.message()).contains("hard");
  }

  @Test
  @DisplayName("A directory entry: refused, only regular files are accepted")
  void directory() throws IOException {
    Refusal refusal = refused(append(new TarZst.Entry("blobs/", TarConstants.LF_DIR, "", new byte[0])));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.UNSUPPORTED_ENTRY_TYPE);
    assertThat(refusal.message()).contains("directory");
  }

  @Test
  @DisplayName("The same blob twice: refused as a duplicate")
  void duplicate() throws IOException {
    Refusal refusal = refused(append(entry(layer.layoutPath())));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.DUPLICATE_ENTRY);
    assertThat(refusal.message()).contains(layer.layoutPath());
  }

  @Test
  @DisplayName("A decompression bomb (a listed blob's header declares 1 TiB over 64 MiB of zeros): refused from the "
      + "header, nothing written")
  void bombDeclaredByHeader() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ZstdOutputStream zstd = new ZstdOutputStream(bytes);
    TarArchiveOutputStream tar = TarZst.tar(zstd);
    for (TarZst.Entry entry : entries.subList(0, 4)) {
      TarZst.put(tar, entry);
    }
    TarArchiveEntry bomb = new TarArchiveEntry(layer.layoutPath(), true);
    bomb.setSize(1L << 40);
    tar.putArchiveEntry(bomb);
    byte[] zeros = new byte[1 << 20];
    for (int i = 0; i < 64; i++) {
      tar.write(zeros);
    }
    tar.flush();
    zstd.close();

    Refusal refusal = refused(bytes.toByteArray());
    assertThat(refusal.reason()).isEqualTo(RefusalReason.SIZE_MISMATCH);
    assertThat(refusal.message()).contains(String.valueOf(1L << 40)).contains(String.valueOf(layer.size()));
  }

  @Test
  @DisplayName("A decompression bomb in place of bundle.json (1 GiB declared): refused before it is read")
  void bombAsIndex() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ZstdOutputStream zstd = new ZstdOutputStream(bytes);
    TarArchiveOutputStream tar = TarZst.tar(zstd);
    TarArchiveEntry bomb = new TarArchiveEntry("bundle.json", true);
    bomb.setSize(1L << 30);
    tar.putArchiveEntry(bomb);
    tar.write(new byte[1 << 20]);
    tar.flush();
    zstd.close();

    Refusal refusal = refused(bytes.toByteArray());
    assertThat(refusal.reason()).isEqualTo(RefusalReason.TOO_LARGE);
    assertThat(refusal.message()).contains("bundle.json declares 1073741824 bytes");
  }

  @Test
  @DisplayName("A decompression bomb in a PAX header (64 MiB of one header record, a few KiB compressed), which a "
      + "tar reader keeps in memory: refused after 1 MiB")
  void bombInPaxHeader() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long size = 64L << 20;
    try (ZstdOutputStream zstd = new ZstdOutputStream(bytes)) {
      TarArchiveEntry pax = new TarArchiveEntry("././@PaxHeader", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
      pax.setSize(size);
      byte[] header = new byte[512];
      pax.writeEntryHeader(header);
      zstd.write(header);
      byte[] record = (size + " comment=").getBytes(StandardCharsets.US_ASCII);
      zstd.write(record);
      byte[] filler = new byte[1 << 20];
      java.util.Arrays.fill(filler, (byte) 'a');
      for (long left = size - record.length; left > 0; left -= filler.length) {
        zstd.write(filler, 0, (int) Math.min(filler.length, left));
      }
    }
    assertThat(bytes.size()).isLessThan(64 * 1024);

    Refusal refusal = refused(bytes.toByteArray());
    assertThat(refusal.reason()).isEqualTo(RefusalReason.TOO_LARGE);
    assertThat(refusal.message()).contains("bytes of tar headers before one entry");
  }

  @Test
  @DisplayName("A signed index declaring more content than the total-size cap: refused before any blob is read")
  void totalSizeCap() throws IOException {
    BundleVerification result = new BundleVerifier(TRUST, ArchiveLimits.defaults().withMaxTotalBytes(50_000))
        .verify(new ByteArrayInputStream(archive), null, dir.resolve("staging"));

    assertThat(result).isInstanceOfSatisfying(BundleVerification.Refused.class, refused -> {
      assertThat(refused.refusal().reason()).isEqualTo(RefusalReason.TOO_LARGE);
      assertThat(refused.refusal().message()).contains("50000 bytes");
    });
    assertThat(dir.resolve("staging")).isEmptyDirectory();
  }

  @Test
  @DisplayName("An index signed by the trusted key that lists a blob under another digest's path: refused as "
      + "malformed before any blob is read")
  void blobPathNotItsDigest() throws IOException {
    String json = new String(entries.get(0).content(), StandardCharsets.UTF_8);
    String hex = layer.digest().substring("sha256:".length());
    String forged = json.replaceFirst("\"path\" : \"blobs/sha256/" + hex + "\"", "\"path\" : \"blobs/sha256/other\"");
    assertThat(forged).isNotEqualTo(json);

    Refusal refusal = refused(resigned(forged.getBytes(StandardCharsets.UTF_8), KEY));
    assertThat(refusal.reason()).isEqualTo(RefusalReason.MALFORMED_INDEX);
    assertThat(refusal.message()).contains("blobs/sha256/other");
  }

  @Test
  @DisplayName("A zstd frame asking for a 1 GiB window (native memory, before any entry): refused as too large")
  void hugeZstdWindow() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZstdOutputStream zstd = new ZstdOutputStream(bytes)) {
      zstd.setWindowLog(30);
      zstd.write(TarZst.zstdless(entries));
    }
    Refusal refusal = refused(bytes.toByteArray());

    assertThat(refusal.reason()).isEqualTo(RefusalReason.TOO_LARGE);
    assertThat(refusal.message()).contains("window of more than 128 MiB");
  }

  @Test
  @DisplayName("A signed index whose sizes are not whole numbers: refused as malformed")
  void fractionalSize() throws IOException {
    String json = new String(entries.get(0).content(), StandardCharsets.UTF_8);
    String forged = json.replaceFirst("\"size\" : 31\\b", "\"size\" : 31.5");
    assertThat(forged).isNotEqualTo(json);

    Refusal refusal = refused(resigned(forged.getBytes(StandardCharsets.UTF_8), KEY));
    assertThat(refusal.reason()).isEqualTo(RefusalReason.MALFORMED_INDEX);
  }

  @Test
  @DisplayName("bundle.json not first: not a signed archive")
  void indexNotFirst() throws IOException {
    List<TarZst.Entry> reordered = new ArrayList<>(entries);
    reordered.add(0, reordered.remove(2));

    Refusal refusal = refused(TarZst.write(reordered));
    assertThat(refusal.reason()).isEqualTo(RefusalReason.NOT_A_SIGNED_ARCHIVE);
    assertThat(refusal.message()).contains("oci-layout");
  }

  @Test
  @DisplayName("A plain tar, not zstd: not a signed archive")
  void notZstd() throws IOException {
    Refusal refusal = refused(TarZst.zstdless(entries));
    assertThat(refusal.reason()).isEqualTo(RefusalReason.NOT_A_SIGNED_ARCHIVE);
    assertThat(refusal.message()).contains("not zstd-compressed");
  }

  @Test
  @DisplayName("Data after the end of the tar: refused")
  void trailingData() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    tar.write(TarZst.zstdless(entries));
    tar.write("smuggled".getBytes(StandardCharsets.UTF_8));
    Refusal refusal = refused(TarZst.zstd(tar.toByteArray()));

    assertThat(refusal.reason()).isEqualTo(RefusalReason.TRUNCATED_OR_DAMAGED);
    assertThat(refusal.message()).contains("data after the end");
  }

  @Test
  @DisplayName("Every case of the shared corpus (TamperCorpus, which the site's content store reuses): refused with "
      + "its reason, nothing staged")
  void sharedCorpus() throws IOException {
    List<TamperCorpus.Case> cases = TamperCorpus.of(dir.resolve("good.tar.zst"), KEY, STRANGER);
    assertThat(cases).hasSizeGreaterThan(20);
    for (TamperCorpus.Case tampered : cases) {
      assertThat(refused(tampered.archive()).reason()).as(tampered.name()).isEqualTo(tampered.reason());
    }
  }

  private TarZst.Entry entry(String name) {
    return entries.stream().filter(entry -> entry.name().equals(name)).findFirst().orElseThrow();
  }

  private byte[] replace(String name, TarZst.Entry replacement) throws IOException {
    List<TarZst.Entry> copy = new ArrayList<>(entries);
    copy.replaceAll(entry -> entry.name().equals(name) ? replacement : entry);
    return TarZst.write(copy);
  }

  private byte[] append(TarZst.Entry extra) throws IOException {
    List<TarZst.Entry> copy = new ArrayList<>(entries);
    copy.add(extra);
    return TarZst.write(copy);
  }

  private byte[] resigned(byte[] index, SigningKey signer) throws IOException {
    List<TarZst.Entry> copy = new ArrayList<>(entries);
    copy.set(0, entries.get(0).withContent(index));
    copy.set(1, entries.get(1).withContent(signer.sign(index).toJson()));
    return TarZst.write(copy);
  }

  private BundleVerification verify(byte[] bytes) throws IOException {
    Path staging = dir.resolve("staging-" + System.nanoTime());
    BundleVerification result = new BundleVerifier(TRUST).verify(new ByteArrayInputStream(bytes), null, staging);
    if (result instanceof BundleVerification.Refused) {
      assertThat(staging).isEmptyDirectory();
    }
    return result;
  }

  private Refusal refused(byte[] bytes) throws IOException {
    BundleVerification result = verify(bytes);
    assertThat(result).isInstanceOf(BundleVerification.Refused.class);
    return ((BundleVerification.Refused) result).refusal();
  }
}
