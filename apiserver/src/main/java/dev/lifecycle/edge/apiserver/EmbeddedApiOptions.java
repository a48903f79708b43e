package dev.lifecycle.edge.apiserver;

import dev.lifecycle.edge.apiserver.store.CompactionPolicy;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start an {@link EmbeddedKubernetes}: its port on the loopback interface (0: any free one) and,
 * for a durable API, the directory of its store (see {@link dev.lifecycle.edge.apiserver.store.DurableStore})
 * and when to compact it. Without a directory, the API keeps everything in memory, as the demo and
 * the tests want.
 */
public record EmbeddedApiOptions(int port, Optional<Path> storeDirectory, CompactionPolicy compaction) {

  public EmbeddedApiOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the embedded API's port must be 0 (any free port) to 65535, not " + port);
    }
    Objects.requireNonNull(storeDirectory, "storeDirectory");
    Objects.requireNonNull(compaction, "compaction");
  }

  /** In memory, on the port. */
  public static EmbeddedApiOptions inMemory(int port) {
    return new EmbeddedApiOptions(port, Optional.empty(), CompactionPolicy.DEFAULT);
  }

  /** Durable in the directory (such as {@code DIR/store}), on the port. */
  public static EmbeddedApiOptions durable(Path storeDirectory, int port) {
    return new EmbeddedApiOptions(port, Optional.of(storeDirectory), CompactionPolicy.DEFAULT);
  }

  public EmbeddedApiOptions withCompaction(CompactionPolicy policy) {
    return new EmbeddedApiOptions(port, storeDirectory, policy);
  }
}
