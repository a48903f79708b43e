package dev.lifecycle.edge.bundle;

import dev.lifecycle.edge.bundle.archive.ArchiveFile;
import dev.lifecycle.edge.bundle.archive.RefusalReason;
import dev.lifecycle.edge.bundle.archive.RefusedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of a signed bundle.json before any blob is read: the format, an OCI layout's files and nothing
 * else, every image and chart manifest in the bundle or its base, and, for a delta bundle, every blob of its
 * base held by the site.
 */
final class BundleIndexCheck {

  private BundleIndexCheck() {
  }

  /** @param site the site's inventory; null when the site holds nothing (a delta bundle is then refused) */
  static BundleIndex check(byte[] json, List<ArchiveFile> files, SiteInventory site) throws RefusedException {
    BundleIndex index;
    try {
      index = BundleIndex.parse(json);
    } catch (IOException e) {
      throw malformed("not a bundle index: " + e.getMessage());
    }
    if (!BundleFormat.FORMAT.equals(index.format())) {
      throw malformed("\"format\" is " + index.format() + ", not " + BundleFormat.FORMAT);
    }
    if (index.formatVersion() != BundleFormat.FORMAT_VERSION) {
      throw malformed("format version " + index.formatVersion() + "; this program reads version "
          + BundleFormat.FORMAT_VERSION);
    }
    Map<String, Long> sizes = new HashMap<>();
    boolean layout = false;
    boolean ociIndex = false;
    for (ArchiveFile file : files) {
      if (file.path().equals(BundleFormat.OCI_LAYOUT)) {
        layout = true;
      } else if (file.path().equals(BundleFormat.OCI_INDEX)) {
        ociIndex = true;
      } else if (!file.path().equals(BundleFormat.blobPath(file.digest()))) {
        throw malformed("the file " + file.path() + " is neither oci-layout, index.json nor blobs/sha256/<its digest>");
      } else {
        sizes.put(file.digest(), file.size());
      }
    }
    if (!layout || !ociIndex) {
      throw malformed("an OCI image layout needs oci-layout and index.json");
    }
    if (index.base() != null) {
      for (BundleIndex.BlobRef blob : index.base().blobs()) {
        try {
          ArchiveFile.checkDigest(blob.digest());
        } catch (IllegalArgumentException e) {
          throw malformed("base: " + e.getMessage());
        }
        if (sizes.putIfAbsent(blob.digest(), blob.size()) != null) {
          throw malformed("blob " + blob.digest() + " is both in the bundle and in its base");
        }
      }
    }
    for (BundleIndex.ImageEntry image : index.images()) {
      requireManifest("image " + image.reference(), image.manifest(), sizes);
    }
    for (BundleIndex.ChartEntry chart : index.charts()) {
      requireManifest("chart " + chart.reference(), chart.manifest(), sizes);
    }
    if (index.base() != null) {
      List<String> absent = new ArrayList<>();
      for (BundleIndex.BlobRef blob : index.base().blobs()) {
        if (site == null || !site.contains(blob.digest())) {
          absent.add(blob.digest());
        }
      }
      if (!absent.isEmpty()) {
        throw new RefusedException(RefusalReason.BASE_MISSING, "this delta bundle was built against inventory "
            + index.base().inventory() + " and needs " + absent.size() + " blob(s) the site does not hold: "
            + String.join(", ", absent.subList(0, Math.min(3, absent.size()))) + (absent.size() > 3 ? ", ..." : "")
            + "; install the bundle it builds on first, or ask for a full bundle");
      }
    }
    return index;
  }

  private static void requireManifest(String what, Descriptor manifest, Map<String, Long> sizes)
      throws RefusedException {
    if (manifest == null) {
      throw malformed(what + " has no manifest");
    }
    Long size = sizes.get(manifest.digest());
    if (size == null) {
      throw malformed(what + ": its manifest " + manifest.digest() + " is neither in the bundle nor in its base");
    }
    if (size != manifest.size()) {
      throw malformed(what + ": its manifest " + manifest.digest() + " is listed with " + size + " bytes, not "
          + manifest.size());
    }
  }

  private static RefusedException malformed(String message) {
    return new RefusedException(RefusalReason.MALFORMED_INDEX, BundleFormat.INDEX + ": " + message);
  }
}
