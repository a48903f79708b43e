package dev.lifecycle.edge.apiserver.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a store's start found: the generation loaded, how many objects and log records, the
 * resourceVersion the store continues from, and, when the log's end was not sound, where it was cut and
 * why. {@link #clean()} is true when nothing had to be cut or worked around.
 *
 * @param warnings what was worked around besides a cut (a damaged snapshot replaced by an older one and
 *     its logs), each a sentence
 */
public record Recovery(Path directory, long generation, int objects, long recordsReplayed, long resourceVersion,
    Optional<Cut> cut, List<String> warnings) {

  public Recovery {
    warnings = List.copyOf(warnings);
  }

  /**
   * Bytes cut from the end of a log: from {@code offset} on, {@code bytesCut} bytes, for {@code reason};
   * {@code recordsDropped} sound records were found after the bad one and dropped with it (a torn tail
   * has none).
   */
  public record Cut(Path file, long offset, long bytesCut, String reason, int recordsDropped) {

    /** One sentence for a log line or a status page. */
    public String describe() {
      return "cut " + file + " at byte " + offset + ": " + bytesCut + " bytes removed (" + reason + ")"
          + (recordsDropped == 0 ? "" : ", " + recordsDropped + " later records dropped with it");
    }
  }

  public boolean clean() {
    return cut.isEmpty() && warnings.isEmpty();
  }
}
