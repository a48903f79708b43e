package dev.lifecycle.edge.bundle;

import dev.lifecycle.edge.bundle.archive.Refusal;
import dev.lifecycle.edge.bundle.archive.VerifiedArchive;

/** What verifying a bundle gives: accepted, with its verified files staged, or refused with the reason. */
public sealed interface BundleVerification {

  /**
   * Every check passed. The OCI layout (and bundle.json with its signature) lies in {@code archive.directory()};
   * for a delta bundle, the blobs of {@code index.base()} are not there but at the site already.
   */
  record Accepted(BundleIndex index, VerifiedArchive archive) implements BundleVerification {
  }

  /** Refused; nothing of the bundle was kept. */
  record Refused(Refusal refusal) implements BundleVerification {
  }
}
