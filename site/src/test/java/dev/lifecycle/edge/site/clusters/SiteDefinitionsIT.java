package dev.lifecycle.edge.site.clusters;

import static dev.lifecycle.edge.site.clusters.SiteFixtures.definition;
import static dev.lifecycle.edge.site.clusters.SiteFixtures.retail140;
import static dev.lifecycle.edge.site.clusters.SiteFixtures.retail150;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Definitions kept at the site, against the embedded API: verified before anything is kept. */
class SiteDefinitionsIT {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static EmbeddedKubernetes api;

  @TempDir
  Path dir;
  private KubernetesClient client;
  private String namespace;
  private SiteDefinitions definitions;

  @BeforeAll
  static void start() {
    api = EmbeddedKubernetes.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void site() {
    client = api.client();
    namespace = "site-" + NAMESPACES.incrementAndGet();
    api.createNamespace(namespace);
    definitions = new SiteDefinitions(client, namespace, dir.resolve("data"), SiteFixtures.TRUST,
        Clock.fixed(NOW, ZoneOffset.UTC), SiteDefinitions.DEFAULT_MAX_BYTES);
  }

  private SiteDefinitions.Upload upload(Path archive) throws Exception {
    try (InputStream in = Files.newInputStream(archive)) {
      return definitions.upload(in);
    }
  }

  private List<String> profiles() {
    return client.resources(ClusterProfile.class).inNamespace(namespace).list().getItems().stream()
        .map(p -> p.getMetadata().getName()).sorted().toList();
  }

  /** Every file under the site's data directory. */
  private List<String> files() throws IOException {
    Path data = dir.resolve("data");
    if (!Files.exists(data)) {
      return List.of();
    }
    try (Stream<Path> tree = Files.walk(data)) {
      return tree.filter(Files::isRegularFile).map(p -> data.relativize(p).toString()).sorted().toList();
    }
  }

  private void assertRefused(ThrowingUpload upload, int status, String code, String message) throws Exception {
    List<String> filesBefore = files();
    List<String> profilesBefore = profiles();
    assertThatThrownBy(upload::run).isInstanceOfSatisfying(RequestRefused.class, e -> {
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).contains(message);
    });
    assertThat(files()).isEqualTo(filesBefore);
    assertThat(profiles()).isEqualTo(profilesBefore);
  }

  interface ThrowingUpload {
    void run() throws Exception;
  }

  @Test
  @DisplayName("When a signed definition is uploaded, then it is kept by digest, its versions are in the store and "
      + "it is listed with versions, variables, size, signer and upload time")
  void keepsAndLists() throws Exception {
    Path archive = definition(dir, retail140(), retail150());

    SiteDefinitions.Upload upload = upload(archive);

    String digest = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest
        .getInstance("SHA-256").digest(Files.readAllBytes(archive)));
    assertThat(upload.alreadyKept()).isFalse();
    assertThat(upload.definition().digest()).isEqualTo(digest);
    assertThat(profiles()).containsExactly("retail-1.4.0", "retail-1.5.0");
    ClusterProfile stored = client.resources(ClusterProfile.class).inNamespace(namespace).withName("retail-1.5.0")
        .get();
    assertThat(stored.getSpec().getLayers()).extracting(l -> l.getVersion()).containsExactly("1.4.0", "1.31.1",
        "2.1.0");

    List<DefinitionSummary> listed = definitions.list();
    assertThat(listed).singleElement().satisfies(summary -> {
      assertThat(summary.digest()).isEqualTo(digest);
      assertThat(summary.name()).isEqualTo("retail");
      assertThat(summary.namespace()).isEqualTo("retail");
      assertThat(summary.size()).isEqualTo(Files.size(archive));
      assertThat(summary.signer()).isEqualTo(SiteFixtures.KEY.keyId().value());
      assertThat(summary.uploadedAt()).isEqualTo(NOW);
      assertThat(summary.usedBy()).isEmpty();
      assertThat(summary.versions()).extracting(DefinitionSummary.Version::name, DefinitionSummary.Version::version)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("retail-1.4.0", "1.4.0"),
              org.assertj.core.groups.Tuple.tuple("retail-1.5.0", "1.5.0"));
      assertThat(summary.versions().get(1).variables()).extracting(ProfileVariable::getName)
          .containsExactly("storeId", "dbPassword", "replicas");
    });
    String hex = digest.substring("sha256:".length());
    assertThat(files()).contains("content/definitions/" + hex + "/archive.tar.zst",
        "content/definitions/" + hex + "/kept.json", "content/definitions/" + hex + "/files/definition.json",
        "content/definitions/" + hex + "/files/profiles/retail-1.5.0.yaml");
    assertThat(files()).noneMatch(f -> f.startsWith("content/definitions/tmp/"));

    // Read back after a restart of the site: the same definition.
    SiteDefinitions restarted = new SiteDefinitions(client, namespace, dir.resolve("data"), SiteFixtures.TRUST,
        Clock.systemUTC(), SiteDefinitions.DEFAULT_MAX_BYTES);
    assertThat(restarted.get(digest).versionList()).isEqualTo("retail-1.4.0 (1.4.0), retail-1.5.0 (1.5.0)");
  }

  @Test
  @DisplayName("When the same definition is uploaded again, then it is already kept and nothing changes")
  void idempotentByDigest() throws Exception {
    Path archive = definition(dir, retail140());
    SiteDefinitions.Upload first = upload(archive);
    List<String> files = files();
    String resourceVersion = client.resources(ClusterProfile.class).inNamespace(namespace).withName("retail-1.4.0")
        .get().getMetadata().getResourceVersion();

    SiteDefinitions.Upload again = upload(archive);

    assertThat(again.alreadyKept()).isTrue();
    assertThat(again.definition().digest()).isEqualTo(first.definition().digest());
    assertThat(again.definition().uploadedAt()).isEqualTo(first.definition().uploadedAt());
    assertThat(files()).isEqualTo(files);
    assertThat(client.resources(ClusterProfile.class).inNamespace(namespace).withName("retail-1.4.0").get()
        .getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    assertThat(definitions.list()).hasSize(1);
  }

  @Test
  @DisplayName("When a definition's file was tampered with, then it is refused (DIGEST_MISMATCH) and the store and "
      + "the data directory are unchanged")
  void tamperedRefused() throws Exception {
    upload(definition(dir, retail140()));
    byte[] good = Files.readAllBytes(definition(dir, retail150()));
    // Rewrite the archive with one profile's bytes changed after the index was signed: a tampered file.
    Path tampered = Tampering.changeFile(dir, good, "profiles/retail-1.5.0.yaml", "1.31.1", "1.31.9");

    assertRefused(() -> upload(tampered), 422, "DefinitionRefused", "DIGEST_MISMATCH");
    assertThat(profiles()).containsExactly("retail-1.4.0");
  }

  @Test
  @DisplayName("When a definition is signed by a key the site does not trust, or unsigned, then it is refused and "
      + "nothing is kept")
  void untrustedRefused() throws Exception {
    SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ED25519);
    assertRefused(() -> upload(definition(dir, Optional.of(stranger), retail140())), 422, "DefinitionRefused",
        "UNTRUSTED_KEY");
    assertRefused(() -> upload(definition(dir, Optional.empty(), retail140())), 422, "DefinitionRefused",
        "NOT_A_SIGNED_ARCHIVE");
    assertRefused(() -> definitions.upload(new ByteArrayInputStream("not an archive".getBytes())), 422,
        "DefinitionRefused", "");
    assertThat(profiles()).isEmpty();
  }

  @Test
  @DisplayName("When a truncated upload arrives (the connection broke), then it is refused and nothing is kept")
  void truncatedRefused() throws Exception {
    byte[] good = Files.readAllBytes(definition(dir, retail140(), retail150()));
    byte[] half = java.util.Arrays.copyOf(good, good.length / 2);
    assertRefused(() -> definitions.upload(new ByteArrayInputStream(half)), 422, "DefinitionRefused",
        "TRUNCATED_OR_DAMAGED");
  }

  @Test
  @DisplayName("When the sender's connection breaks mid-upload, then the upload is refused as interrupted and nothing "
      + "is kept")
  void interruptedRefused() throws Exception {
    byte[] good = Files.readAllBytes(definition(dir, retail140(), retail150()));
    InputStream breaking = new java.io.FilterInputStream(new ByteArrayInputStream(good)) {
      private int read;

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (read > good.length / 2) {
          throw new IOException("Connection reset");
        }
        int n = super.read(buffer, offset, Math.min(length, 512));
        read += Math.max(n, 0);
        return n;
      }
    };
    assertRefused(() -> definitions.upload(breaking), 400, "UploadInterrupted", "the upload broke off before its end");
  }

  @Test
  @DisplayName("When an upload is larger than the bound, then it is refused as too large and nothing is kept; one of "
      + "exactly the bound is kept")
  void oversizedRefused() throws Exception {
    Path archive = definition(dir, retail140(), retail150());
    definitions = new SiteDefinitions(client, namespace, dir.resolve("data"), SiteFixtures.TRUST,
        Clock.systemUTC(), Files.size(archive) - 1);
    assertRefused(() -> upload(archive), 413, "UploadTooLarge", "larger than the site accepts");

    definitions = new SiteDefinitions(client, namespace, dir.resolve("data"), SiteFixtures.TRUST,
        Clock.systemUTC(), Files.size(archive));
    assertThat(upload(archive).definition().size()).isEqualTo(Files.size(archive));
  }

  @Test
  @DisplayName("When the store holds a version of the same name with other content, then the upload is refused "
      + "naming it, and nothing is kept")
  void conflictRefused() throws Exception {
    ClusterProfile other = retail150();
    other.getSpec().getLayers().get(1).setVersion("1.31.2");
    other.getMetadata().setNamespace(namespace);
    client.resource(other).create();

    assertRefused(() -> upload(definition(dir, retail140(), retail150())), 409, "ProfileConflict",
        "ClusterProfile retail-1.5.0 already exists at the site with other content (its spec.layers differs)");
    assertThat(profiles()).containsExactly("retail-1.5.0");
  }

  @Test
  @DisplayName("When a definition is used by a cluster, then deleting it is refused naming the cluster; unused, it "
      + "is deleted with the versions only it brought")
  void deleteOnlyUnused() throws Exception {
    String v1 = upload(definition(dir, retail140())).definition().digest();
    String v2 = upload(definition(dir, retail140(), retail150())).definition().digest();
    EdgeCluster cluster = SiteClustersIT.clusterUsing(namespace, "store-0042", "retail-1.4.0", v1);
    client.resource(cluster).create();

    assertThatThrownBy(() -> definitions.delete(v1)).isInstanceOfSatisfying(RequestRefused.class, e -> {
      assertThat(e.status()).isEqualTo(409);
      assertThat(e.getMessage()).isEqualTo("the definition " + v1 + " (retail) is used by cluster store-0042: a "
          + "cluster keeps the definition it runs and the one it ran before; it was not deleted");
    });
    assertThat(definitions.describe(v1).usedBy()).containsExactly("store-0042");

    definitions.delete(v2);

    assertThat(definitions.list()).extracting(DefinitionSummary::digest).containsExactly(v1);
    // retail-1.4.0 is also in v1, which stays; retail-1.5.0 came only with v2 and no cluster names it.
    assertThat(profiles()).containsExactly("retail-1.4.0");
    assertThat(files()).noneMatch(f -> f.contains(v2.substring("sha256:".length())));
    assertThatThrownBy(() -> definitions.get(v2)).isInstanceOfSatisfying(RequestRefused.class,
        e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> definitions.get("../../etc")).isInstanceOfSatisfying(RequestRefused.class,
        e -> assertThat(e.status()).isEqualTo(400));
  }
}
