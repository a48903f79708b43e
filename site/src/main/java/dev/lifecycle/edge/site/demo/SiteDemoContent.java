package dev.lifecycle.edge.site.demo;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.VariableType;
import dev.lifecycle.edge.bundle.BlobSource;
import dev.lifecycle.edge.bundle.BuiltBundle;
import dev.lifecycle.edge.bundle.BundleFormat;
import dev.lifecycle.edge.bundle.BundlePlan;
import dev.lifecycle.edge.bundle.BundleWriter;
import dev.lifecycle.edge.bundle.Descriptor;
import dev.lifecycle.edge.bundle.ImagePlan;
import dev.lifecycle.edge.bundle.InlineManifest;
import dev.lifecycle.edge.bundle.ProfileRef;
import dev.lifecycle.edge.bundle.SiteInventory;
import dev.lifecycle.edge.bundle.archive.Compression;
import dev.lifecycle.edge.bundle.archive.SignedArchiveWriter;
import dev.lifecycle.edge.bundle.sign.PemKeys;
import dev.lifecycle.edge.bundle.sign.SignatureAlgorithm;
import dev.lifecycle.edge.bundle.sign.SigningKey;
import dev.lifecycle.edge.operator.definition.DefinitionContents;
import dev.lifecycle.edge.operator.definition.DefinitionIndex;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A small profile, {@code demo-store} 1.0.0 and 1.1.0, and what a site needs of it, made on the spot and signed
 * by a key of its own: the cluster definition of both versions, the content bundle of 1.0.0, and the bundle of
 * 1.1.0, whole or as a delta against a site's inventory. The images are generated (random layers, a real OCI
 * manifest each): they are pulled from the site registry, never run.
 *
 * <p>1.0.0 is edge-os 1.0.0, k3s v1.30.4 and the pos app 1.0.0; 1.1.0 keeps the os, moves k3s to v1.31.1 (hosts
 * restart their services) and the app to 1.1.0. The os layer is shared, so a delta bundle of 1.1.0 leaves it out.
 */
public final class SiteDemoContent implements BlobSource {

  public static final String PROFILE = "demo-store";
  public static final String NAMESPACE = "site";
  public static final String V1 = "1.0.0";
  public static final String V2 = "1.1.0";
  static final String REGISTRY = "registry.demo.example";
  private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final String CONFIG = "application/vnd.oci.image.config.v1+json";

  private final SigningKey key;
  private final Map<String, byte[]> blobs = new HashMap<>();
  private final Random random;
  private final Descriptor osLayer;

  /** Content of the given seed (the same seed makes the same blobs), signed by a new Ed25519 key. */
  public SiteDemoContent(long seed) {
    this.key = SigningKey.generate(SignatureAlgorithm.ED25519);
    this.random = new Random(seed);
    this.osLayer = blob(LAYER, randomBytes(40_000));
  }

  /** The key that signs; its public half is what the site must trust. */
  public SigningKey key() {
    return key;
  }

  /** Writes the public key, in the PEM form {@code --trust-key} reads. */
  public Path writePublicKey(Path file) throws IOException {
    Files.writeString(file, PemKeys.toPem(key.publicKey()));
    return file;
  }

  /** The profile version: edge-os, k3s and the pos app as images, a required store number. */
  public static ClusterProfile profile(String version) {
    boolean second = V2.equals(version);
    List<ProfileLayer> layers = new ArrayList<>();
    for (String[] layer : layerImages(version)) {
      ProfileLayer profileLayer = new ProfileLayer(layer[0], LayerType.valueOf(layer[1]), layer[2]);
      profileLayer.setImage(layer[3]);
      layers.add(profileLayer);
    }
    ClusterProfile profile = new ClusterProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName(PROFILE + "-" + version)
        .withLabels(new LinkedHashMap<>(Map.of(ApiGroup.PROFILE_LABEL, PROFILE))).build());
    ClusterProfileSpec spec = new ClusterProfileSpec(second ? V2 : V1, layers);
    ProfileVariable storeId = new ProfileVariable("storeId", VariableType.STRING);
    storeId.setPattern("^[0-9]{4}$");
    storeId.setRequired(true);
    storeId.setDescription("The store's four-digit number.");
    spec.setVariables(new ArrayList<>(List.of(storeId)));
    profile.setSpec(spec);
    return profile;
  }

  /** Every image a version's layers name, e.g. {@code registry.demo.example/edge/k3s:v1.30.4}. */
  public static List<String> images(String version) {
    return layerImages(version).stream().map(layer -> layer[3]).toList();
  }

  private static List<String[]> layerImages(String version) {
    boolean second = V2.equals(version);
    String k3s = second ? "1.31.1" : "1.30.4";
    String app = second ? "1.1.0" : "1.0.0";
    return List.of(
        new String[] {"edge-os", "OS", "1.0.0", REGISTRY + "/edge/os:1.0.0"},
        new String[] {"k3s", "KUBERNETES", k3s, REGISTRY + "/edge/k3s:v" + k3s},
        new String[] {"pos", "ADDON", app, REGISTRY + "/retail/pos:" + app});
  }

  /** The signed cluster definition of both versions, as {@code definition export} writes it. */
  public Path writeDefinition(Path target) throws IOException {
    DefinitionContents contents = DefinitionContents.of(NAMESPACE, List.of(profile(V1), profile(V2)),
        Optional.of(key.keyId()));
    new SignedArchiveWriter(key, Compression.defaults()).write(target, DefinitionIndex.FILE_NAME,
        contents.index().toJson(), file -> new ByteArrayInputStream(contents.files().get(file.path())));
    return target;
  }

  /** The bundle of a version; a delta when {@code base} is given (it leaves out what the site holds). */
  public BuiltBundle writeBundle(String version, SiteInventory base, Path target) throws IOException {
    List<ImagePlan> images = new ArrayList<>();
    for (String reference : images(version)) {
      images.add(image(reference));
    }
    return new BundleWriter(key).write(new BundlePlan(List.of(new ProfileRef(PROFILE, version)), images,
        List.of()), this, base, target);
  }

  /** The manifest digest the site registry must serve for an image of {@link #images}. */
  public String manifestDigest(String reference) {
    return image(reference).manifest().digest();
  }

  private ImagePlan image(String reference) {
    Descriptor own = reference.contains("/edge/os:") ? osLayer : blob(LAYER, seeded(reference, 20_000));
    Descriptor config = blob(CONFIG, ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":"
        + "\"layers\",\"diff_ids\":[]},\"config\":{\"Labels\":{\"ref\":\"" + reference + "\"}}}")
        .getBytes(StandardCharsets.UTF_8));
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + BundleFormat.OCI_MANIFEST_MEDIA_TYPE
        + "\",\"config\":" + json(config) + ",\"layers\":[" + json(own) + "]}";
    return ImagePlan.single(reference, new InlineManifest(BundleFormat.OCI_MANIFEST_MEDIA_TYPE,
        manifest.getBytes(StandardCharsets.UTF_8)), List.of(config, own));
  }

  @Override
  public InputStream open(Descriptor blob) throws IOException {
    byte[] bytes = blobs.get(blob.digest());
    if (bytes == null) {
      throw new IOException("no blob " + blob.digest());
    }
    return new ByteArrayInputStream(bytes);
  }

  private Descriptor blob(String mediaType, byte[] bytes) {
    Descriptor descriptor = new Descriptor(mediaType, sha256(bytes), bytes.length);
    blobs.put(descriptor.digest(), bytes);
    return descriptor;
  }

  private byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  /** The same bytes for a reference every time, so that an image keeps its digest across bundles. */
  private static byte[] seeded(String reference, int size) {
    byte[] bytes = new byte[size];
    new Random(reference.hashCode()).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String json(Descriptor descriptor) {
    return "{\"mediaType\":\"" + descriptor.mediaType() + "\",\"digest\":\"" + descriptor.digest() + "\",\"size\":"
        + descriptor.size() + "}";
  }
}
