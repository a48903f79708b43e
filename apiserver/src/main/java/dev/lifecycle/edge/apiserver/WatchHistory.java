package dev.lifecycle.edge.apiserver;

import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The recent changes of the store, so that a watch that names a resourceVersion starts right after it, as
 * the Kubernetes API's watch cache does: a client that listed at version N (an informer, {@code kubectl get
 * -w}), or whose watch ended at N (an informer renews its watch every 5 to 10 minutes), gets every change
 * after N, deletions included, and nothing twice. A watch from a version older than the history reaches
 * is answered 410 Gone, and the client lists again.
 *
 * <p>The history keeps the newest changes whose objects hold at most {@code budgetChars} characters of JSON
 * (the texts are those the store holds or held, not copies). The store keeps one per kind, so that a kind
 * that rarely changes keeps its changes however often another does. Not thread-safe: the store's write
 * monitor guards it.
 */
final class WatchHistory {

  /**
   * A change as the store made it: the object under {@code before} (null: none) is now under {@code after}
   * (null: deleted); {@code current} is its JSON now, or its last state at the deletion's version.
   */
  record Change(long resourceVersion, AttributeSet before, AttributeSet after, String current) {

    int chars() {
      return current.length();
    }
  }

  private final long budgetChars;
  private final Deque<Change> changes = new ArrayDeque<>();
  private long heldChars;
  /** Changes at or below this version may be missing: a watch from before it cannot be served. */
  private long forgottenThrough;

  WatchHistory(long budgetChars) {
    this(budgetChars, 0);
  }

  /** @param forgottenThrough the changes up to this version are not known (the store was restored there) */
  WatchHistory(long budgetChars, long forgottenThrough) {
    if (budgetChars < 1) {
      throw new IllegalArgumentException("a watch history needs a positive budget, got " + budgetChars);
    }
    this.budgetChars = budgetChars;
    this.forgottenThrough = forgottenThrough;
  }

  /** Records a change; versions only grow. The oldest changes go once the budget is spent. */
  void add(Change change) {
    if (!changes.isEmpty() && change.resourceVersion() < changes.peekLast().resourceVersion()) {
      throw new IllegalArgumentException("resourceVersion " + change.resourceVersion() + " after "
          + changes.peekLast().resourceVersion());
    }
    changes.addLast(change);
    heldChars += change.chars();
    while (heldChars > budgetChars && changes.size() > 1) {
      Change oldest = changes.removeFirst();
      heldChars -= oldest.chars();
      forgottenThrough = Math.max(forgottenThrough, oldest.resourceVersion());
    }
  }

  /**
   * The changes after {@code resourceVersion}, oldest first; empty when some of them are no longer held (the
   * watch is too old: 410 Gone).
   */
  Optional<List<Change>> since(long resourceVersion) {
    if (resourceVersion < forgottenThrough) {
      return Optional.empty();
    }
    return Optional.of(changes.stream().filter(change -> change.resourceVersion() > resourceVersion).toList());
  }

  /** Forgets every change up to {@code resourceVersion} (the store was reset or restored from disk). */
  void forgetThrough(long resourceVersion) {
    changes.clear();
    heldChars = 0;
    forgottenThrough = Math.max(forgottenThrough, resourceVersion);
  }

  /** The oldest version a watch may start from. */
  long oldestServable() {
    return forgottenThrough;
  }
}
