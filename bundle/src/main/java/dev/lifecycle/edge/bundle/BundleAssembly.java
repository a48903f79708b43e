package dev.lifecycle.edge.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a bundle's content from a plan, without I/O: each blob once (content-addressed, even when several
 * images share it), the blobs a site inventory holds left out, the OCI layout's {@code oci-layout} and
 * {@code index.json}, and {@code bundle.json}. Refuses an incomplete or inconsistent plan, naming the artifact.
 */
final class BundleAssembly {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a writer writes: the signed index, and for each file either its bytes or the descriptor to stream. */
  record Contents(BundleIndex index, Map<String, byte[]> inline, Map<String, Descriptor> streamed,
      Map<String, List<String>> usersByDigest) {
  }

  private BundleAssembly() {
  }

  static Contents assemble(BundlePlan plan, SiteInventory base) {
    Map<String, Descriptor> all = new LinkedHashMap<>();
    Map<String, byte[]> inlineBytes = new LinkedHashMap<>();
    Map<String, List<String>> users = new LinkedHashMap<>();
    List<BundleIndex.ImageEntry> images = new ArrayList<>();
    List<BundleIndex.ChartEntry> charts = new ArrayList<>();
    List<OciIndexEntry> ociEntries = new ArrayList<>();

    for (ImagePlan image : plan.images()) {
      String what = "image " + image.reference();
      List<InlineManifest> manifests = new ArrayList<>();
      manifests.add(image.manifest());
      manifests.addAll(image.childManifests());
      collect(what, manifests, image.blobs(), image.platforms(), base, all, inlineBytes, users);
      Descriptor top = image.manifest().descriptor();
      images.add(new BundleIndex.ImageEntry(image.reference(), top, image.platforms()));
      ociEntries.add(OciIndexEntry.of(top, image.reference()));
    }
    for (ChartPlan chart : plan.charts()) {
      collect("chart " + chart.reference(), List.of(chart.manifest()), chart.blobs(), List.of(), base, all,
          inlineBytes, users);
      Descriptor top = chart.manifest().descriptor();
      charts.add(new BundleIndex.ChartEntry(chart.reference(), top));
      ociEntries.add(OciIndexEntry.of(top, chart.reference()));
    }

    Map<String, byte[]> inline = new LinkedHashMap<>();
    Map<String, Descriptor> streamed = new LinkedHashMap<>();
    List<ArchiveFile> files = new ArrayList<>();
    byte[] ociLayout = "{\"imageLayoutVersion\":\"1.0.0\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] ociIndex = ociIndex(ociEntries);
    addInline(BundleFormat.OCI_LAYOUT, ociLayout, inline, files);
    addInline(BundleFormat.OCI_INDEX, ociIndex, inline, files);
    List<BundleIndex.BlobRef> leftOut = new ArrayList<>();
    for (Descriptor blob : all.values()) {
      if (base != null && base.contains(blob.digest())) {
        leftOut.add(new BundleIndex.BlobRef(blob.digest(), blob.size()));
        continue;
      }
      files.add(new ArchiveFile(blob.layoutPath(), blob.digest(), blob.size()));
      byte[] bytes = inlineBytes.get(blob.digest());
      if (bytes != null) {
        inline.put(blob.layoutPath(), bytes);
      } else {
        streamed.put(blob.layoutPath(), blob);
      }
    }
    BundleIndex.Base baseEntry = base == null ? null : new BundleIndex.Base(base.digest(), leftOut);
    BundleIndex index = new BundleIndex(BundleFormat.FORMAT, BundleFormat.FORMAT_VERSION, plan.profiles(), baseEntry,
        images, charts, files);
    return new Contents(index, inline, streamed, users);
  }

  private static void collect(String what, List<InlineManifest> manifests, List<Descriptor> blobs,
      List<String> platforms, SiteInventory base, Map<String, Descriptor> all, Map<String, byte[]> inlineBytes,
      Map<String, List<String>> users) {
    Map<String, InlineManifest> ownManifests = new LinkedHashMap<>();
    Map<String, Descriptor> ownBlobs = new LinkedHashMap<>();
    for (InlineManifest manifest : manifests) {
      ownManifests.put(manifest.digest(), manifest);
      add(what, manifest.descriptor(), all, users);
      inlineBytes.putIfAbsent(manifest.digest(), manifest.bytes());
    }
    for (Descriptor blob : blobs) {
      Descriptor earlier = ownBlobs.putIfAbsent(blob.digest(), blob);
      if (earlier != null && earlier.size() != blob.size()) {
        throw new IllegalArgumentException(what + ": blob " + blob.digest() + " is planned with sizes "
            + earlier.size() + " and " + blob.size());
      }
      add(what, blob, all, users);
    }
    new LayoutClosure(what, platforms, ownManifests, ownBlobs, base).check(manifests.get(0));
  }

  private static void add(String what, Descriptor blob, Map<String, Descriptor> all, Map<String, List<String>> users) {
    Descriptor earlier = all.putIfAbsent(blob.digest(), blob);
    List<String> names = users.computeIfAbsent(blob.digest(), digest -> new ArrayList<>());
    if (earlier != null && earlier.size() != blob.size()) {
      throw new IllegalArgumentException("blob " + blob.digest() + " is " + earlier.size() + " bytes for "
          + String.join(", ", names) + " but " + blob.size() + " bytes for " + what);
    }
    if (!names.contains(what)) {
      names.add(what);
    }
  }

  private static void addInline(String path, byte[] bytes, Map<String, byte[]> inline, List<ArchiveFile> files) {
    inline.put(path, bytes);
    files.add(new ArchiveFile(path, sha256(bytes), bytes.length));
  }

  @JsonPropertyOrder({"mediaType", "digest", "size", "annotations"})
  record OciIndexEntry(String mediaType, String digest, long size, Map<String, String> annotations) {
    static OciIndexEntry of(Descriptor descriptor, String reference) {
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put(BundleFormat.CONTAINERD_NAME_ANNOTATION, reference);
      annotations.put(BundleFormat.REF_NAME_ANNOTATION, reference);
      return new OciIndexEntry(descriptor.mediaType(), descriptor.digest(), descriptor.size(), annotations);
    }
  }

  @JsonPropertyOrder({"schemaVersion", "mediaType", "manifests"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record OciIndex(int schemaVersion, String mediaType, List<OciIndexEntry> manifests) {
  }

  private static byte[] ociIndex(List<OciIndexEntry> entries) {
    try {
      return (JSON.writeValueAsString(new OciIndex(2, BundleFormat.OCI_INDEX_MEDIA_TYPE, entries)) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
