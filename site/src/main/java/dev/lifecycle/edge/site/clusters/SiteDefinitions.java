package dev.lifecycle.edge.site.clusters;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.bundle.archive.BoundedInputStream;
import dev.lifecycle.edge.bundle.archive.RefusedException;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import dev.lifecycle.edge.operator.definition.DefinitionIndex;
import dev.lifecycle.edge.operator.definition.DefinitionVerifier;
import dev.lifecycle.edge.operator.definition.VerifiedDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cluster definitions kept at the site (docs/disconnected-sites.md, "Clusters at a site"), under
 * {@code DIR/content/definitions}: an upload is verified with the operator's {@link DefinitionVerifier} against
 * the site's trust store while it streams into {@code tmp/}, its profile versions are put into the store, and only
 * then is it moved, in one rename, to its digest's directory. A refused or interrupted upload leaves nothing: no
 * file under its digest, no profile. Uploading the same archive again changes nothing.
 *
 * <p>Layout of a kept definition: {@code <hex>/archive.tar.zst} (the upload as it came), {@code <hex>/files/}
 * (its verified files, {@code definition.json} among them) and {@code <hex>/kept.json} (size, signer, upload
 * time).
 */
public final class SiteDefinitions {

  /** The bound on an upload unless told otherwise: a definition is a few profile versions. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  private static final Pattern DIGEST = Pattern.compile("^sha256:[0-9a-f]{64}$");
  private static final String ARCHIVE = "archive.tar.zst";
  private static final String FILES = "files";
  private static final String KEPT = "kept.json";
  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final KubernetesClient client;
  private final String namespace;
  private final Path root;
  private final DefinitionVerifier verifier;
  private final Clock clock;
  private final long maxBytes;
  /**
   * Held while a definition is kept or deleted, and by the cluster services while they write a cluster that uses
   * one: a definition is never deleted between the check that nothing uses it and a cluster starting to.
   */
  private final Object lock = new Object();

  /** What kept.json holds. */
  record KeptFile(String digest, long size, String signer, Instant uploadedAt) {
  }

  /** The outcome of an upload: the definition kept, as listed, and whether it was kept before this upload already. */
  public record Upload(DefinitionSummary definition, boolean alreadyKept) {
  }

  /**
   * @param dataDir the site's data directory (DIR); definitions live under {@code content/definitions}
   * @param trust the keys the site trusts; only definitions signed by one are kept
   */
  public SiteDefinitions(KubernetesClient client, String namespace, Path dataDir, TrustStore trust, Clock clock,
      long maxBytes) {
    this(client, namespace, dataDir, DefinitionVerifier.signedBy(trust), clock, maxBytes);
  }

  /** With another verifier, such as {@link DefinitionVerifier#allowingUnsigned}. */
  public SiteDefinitions(KubernetesClient client, String namespace, Path dataDir, DefinitionVerifier verifier,
      Clock clock, long maxBytes) {
    this.client = client;
    this.namespace = namespace;
    this.root = dataDir.resolve("content").resolve("definitions");
    this.verifier = verifier;
    this.clock = clock;
    this.maxBytes = maxBytes;
    try {
      // What a crash left mid-upload or mid-delete: never a definition, so nothing to keep.
      deleteTree(root.resolve("tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + root.resolve("tmp"), e);
    }
  }

  /**
   * Verifies the definition read from {@code upload}, puts its profile versions into the store and keeps it.
   *
   * @throws RequestRefused 422 {@code DefinitionRefused} with the verifier's reason, 413 {@code UploadTooLarge},
   *     409 {@code ProfileConflict}, 400 {@code UploadInterrupted} when reading the upload failed; nothing kept,
   *     nothing put into the store
   */
  public Upload upload(InputStream upload) throws RequestRefused, IOException {
    Path tmp = root.resolve("tmp");
    Files.createDirectories(tmp);
    Path work = tmp.resolve(UUID.randomUUID().toString());
    Files.createDirectories(work);
    try {
      return keep(upload, work);
    } finally {
      deleteTree(work);
    }
  }

  private Upload keep(InputStream upload, Path work) throws RequestRefused, IOException {
    Path staging = work.resolve(FILES);
    VerifiedDefinition verified;
    String digest;
    long size;
    try (OutputStream copy = Files.newOutputStream(work.resolve(ARCHIVE))) {
      UploadStream stream = new UploadStream(upload, copy, maxBytes);
      try {
        verified = verifier.verify(stream, staging);
        stream.drain();
      } catch (RefusedException e) {
        if (stream.exceeded()) {
          throw tooLarge();
        }
        if (stream.broken()) {
          throw interrupted();
        }
        throw new RequestRefused(RequestRefused.UNPROCESSABLE, "DefinitionRefused", "the definition was refused ("
            + e.refusal().reason() + "): " + e.refusal().message() + "; nothing was kept");
      } catch (BoundedInputStream.TooLarge e) {
        throw tooLarge();
      } catch (IOException e) {
        if (stream.broken()) {
          throw interrupted();
        }
        throw e;
      }
      digest = stream.digest();
      size = stream.count();
    }
    List<ClusterProfile> versions = readVersions(verified.index(), staging);
    KeptFile kept = new KeptFile(digest, size, verified.signer() == null ? null : verified.signer().value(),
        clock.instant());
    synchronized (lock) {
      Optional<KeptDefinition> existing = find(digest);
      if (existing.isPresent()) {
        apply(existing.get());
        return new Upload(summary(existing.get(), clusters()), true);
      }
      KeptDefinition definition = new KeptDefinition(digest, size, kept.signer(), kept.uploadedAt(),
          verified.index(), versions);
      List<String> created = apply(definition);
      Files.write(work.resolve(KEPT), JSON.writeValueAsBytes(kept));
      try {
        move(work, directoryOf(digest));
      } catch (IOException | RuntimeException e) {
        deleteProfiles(created);
        throw e;
      }
      return new Upload(summary(definition, clusters()), false);
    }
  }

  private static RequestRefused interrupted() {
    return new RequestRefused(RequestRefused.BAD_REQUEST, "UploadInterrupted", "the upload broke off before its "
        + "end; nothing was kept: upload the definition again");
  }

  private static RequestRefused tooLarge() {
    return new RequestRefused(RequestRefused.TOO_LARGE, "UploadTooLarge", "the upload is larger than the site "
        + "accepts for a cluster definition; nothing was kept");
  }

  /**
   * Puts the definition's profile versions into the store: creates those the store lacks, leaves those it
   * holds as they are.
   *
   * @return the names of the versions it created
   * @throws RequestRefused 409 {@code ProfileConflict} when the store holds a version of the same name with other
   *     content; nothing created
   */
  public List<String> apply(KeptDefinition definition) throws RequestRefused {
    List<ClusterProfile> existing = client.resources(ClusterProfile.class).inNamespace(namespace).list().getItems();
    ProfileConflicts.Decision decision = ProfileConflicts.decide(definition.versions(), existing);
    if (!decision.conflicts().isEmpty()) {
      throw RequestRefused.all(RequestRefused.CONFLICT, "ProfileConflict", "the definition's profile versions "
          + "clash with those at the site; nothing was kept", decision.conflicts());
    }
    List<String> created = new ArrayList<>();
    try {
      for (ClusterProfile profile : decision.toCreate()) {
        ClusterProfile copy = YAML.convertValue(profile, ClusterProfile.class);
        copy.getMetadata().setNamespace(namespace);
        client.resource(copy).inNamespace(namespace).create();
        created.add(profile.getMetadata().getName());
      }
    } catch (KubernetesClientException e) {
      deleteProfiles(created);
      throw new RequestRefused(e.getCode() == RequestRefused.CONFLICT ? RequestRefused.CONFLICT
          : RequestRefused.UNPROCESSABLE, "ProfileRefused", "the site's API refused a profile version of the "
          + "definition: " + ApiMessages.of(e) + "; nothing was kept");
    }
    return created;
  }

  private void deleteProfiles(List<String> names) {
    for (String name : names) {
      client.resources(ClusterProfile.class).inNamespace(namespace).withName(name).delete();
    }
  }

  /** The lock that keeps a definition from being deleted while a cluster starts to use it. */
  Object lock() {
    return lock;
  }

  /** The definitions kept, oldest upload first. */
  public List<DefinitionSummary> list() throws IOException {
    List<EdgeCluster> clusters = clusters();
    List<DefinitionSummary> summaries = new ArrayList<>();
    for (KeptDefinition definition : all()) {
      summaries.add(summary(definition, clusters));
    }
    return summaries;
  }

  /** One kept definition's summary. */
  public DefinitionSummary describe(String digest) throws RequestRefused, IOException {
    return summary(get(digest), clusters());
  }

  /**
   * The kept definition of this digest.
   *
   * @throws RequestRefused 404 {@code DefinitionNotFound}; 400 for a malformed digest
   */
  public KeptDefinition get(String digest) throws RequestRefused, IOException {
    checkDigest(digest);
    return find(digest).orElseThrow(() -> new RequestRefused(RequestRefused.NOT_FOUND, "DefinitionNotFound",
        "no cluster definition " + digest + " is kept at the site"));
  }

  /**
   * Deletes a definition no cluster uses, and the profile versions it brought that no other kept definition holds
   * and no cluster names.
   *
   * @throws RequestRefused 409 {@code DefinitionInUse} naming the clusters; 404 when not kept
   */
  public void delete(String digest) throws RequestRefused, IOException {
    synchronized (lock) {
      KeptDefinition definition = get(digest);
      List<EdgeCluster> clusters = clusters();
      List<String> users = usedBy(digest, clusters);
      if (!users.isEmpty()) {
        throw new RequestRefused(RequestRefused.CONFLICT, "DefinitionInUse", "the definition " + digest + " ("
            + definition.name() + ") is used by cluster" + (users.size() == 1 ? " " : "s ") + String.join(", ", users)
            + ": a cluster keeps the definition it runs and the one it ran before; it was not deleted");
      }
      List<String> elsewhere = new ArrayList<>();
      for (KeptDefinition other : all()) {
        if (!other.digest().equals(digest)) {
          other.versions().forEach(p -> elsewhere.add(p.getMetadata().getName()));
        }
      }
      List<String> named = new ArrayList<>();
      for (EdgeCluster cluster : clusters) {
        if (cluster.getSpec() != null && cluster.getSpec().getProfileRef() != null) {
          named.add(cluster.getSpec().getProfileRef().getName());
        }
        if (cluster.getStatus() != null && cluster.getStatus().getUpgrade() != null) {
          named.add(cluster.getStatus().getUpgrade().getFromProfile());
          named.add(cluster.getStatus().getUpgrade().getToProfile());
        }
      }
      Path directory = directoryOf(digest);
      // Moved out of its digest's name first: a crash in between leaves a tmp/ directory, never half a definition.
      Path doomed = root.resolve("tmp").resolve("deleting-" + UUID.randomUUID());
      Files.createDirectories(doomed.getParent());
      move(directory, doomed);
      deleteTree(doomed);
      deleteProfiles(definition.versions().stream().map(p -> p.getMetadata().getName())
          .filter(name -> !elsewhere.contains(name) && !named.contains(name)).toList());
    }
  }

  private DefinitionSummary summary(KeptDefinition definition, List<EdgeCluster> clusters) {
    List<DefinitionSummary.Version> versions = definition.versions().stream()
        .map(p -> new DefinitionSummary.Version(p.getMetadata().getName(), definition.index().profiles().stream()
            .filter(e -> e.name().equals(p.getMetadata().getName())).map(DefinitionIndex.Profile::profile)
            .findFirst().orElse(null), p.getSpec().getVersion(), p.getSpec().getDescription(),
            p.getSpec().getVariables() == null ? List.of() : List.copyOf(p.getSpec().getVariables())))
        .toList();
    return new DefinitionSummary(definition.digest(), definition.name(), definition.index().namespace(), versions,
        definition.size(), definition.signer(), definition.uploadedAt(), usedBy(definition.digest(), clusters));
  }

  static List<String> usedBy(String digest, List<EdgeCluster> clusters) {
    return clusters.stream().filter(c -> {
      Map<String, String> annotations = c.getMetadata().getAnnotations();
      return annotations != null && (digest.equals(annotations.get(SiteLabels.DEFINITION))
          || digest.equals(annotations.get(SiteLabels.PREVIOUS_DEFINITION)));
    }).map(c -> c.getMetadata().getName()).sorted().toList();
  }

  private List<EdgeCluster> clusters() {
    return client.resources(EdgeCluster.class).inNamespace(namespace).list().getItems();
  }

  private List<KeptDefinition> all() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<KeptDefinition> kept = new ArrayList<>();
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : entries.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).toList()) {
        find("sha256:" + entry.getFileName()).ifPresent(kept::add);
      }
    }
    kept.sort(Comparator.comparing(KeptDefinition::uploadedAt).thenComparing(KeptDefinition::digest));
    return kept;
  }

  private Optional<KeptDefinition> find(String digest) throws IOException {
    Path directory = directoryOf(digest);
    Path keptFile = directory.resolve(KEPT);
    if (!Files.isRegularFile(keptFile)) {
      return Optional.empty();
    }
    KeptFile kept = JSON.readValue(keptFile.toFile(), KeptFile.class);
    Path files = directory.resolve(FILES);
    DefinitionIndex index = DefinitionIndex.parse(Files.readAllBytes(files.resolve(DefinitionIndex.FILE_NAME)));
    try {
      return Optional.of(new KeptDefinition(kept.digest(), kept.size(), kept.signer(), kept.uploadedAt(), index,
          readVersions(index, files)));
    } catch (RequestRefused e) {
      throw new IOException("the kept definition " + digest + " cannot be read: " + e.getMessage());
    }
  }

  /** The profile versions, read from their verified manifests; each must be the ClusterProfile its index names. */
  private static List<ClusterProfile> readVersions(DefinitionIndex index, Path files) throws RequestRefused {
    List<ClusterProfile> versions = new ArrayList<>();
    for (DefinitionIndex.Profile entry : index.profiles()) {
      ClusterProfile profile;
      try {
        profile = YAML.readValue(files.resolve(entry.manifest()).toFile(), ClusterProfile.class);
      } catch (IOException e) {
        throw new RequestRefused(RequestRefused.UNPROCESSABLE, "DefinitionRefused", "the definition's "
            + entry.manifest() + " is not a ClusterProfile manifest: " + e.getMessage() + "; nothing was kept");
      }
      if (profile == null || profile.getMetadata() == null || !entry.name().equals(profile.getMetadata().getName())
          || profile.getSpec() == null || !"ClusterProfile".equals(profile.getKind())) {
        throw new RequestRefused(RequestRefused.UNPROCESSABLE, "DefinitionRefused", "the definition's "
            + entry.manifest() + " is not the ClusterProfile " + entry.name() + " its index names; nothing was kept");
      }
      versions.add(profile);
    }
    return versions;
  }

  private Path directoryOf(String digest) {
    return root.resolve(digest.substring("sha256:".length()));
  }

  private static void checkDigest(String digest) throws RequestRefused {
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw new RequestRefused(RequestRefused.BAD_REQUEST, "InvalidDigest", "a definition is named by its digest, "
          + "sha256: and 64 lower-case hexadecimal digits" + (digest == null ? "" : "; '" + digest + "' is not one"));
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the site's data directory must allow atomic renames: " + e.getMessage(), e);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(to + " exists already", e);
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> tree = Files.walk(directory)) {
      paths = tree.sorted(Comparator.reverseOrder()).toList();
    }
    try {
      paths.forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
