package dev.lifecycle.edge.bundle;

import com.github.luben.zstd.ZstdOutputStream;
import dev.lifecycle.edge.bundle.archive.RefusalReason;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The tamper corpus as data, for every reader of bundles (the site's content store among them): each case is a
 * damaged or forged copy of one good bundle and the reason a verifier must refuse it with. {@link TamperCorpusTest}
 * checks every case against {@link BundleVerifier}; the cases that need their own trust store or limits stay there.
 */
public final class TamperCorpus {

  /** One damaged or forged bundle. */
  public record Case(String name, byte[] archive, RefusalReason reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  private final byte[] archive;
  private final List<TarZst.Entry> entries;
  private final SigningKey key;
  private final List<Case> cases = new ArrayList<>();

  private TamperCorpus(Path good, SigningKey key) throws IOException {
    this.archive = Files.readAllBytes(good);
    this.entries = TarZst.read(good);
    this.key = key;
  }

  /**
   * The cases made from a good bundle signed by {@code key}, whose fourth entry is a blob of at least 2 KiB (as
   * {@link BundleWriter} writes them: bundle.json, its signature, oci-layout, index.json, then the blobs).
   *
   * @param stranger a key the verifier does not trust
   */
  public static List<Case> of(Path good, SigningKey key, SigningKey stranger) throws IOException {
    return new TamperCorpus(good, key).build(stranger);
  }

  private List<Case> build(SigningKey stranger) throws IOException {
    TarZst.Entry blob = entries.stream().filter(entry -> entry.name().startsWith("blobs/")
        && entry.content().length >= 2048).findFirst().orElseThrow(() -> new IllegalArgumentException(
            "the good bundle needs a blob of at least 2 KiB"));
    String json = new String(entries.get(0).content(), StandardCharsets.UTF_8);

    byte[] flipped = blob.content().clone();
    flipped[1234] ^= 0x01;
    add("a flipped byte in a blob", replace(blob.name(), old -> old.withContent(flipped)),
        RefusalReason.DIGEST_MISMATCH);
    List<TarZst.Entry> without = new ArrayList<>(entries);
    without.removeIf(entry -> entry.name().equals(blob.name()));
    add("a blob missing", TarZst.write(without), RefusalReason.MISSING_ENTRY);
    add("an unlisted extra entry", append(TarZst.Entry.file("blobs/sha256/" + "0".repeat(64), new byte[10])),
        RefusalReason.UNLISTED_ENTRY);
    add("bundle.json edited after signing", replace("bundle.json", old -> old.withContent(
        (json.replaceFirst("\"size\" : ", "\"size\" : 1")).getBytes(StandardCharsets.UTF_8))),
        RefusalReason.BAD_SIGNATURE);
    add("signed by an untrusted key", resigned(entries.get(0).content(), stranger), RefusalReason.UNTRUSTED_KEY);
    add("a signature file that is not one", replace("bundle.json.sig",
        old -> old.withContent("{}".getBytes(StandardCharsets.UTF_8))), RefusalReason.BAD_SIGNATURE);
    for (double fraction : new double[] {0.001, 0.5, 0.999}) {
      add("cut at " + fraction + " of the compressed archive",
          Arrays.copyOf(archive, Math.max(5, (int) (archive.length * fraction))), RefusalReason.TRUNCATED_OR_DAMAGED);
    }
    add("the last byte cut off", Arrays.copyOf(archive, archive.length - 1), RefusalReason.TRUNCATED_OR_DAMAGED);
    byte[] tar = TarZst.zstdless(entries);
    add("a tar cut inside a blob, compressed again intact", cutInside(blob), RefusalReason.TRUNCATED_OR_DAMAGED);
    for (String name : List.of("../x", "blobs/../../x", "/etc/passwd")) {
      add("an entry named " + name, append(TarZst.Entry.file(name, new byte[] {1})), RefusalReason.UNSAFE_ENTRY_NAME);
    }
    add("a symbolic link", append(new TarZst.Entry("blobs/sha256/link", TarConstants.LF_SYMLINK, "/etc/passwd",
        new byte[0])), RefusalReason.LINK_ENTRY);
    add("a hard link in place of a blob", replace(blob.name(), old -> new TarZst.Entry(old.name(),
        TarConstants.LF_LINK, "oci-layout", new byte[0])), RefusalReason.LINK_ENTRY);
    add("a directory entry", append(new TarZst.Entry("blobs/", TarConstants.LF_DIR, "", new byte[0])),
        RefusalReason.UNSUPPORTED_ENTRY_TYPE);
    add("the same blob twice", append(blob), RefusalReason.DUPLICATE_ENTRY);
    add("a blob's header declaring 1 TiB (a decompression bomb)", bomb(blob.name()), RefusalReason.SIZE_MISMATCH);
    add("bundle.json not first", reordered(), RefusalReason.NOT_A_SIGNED_ARCHIVE);
    add("a plain tar, not zstd", tar, RefusalReason.NOT_A_SIGNED_ARCHIVE);
    ByteArrayOutputStream trailing = new ByteArrayOutputStream();
    trailing.write(tar);
    trailing.write("smuggled".getBytes(StandardCharsets.UTF_8));
    add("data after the end of the tar", TarZst.zstd(trailing.toByteArray()), RefusalReason.TRUNCATED_OR_DAMAGED);
    String hex = blob.name().substring("blobs/sha256/".length());
    String forged = json.replaceFirst("\"path\" : \"blobs/sha256/" + hex + "\"", "\"path\" : \"blobs/sha256/other\"");
    add("a re-signed index listing a blob under another path", resigned(forged.getBytes(StandardCharsets.UTF_8), key),
        RefusalReason.MALFORMED_INDEX);
    add("an empty upload", new byte[0], RefusalReason.NOT_A_SIGNED_ARCHIVE);
    return List.copyOf(cases);
  }

  private void add(String name, byte[] bytes, RefusalReason reason) {
    cases.add(new Case(name, bytes, reason));
  }

  private byte[] replace(String name, UnaryOperator<TarZst.Entry> change) throws IOException {
    List<TarZst.Entry> copy = new ArrayList<>(entries);
    copy.replaceAll(entry -> entry.name().equals(name) ? change.apply(entry) : entry);
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

  private byte[] reordered() throws IOException {
    List<TarZst.Entry> copy = new ArrayList<>(entries);
    copy.add(0, copy.remove(2));
    return TarZst.write(copy);
  }

  /** Every other entry, then half of {@code blob} under its full-size header, in a complete zstd frame. */
  private byte[] cutInside(TarZst.Entry blob) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ZstdOutputStream zstd = new ZstdOutputStream(bytes);
    TarArchiveOutputStream tar = TarZst.tar(zstd);
    for (TarZst.Entry entry : entries) {
      if (!entry.name().equals(blob.name())) {
        TarZst.put(tar, entry);
      }
    }
    TarArchiveEntry header = new TarArchiveEntry(blob.name(), true);
    header.setSize(blob.content().length);
    tar.putArchiveEntry(header);
    tar.write(blob.content(), 0, blob.content().length / 2);
    tar.flush();
    zstd.close();
    return bytes.toByteArray();
  }

  private byte[] bomb(String blobName) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ZstdOutputStream zstd = new ZstdOutputStream(bytes);
    TarArchiveOutputStream tar = TarZst.tar(zstd);
    for (TarZst.Entry entry : entries.subList(0, 4)) {
      TarZst.put(tar, entry);
    }
    TarArchiveEntry bomb = new TarArchiveEntry(blobName, true);
    bomb.setSize(1L << 40);
    tar.putArchiveEntry(bomb);
    tar.write(new byte[1 << 20]);
    tar.flush();
    zstd.close();
    return bytes.toByteArray();
  }
}
