package dev.lifecycle.edge.site.content;

import java.util.Set;

/** What deleting a bundle gives. */
public sealed interface DeleteOutcome {

  /** @param blobs the blobs deleted with it: those no other bundle needs */
  record Deleted(BundleRecord bundle, Set<String> blobs) implements DeleteOutcome {
  }

  /** A cluster uses it: nothing was deleted. */
  record InUse(BundleRecord bundle) implements DeleteOutcome {
  }

  /** The store holds no bundle of that id. */
  record Unknown(String id) implements DeleteOutcome {
  }
}
