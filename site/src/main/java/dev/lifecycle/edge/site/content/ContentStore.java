package dev.lifecycle.edge.site.content;

import dev.lifecycle.edge.bundle.BundleFormat;
import dev.lifecycle.edge.bundle.BundleIndex;
import dev.lifecycle.edge.bundle.BundleVerification;
import dev.lifecycle.edge.bundle.BundleVerifier;
import dev.lifecycle.edge.bundle.ProfileRef;
import dev.lifecycle.edge.bundle.SiteInventory;
import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import dev.lifecycle.edge.bundle.archive.BoundedInputStream;
import dev.lifecycle.edge.bundle.archive.Refusal;
import dev.lifecycle.edge.bundle.archive.RefusalReason;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's content: verified bundles and their blobs by digest, under one directory ({@code DIR/content}):
 *
 * <pre>
 * bundles.json              the bundles held (ContentIndexFile), replaced atomically
 * blobs/sha256/&lt;hex&gt;        every blob once, whichever bundles need it
 * bundles/&lt;hex&gt;/bundle.json  each bundle's signed index and its signature, as uploaded
 * tmp/                      uploads being verified; emptied when the store opens
 * </pre>
 *
 * An upload is streamed into {@code tmp/} and verified there (BundleVerifier: the signature before anything else,
 * every blob's size and digest); only an accepted bundle's blobs are moved into {@code blobs/}, synced, and only then
 * is the bundle recorded. A refused or interrupted upload leaves nothing: its temporary directory is deleted, and
 * blobs that a crash left unrecorded are deleted when the store opens. Thread-safe: uploads verify in parallel, and
 * what changes the store (committing an upload, deleting, collecting garbage) happens one at a time.
 */
public final class ContentStore {

  private static final Logger LOG = LoggerFactory.getLogger(ContentStore.class);
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._+@=,:()-]{1,200}");

  private final Path directory;
  private final Path blobs;
  private final Path indexes;
  private final Path tmp;
  private final ContentIndexFile indexFile;
  private final TrustStore trust;
  private final ContentLimits limits;
  private final Clock clock;
  private final Object changes = new Object();
  /** Immutable, replaced on every change: readers (the registry) take it without a lock. */
  private volatile Holdings holdings;

  private record Holdings(List<BundleRecord> bundles, Set<String> blobs) {
    static Holdings of(List<BundleRecord> bundles) {
      Set<String> blobs = new TreeSet<>();
      bundles.forEach(bundle -> blobs.addAll(bundle.blobs()));
      return new Holdings(List.copyOf(bundles), java.util.Collections.unmodifiableSet(blobs));
    }
  }

  private ContentStore(Path directory, TrustStore trust, ContentLimits limits, Clock clock) {
    this.directory = directory;
    this.blobs = directory.resolve("blobs").resolve("sha256");
    this.indexes = directory.resolve("bundles");
    this.tmp = directory.resolve("tmp");
    this.indexFile = new ContentIndexFile(directory);
    this.trust = trust;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Opens (or creates) the store in {@code directory}: empties {@code tmp/}, reads the index, and deletes the blobs and
   * bundle indexes that no recorded bundle needs (what a crash during an upload or a deletion left).
   *
   * @throws IOException the directory cannot be written, or its index is unreadable (the message names the file)
   */
  public static ContentStore open(Path directory, TrustStore trust, ContentLimits limits, Clock clock)
      throws IOException {
    ContentStore store = new ContentStore(directory, trust, limits, clock);
    store.start();
    return store;
  }

  private void start() throws IOException {
    Files.createDirectories(blobs);
    Files.createDirectories(indexes);
    Files.createDirectories(tmp);
    int leftovers = deleteChildren(tmp);
    if (leftovers > 0) {
      LOG.warn("content store {}: deleted {} unfinished upload(s) left in tmp/ by an earlier run", directory,
          leftovers);
    }
    holdings = Holdings.of(indexFile.read());
    Set<String> orphans = ContentRetention.unreferenced(blobsOnDisk(), holdings.bundles());
    deleteBlobs(orphans);
    Set<String> recorded = holdings.bundles().stream().map(bundle -> hex(bundle.id())).collect(Collectors.toSet());
    try (DirectoryStream<Path> children = Files.newDirectoryStream(indexes)) {
      for (Path child : children) {
        if (!recorded.contains(child.getFileName().toString())) {
          deleteTree(child);
        }
      }
    }
    if (!orphans.isEmpty()) {
      LOG.warn("content store {}: deleted {} blob(s) no bundle records (an upload or a deletion was interrupted)",
          directory, orphans.size());
    }
  }

  /**
   * Verifies a bundle streamed from {@code archive} and keeps it when it passes. Reads the stream to the end of the
   * archive, or until it is refused (the caller closes it).
   *
   * @param name what to call the bundle in lists; null for a name made of the profiles it covers
   * @throws IOException              the store's disk failed (nothing was kept)
   * @throws IllegalArgumentException the name is not printable text of at most 200 characters (nothing was read)
   */
  public UploadOutcome upload(InputStream archive, String name) throws IOException {
    if (name != null && !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a bundle name is 1 to 200 letters, digits, spaces and . _ + @ = , : ( ) -");
    }
    Path staging = tmp.resolve("upload-" + UUID.randomUUID());
    // past the bound the verifier sees a damaged archive; exceeded() answers with the bound instead
    BoundedInputStream limited = new BoundedInputStream(archive, limits.maxUploadBytes());
    try {
      BundleVerification verdict;
      try {
        verdict = new BundleVerifier(trust, limits.archive()).verify(limited, SiteInventory.of(holdings.blobs()),
            staging);
      } catch (IOException e) {
        if (limited.exceeded()) {
          return tooLarge(limited);
        }
        throw e;
      }
      if (limited.exceeded()) {
        return tooLarge(limited);
      }
      if (verdict instanceof BundleVerification.Refused refused) {
        return new UploadOutcome.Refused(refused.refusal());
      }
      return commit((BundleVerification.Accepted) verdict, name, limited.count());
    } finally {
      deleteTree(staging);
    }
  }

  private static UploadOutcome tooLarge(BoundedInputStream limited) {
    return new UploadOutcome.Refused(new Refusal(RefusalReason.TOO_LARGE, "the upload is larger than the "
        + limited.limit() + " bytes this site accepts; nothing was kept"));
  }

  private UploadOutcome commit(BundleVerification.Accepted accepted, String name, long archiveBytes)
      throws IOException {
    BundleIndex index = accepted.index();
    String id = sha256(accepted.archive().index());
    synchronized (changes) {
      Holdings now = holdings;
      Optional<BundleRecord> existing = now.bundles().stream().filter(bundle -> bundle.id().equals(id)).findFirst();
      if (existing.isPresent()) {
        return new UploadOutcome.Stored(existing.get(), true);
      }
      Set<String> needed = new TreeSet<>();
      long contentBytes = 0;
      for (ArchiveFile file : accepted.archive().files()) {
        if (isBlob(file)) {
          needed.add(file.digest());
          contentBytes += file.size();
        }
      }
      if (index.base() != null) {
        // checked by the verifier against the holdings when it started; a deletion since may have taken some
        List<String> gone = new ArrayList<>();
        for (BundleIndex.BlobRef blob : index.base().blobs()) {
          if (needed.add(blob.digest())) {
            contentBytes += blob.size();
          }
          if (!now.blobs().contains(blob.digest())) {
            gone.add(blob.digest());
          }
        }
        if (!gone.isEmpty()) {
          return new UploadOutcome.Refused(new Refusal(RefusalReason.BASE_MISSING, "this delta bundle needs "
              + gone.size() + " blob(s) the site no longer holds (deleted while it was uploaded): "
              + String.join(", ", gone.subList(0, Math.min(3, gone.size()))) + (gone.size() > 3 ? ", ..." : "")
              + "; upload the bundle it builds on again, or a full bundle"));
        }
      }
      Set<String> added = new TreeSet<>();
      try {
        for (ArchiveFile file : accepted.archive().files()) {
          if (!isBlob(file)) {
            continue;
          }
          Path target = blobs.resolve(hex(file.digest()));
          if (!Files.exists(target)) {
            Path staged = accepted.archive().fileOf(file);
            Durability.syncFile(staged);
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            added.add(file.digest());
          }
        }
        Durability.syncDirectory(blobs);
        Path kept = indexes.resolve(hex(id));
        Files.createDirectories(kept);
        for (String entry : List.of(BundleFormat.INDEX, BundleFormat.SIGNATURE)) {
          Path staged = accepted.archive().directory().resolve(entry);
          Durability.syncFile(staged);
          Files.move(staged, kept.resolve(entry), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        Durability.syncDirectory(kept);
        Durability.syncDirectory(indexes);
        BundleRecord record = new BundleRecord(id, name != null ? name : nameOf(index.profiles()), index.profiles(),
            artifacts(index), List.copyOf(needed), index.base() != null, archiveBytes, contentBytes,
            accepted.archive().signer().value(), clock.instant().toString());
        List<BundleRecord> next = new ArrayList<>(now.bundles());
        next.add(record);
        indexFile.write(next);
        holdings = Holdings.of(next);
        LOG.info("content store: stored bundle {} ({}, {} new blob(s) of {}, signed by {})", record.name(), id,
            added.size(), needed.size(), record.signer());
        return new UploadOutcome.Stored(record, false);
      } catch (IOException | RuntimeException e) {
        deleteBlobs(added);
        deleteTree(indexes.resolve(hex(id)));
        throw e;
      }
    }
  }

  /** The bundles held, in the order they were stored. */
  public List<BundleRecord> bundles() {
    return holdings.bundles();
  }

  public Optional<BundleRecord> bundle(String id) {
    return holdings.bundles().stream().filter(bundle -> bundle.id().equals(id)).findFirst();
  }

  /**
   * Deletes a bundle unless {@code inUse} (ids of the bundles clusters run) names it, with the blobs no other bundle
   * needs.
   */
  public DeleteOutcome delete(String id, Set<String> inUse) throws IOException {
    synchronized (changes) {
      Optional<BundleRecord> found = bundle(id);
      if (found.isEmpty()) {
        return new DeleteOutcome.Unknown(id);
      }
      if (inUse.contains(id)) {
        return new DeleteOutcome.InUse(found.get());
      }
      ContentRetention.Decision decision = ContentRetention.decide(holdings.bundles(), othersThan(id),
          Set.of());
      apply(decision);
      return new DeleteOutcome.Deleted(found.get(), decision.blobs());
    }
  }

  private Set<String> othersThan(String id) {
    return holdings.bundles().stream().map(BundleRecord::id).filter(other -> !other.equals(id))
        .collect(Collectors.toSet());
  }

  /**
   * Garbage collection: keeps the bundles clusters run ({@code inUse}), for each the version before
   * ({@link ContentRetention#previousVersions}), and those waiting for their first use
   * ({@link ContentRetention#awaitingUse}); deletes every other bundle and the blobs only they needed.
   */
  public ContentRetention.Decision collectGarbage(Set<String> inUse) throws IOException {
    synchronized (changes) {
      Set<String> kept = new TreeSet<>(ContentRetention.previousVersions(holdings.bundles(), inUse));
      kept.addAll(ContentRetention.awaitingUse(holdings.bundles(), inUse));
      return collectGarbage(inUse, kept);
    }
  }

  /** Garbage collection keeping {@code inUse} and {@code kept}, as the caller decided them. */
  public ContentRetention.Decision collectGarbage(Set<String> inUse, Set<String> kept) throws IOException {
    synchronized (changes) {
      ContentRetention.Decision decision = ContentRetention.decide(holdings.bundles(), inUse, kept);
      apply(decision);
      if (!decision.isEmpty()) {
        LOG.info("content store: garbage collection deleted {} bundle(s) and {} blob(s)", decision.bundles().size(),
            decision.blobs().size());
      }
      return decision;
    }
  }

  /** Records first, blobs after: a crash in between leaves unrecorded blobs, which the next start deletes. */
  private void apply(ContentRetention.Decision decision) throws IOException {
    if (decision.bundles().isEmpty()) {
      return;
    }
    Set<String> gone = decision.bundles().stream().map(BundleRecord::id).collect(Collectors.toSet());
    List<BundleRecord> next = holdings.bundles().stream().filter(bundle -> !gone.contains(bundle.id())).toList();
    indexFile.write(next);
    holdings = Holdings.of(next);
    deleteBlobs(decision.blobs());
    for (String id : gone) {
      deleteTree(indexes.resolve(hex(id)));
    }
  }

  /** What the site holds, for delta bundles built centrally ({@code bundle build --inventory}). */
  public SiteInventory inventory() {
    return SiteInventory.of(holdings.blobs());
  }

  /** The file of a blob the store holds; empty for a digest it does not hold or that is not a sha256 digest. */
  public Optional<Path> blob(String digest) {
    if (digest == null || !holdings.blobs().contains(digest)) {
      return Optional.empty();
    }
    return Optional.of(blobs.resolve(hex(digest)));
  }

  public Path directory() {
    return directory;
  }

  private static boolean isBlob(ArchiveFile file) {
    return file.path().equals(BundleFormat.blobPath(file.digest()));
  }

  private static List<BundleRecord.Artifact> artifacts(BundleIndex index) {
    List<BundleRecord.Artifact> artifacts = new ArrayList<>();
    index.images().forEach(image -> artifacts.add(new BundleRecord.Artifact(BundleRecord.Kind.IMAGE,
        image.reference(), image.manifest())));
    index.charts().forEach(chart -> artifacts.add(new BundleRecord.Artifact(BundleRecord.Kind.CHART,
        chart.reference(), chart.manifest())));
    return artifacts;
  }

  private static String nameOf(List<ProfileRef> profiles) {
    if (profiles.isEmpty()) {
      return "bundle";
    }
    return profiles.stream().map(profile -> profile.name() + "-" + profile.version()).collect(Collectors.joining("+"));
  }

  private Set<String> blobsOnDisk() throws IOException {
    Set<String> found = new HashSet<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(blobs)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (HEX.matcher(name).matches() && Files.isRegularFile(child)) {
          found.add("sha256:" + name);
        } else {
          deleteTree(child);
        }
      }
    }
    return found;
  }

  private void deleteBlobs(Set<String> digests) throws IOException {
    for (String digest : digests) {
      Files.deleteIfExists(blobs.resolve(hex(digest)));
    }
    if (!digests.isEmpty()) {
      Durability.syncDirectory(blobs);
    }
  }

  private static String hex(String digest) {
    return ArchiveFile.checkDigest(digest).substring("sha256:".length());
  }

  private static int deleteChildren(Path directory) throws IOException {
    int count = 0;
    try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
      for (Path child : children) {
        deleteTree(child);
        count++;
      }
    }
    return count;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "ContentStore[" + directory + ", " + holdings.bundles().size() + " bundle(s)]";
  }
}
