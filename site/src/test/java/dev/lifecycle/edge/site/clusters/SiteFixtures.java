package dev.lifecycle.edge.site.clusters;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.ChartReference;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.VariableType;
import dev.lifecycle.edge.bundle.archive.Compression;
import dev.lifecycle.edge.bundle.archive.SignedArchiveWriter;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import dev.lifecycle.edge.operator.definition.DefinitionContents;
import dev.lifecycle.edge.operator.definition.DefinitionIndex;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Profile versions of a store profile, and definitions of them made by the operator's export code. */
public final class SiteFixtures {

  public static final SigningKey KEY = SigningKey.generate(SignatureAlgorithm.ED25519);
  public static final TrustStore TRUST = TrustStore.of(KEY.publicKey());

  private SiteFixtures() {
  }

  /**
   * {@code retail-<version>} with an os, a kubernetes and an addon layer; its k3s layer names the store with
   * {@code ${vars.storeId}} and the database password with {@code ${vars.dbPassword}}.
   */
  public static ClusterProfile retail(String version, String osVersion, String k3sVersion, String addonVersion) {
    ProfileLayer os = new ProfileLayer("edge-os", LayerType.OS, osVersion);
    os.setImage("registry.example.com/edge/os:" + osVersion);
    ProfileLayer k3s = new ProfileLayer("k3s", LayerType.KUBERNETES, k3sVersion);
    k3s.setImage("registry.example.com/edge/k3s:v" + k3sVersion);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("node-name", "store-${vars.storeId}");
    values.put("datastore", "postgres://app:${vars.dbPassword}@db");
    k3s.setValues(values);
    ProfileLayer monitoring = new ProfileLayer("monitoring", LayerType.ADDON, addonVersion);
    monitoring.setChart(new ChartReference("oci://registry.example.com/charts", "monitoring"));
    ClusterProfile profile = new ClusterProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName("retail-" + version)
        .withLabels(new LinkedHashMap<>(Map.of(ApiGroup.PROFILE_LABEL, "retail"))).build());
    ClusterProfileSpec spec = new ClusterProfileSpec(version, new ArrayList<>(List.of(os, k3s, monitoring)));
    ProfileVariable storeId = new ProfileVariable("storeId", VariableType.STRING);
    storeId.setPattern("^[0-9]{4}$");
    storeId.setRequired(true);
    storeId.setDescription("The store's four-digit number.");
    ProfileVariable password = new ProfileVariable("dbPassword", VariableType.STRING);
    password.setSensitive(true);
    password.setRequired(true);
    ProfileVariable replicas = new ProfileVariable("replicas", VariableType.NUMBER);
    replicas.setDefaultValue("2");
    spec.setVariables(new ArrayList<>(List.of(storeId, password, replicas)));
    profile.setSpec(spec);
    return profile;
  }

  /** Version 1.4.0: edge-os 1.4.0, k3s 1.30.4, monitoring 2.0.0. */
  public static ClusterProfile retail140() {
    return retail("1.4.0", "1.4.0", "1.30.4", "2.0.0");
  }

  /** Version 1.5.0: the same os, k3s 1.31.1, monitoring 2.1.0. */
  public static ClusterProfile retail150() {
    return retail("1.5.0", "1.4.0", "1.31.1", "2.1.0");
  }

  /** A definition of these versions as the operator's export writes it, signed by {@link #KEY}. */
  public static Path definition(Path dir, ClusterProfile... versions) throws IOException {
    return definition(dir, Optional.of(KEY), versions);
  }

  static Path definition(Path dir, Optional<SigningKey> key, ClusterProfile... versions) throws IOException {
    DefinitionContents contents = DefinitionContents.of("retail", List.of(versions), key.map(SigningKey::keyId));
    Path archive = dir.resolve("definition-" + System.nanoTime() + ".tar.zst");
    SignedArchiveWriter writer = key.map(signing -> new SignedArchiveWriter(signing, Compression.defaults()))
        .orElseGet(() -> SignedArchiveWriter.unsigned(Compression.defaults()));
    writer.write(archive, DefinitionIndex.FILE_NAME, contents.index().toJson(),
        file -> new ByteArrayInputStream(contents.files().get(file.path())));
    return archive;
  }

  /** A kept definition of these versions, as the site reads one back (for the planners' tests). */
  static KeptDefinition kept(ClusterProfile... versions) {
    DefinitionContents contents = DefinitionContents.of("retail", List.of(versions), Optional.of(KEY.keyId()));
    return new KeptDefinition("sha256:" + "ab".repeat(32), 1234, KEY.keyId().value(),
        Instant.parse("2026-12-06T10:00:00Z"), contents.index(), List.of(versions));
  }

  static byte[] bytes(Path file) throws IOException {
    return Files.readAllBytes(file);
  }
}
