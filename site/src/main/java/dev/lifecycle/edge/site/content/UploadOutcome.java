package dev.lifecycle.edge.site.content;

import dev.lifecycle.edge.bundle.archive.Refusal;

/** What an upload gives: the bundle stored (or found already there), or refused with nothing kept. */
public sealed interface UploadOutcome {

  /** @param alreadyPresent the store held this bundle (same signed bundle.json) before: nothing was added */
  record Stored(BundleRecord bundle, boolean alreadyPresent) implements UploadOutcome {
  }

  /** Refused with the verifier's reason (or TOO_LARGE, BASE_MISSING from the store); the store is unchanged. */
  record Refused(Refusal refusal) implements UploadOutcome {
  }
}
