package dev.lifecycle.edge.bundle;

import dev.lifecycle.edge.bundle.archive.ArchiveLimits;
import dev.lifecycle.edge.bundle.archive.RefusedException;
import dev.lifecycle.edge.bundle.archive.SignedArchiveReader;
import dev.lifecycle.edge.bundle.archive.VerifiedArchive;
import dev.lifecycle.edge.bundle.sign.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Verifies a content bundle in one streaming pass (docs/bundles.md, "Verification"): bundle.json's signature
 * against the trust store before anything else, then bundle.json itself (and a delta's base against the site's
 * inventory), then every blob's size and digest while it is staged. The verified OCI layout lands in the
 * caller's staging directory, which the caller then moves into its content store; a refused bundle leaves the
 * staging directory empty.
 */
public final class BundleVerifier {

  private final SignedArchiveReader reader;

  public BundleVerifier(TrustStore trust) {
    this(trust, ArchiveLimits.defaults());
  }

  public BundleVerifier(TrustStore trust, ArchiveLimits limits) {
    this.reader = new SignedArchiveReader(trust, limits);
  }

  /**
   * @param site             the blobs the site holds, for delta bundles; null when it holds none
   * @param stagingDirectory empty or absent; on a fresh start, delete what an interrupted verification left
   * @throws IOException the staging directory could not be written (the bundle was not judged)
   */
  public BundleVerification verify(InputStream bundle, SiteInventory site, Path stagingDirectory) throws IOException {
    BundleIndex[] index = new BundleIndex[1];
    try {
      VerifiedArchive archive = reader.read(bundle, BundleFormat.INDEX,
          (json, files) -> index[0] = BundleIndexCheck.check(json, files, site), stagingDirectory);
      return new BundleVerification.Accepted(index[0], archive);
    } catch (RefusedException e) {
      return new BundleVerification.Refused(e.refusal());
    }
  }

  public BundleVerification verify(Path bundle, SiteInventory site, Path stagingDirectory) throws IOException {
    try (InputStream in = Files.newInputStream(bundle)) {
      return verify(in, site, stagingDirectory);
    }
  }
}
